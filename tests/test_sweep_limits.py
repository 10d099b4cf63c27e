"""Transaction limits: which batches break the per-transaction cap, and how they are split."""

from __future__ import annotations

from harness.ethereum.limits import TX_GAS_CAP
from harness.l2.workload import batches
from harness.onchain.rollup import commit_gas_lower_bound
from harness.sweep.limits import (
    HEADROOM,
    plan_batch_size,
    tx_gas_limit,
)

BLOCK = 60_000_000


def test_only_osaka_caps_a_transaction_below_the_block_gas_limit():
    assert tx_gas_limit("osaka", BLOCK) == TX_GAS_CAP
    assert tx_gas_limit("prague", BLOCK) == BLOCK


def test_a_batch_of_ordinary_size_is_not_split():
    assert plan_batch_size(100, 1000, seed=0, fork="osaka", block_gas_limit=BLOCK) is None


def test_a_batch_over_the_cap_is_split_into_batches_that_fit():
    split = plan_batch_size(9000, 3, seed=0, fork="osaka", block_gas_limit=BLOCK)
    assert split is not None
    assert split.requested_gas > TX_GAS_CAP
    assert split.txs_per_batch * split.parts >= 9000
    for batch in batches(split.proofs(3), split.txs_per_batch, 0):
        assert commit_gas_lower_bound(batch.encode(), "osaka") <= TX_GAS_CAP * (1 - HEADROOM)


def test_a_split_carries_the_same_transfers():
    split = plan_batch_size(9000, 3, seed=0, fork="osaka", block_gas_limit=BLOCK)
    assert split is not None
    whole = [t for b in batches(3, 9000, 0) for t in b.transfers]
    parts = [t for b in batches(split.proofs(3), split.txs_per_batch, 0) for t in b.transfers]
    assert parts[: len(whole)] == whole


def test_the_same_batch_fits_under_pragues_block_gas_limit():
    assert plan_batch_size(9000, 3, seed=0, fork="prague", block_gas_limit=BLOCK) is None


def test_a_batch_over_the_block_gas_limit_is_split_on_any_fork():
    split = plan_batch_size(9000, 2, seed=0, fork="prague", block_gas_limit=10_000_000)
    assert split is not None and split.limit == 10_000_000
