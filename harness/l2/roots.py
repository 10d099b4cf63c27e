"""The chain of state roots and data accumulators that a workload produces, batch by batch.

Index 0 is genesis (the genesis state root and ``acc[0] = 0^32``); index ``i`` is the state
after batch ``i`` (1-based, as the rollup contract numbers batches) together with ``acc[i]``.
A finalisation of the range ``[first, last]`` proves the move from checkpoint ``first - 1`` to
checkpoint ``last``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from harness.l2.batch import GENESIS_ACCUMULATOR, Batch, extend
from harness.l2.blob_batch import batch_hash
from harness.l2.state import L2State


@dataclass(frozen=True)
class Checkpoint:
    """The state root and accumulator after batch ``index`` (0 = genesis)."""

    index: int
    state_root: bytes
    accumulator: bytes


def chain_of_roots(
    genesis: L2State, batches: Iterable[Batch], da: str = "calldata"
) -> tuple[Checkpoint, ...]:
    """Run ``batches`` through the model from ``genesis``; one checkpoint per batch plus genesis.

    The accumulators are those of the data-availability mode ``da`` (see
    :mod:`harness.l2.blob_batch`). ``genesis`` itself is left unchanged. Invalid transfers are
    skipped, as a batch program does.
    """
    state = genesis.copy()
    acc = GENESIS_ACCUMULATOR
    checkpoints = [Checkpoint(0, state.root(), acc)]
    for batch in batches:
        state.apply_batch(batch.transfers)
        acc = extend(acc, batch_hash(batch.encode(), da))
        checkpoints.append(Checkpoint(len(checkpoints), state.root(), acc))
    return tuple(checkpoints)
