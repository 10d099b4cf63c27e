"""The chain of per-batch state roots and accumulators."""

from __future__ import annotations

from harness.l2 import workload
from harness.l2.batch import GENESIS_ACCUMULATOR, acc_next
from harness.l2.roots import chain_of_roots


def test_chain_starts_at_genesis_and_has_one_checkpoint_per_batch() -> None:
    genesis = workload.genesis(seed=4)
    batches = workload.batches(5, txs_per_batch=10, seed=4)
    checkpoints = chain_of_roots(genesis, batches)
    assert [c.index for c in checkpoints] == list(range(6))
    assert checkpoints[0].state_root == genesis.root()
    assert checkpoints[0].accumulator == GENESIS_ACCUMULATOR


def test_each_checkpoint_is_the_state_and_accumulator_after_its_batch() -> None:
    genesis = workload.genesis(seed=4)
    batches = workload.batches(3, txs_per_batch=10, seed=4)
    checkpoints = chain_of_roots(genesis, batches)
    state, acc = genesis.copy(), GENESIS_ACCUMULATOR
    for batch, checkpoint in zip(batches, checkpoints[1:], strict=True):
        state.apply_batch(batch.transfers)
        acc = acc_next(acc, batch.encode())
        assert (checkpoint.state_root, checkpoint.accumulator) == (state.root(), acc)


def test_every_batch_moves_the_state_root() -> None:
    checkpoints = chain_of_roots(workload.genesis(seed=2), workload.batches(6, 5, seed=2))
    roots = [c.state_root for c in checkpoints]
    assert len(set(roots)) == len(roots)


def test_chain_leaves_the_genesis_state_untouched() -> None:
    genesis = workload.genesis(seed=8)
    root = genesis.root()
    chain_of_roots(genesis, workload.batches(2, 10, seed=8))
    assert genesis.root() == root
