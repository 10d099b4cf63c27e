"""Transaction limits: the EIP-7825 per-transaction cap (Osaka) and the block gas limit.

No settlement transaction grows with the proof count or the strategy (each finalises one root
in O(1)), so what meets a limit is committing a large batch: its calldata is priced at the
EIP-7623 floor (10 gas per token: 40 per non-zero byte), and above ~8,000 transfers one
``commitBatch`` needs more than 2^24 gas. Such a batch cannot be committed on Osaka, so the
sweep commits the same transfers as several smaller batches (each proved on its own) and says
so; a batch over the block gas limit is split the same way on any fork.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from harness.ethereum.limits import limit_name, tx_gas_limit
from harness.l2.workload import batches
from harness.onchain.rollup import commit_gas_lower_bound

#: Share of the limit kept free when deciding whether a batch fits: a large commit costs its
#: calldata floor plus nothing (execution hides under the floor), so 2 % is ample.
HEADROOM = 0.02
#: Batches whose commit cost is checked when planning a batch size (they all have one shape).
SAMPLE_BATCHES = 4


@dataclass(frozen=True)
class BatchSplit:
    """A batch size too large to commit in one transaction, and the size used instead."""

    fork: str
    requested_txs_per_batch: int
    txs_per_batch: int
    parts: int
    #: Gas one batch of the requested size needs at least (its calldata floor).
    requested_gas: int
    limit: int
    limit_name: str

    def proofs(self, requested: int) -> int:
        """Batches (and proofs) that carry the transfers of ``requested`` unsplit batches."""
        return math.ceil(requested * self.requested_txs_per_batch / self.txs_per_batch)

    def to_json(self) -> dict[str, object]:
        """The split as recorded in the sweep's summary."""
        return {
            "fork": self.fork,
            "requested_txs_per_batch": self.requested_txs_per_batch,
            "txs_per_batch": self.txs_per_batch,
            "parts": self.parts,
            "requested_gas": self.requested_gas,
            "limit": self.limit,
            "limit_name": self.limit_name,
        }


def _largest_commit(size: int, count: int, seed: int, fork: str) -> int:
    sample = batches(min(count, SAMPLE_BATCHES), size, seed)
    return max(commit_gas_lower_bound(batch.encode(), fork) for batch in sample)


def plan_batch_size(
    txs_per_batch: int, max_proofs: int, *, seed: int, fork: str, block_gas_limit: int
) -> BatchSplit | None:
    """None if batches of ``txs_per_batch`` transfers can be committed on ``fork``; else the
    split into the fewest equal parts whose commits fit under the limit with headroom."""
    limit = tx_gas_limit(fork, block_gas_limit)
    usable = limit * (1 - HEADROOM)
    requested_gas = _largest_commit(txs_per_batch, max_proofs, seed, fork)
    if requested_gas <= usable:
        return None
    parts = max(2, math.ceil(requested_gas / usable))
    while True:
        size = math.ceil(txs_per_batch / parts)
        count = math.ceil(max_proofs * txs_per_batch / size)
        if _largest_commit(size, count, seed, fork) <= usable:
            return BatchSplit(
                fork,
                txs_per_batch,
                size,
                parts,
                requested_gas,
                limit,
                limit_name(fork, block_gas_limit),
            )
        parts += 1
