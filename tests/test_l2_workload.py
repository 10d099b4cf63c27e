"""The seeded workload: deterministic, valid, and shaped as asked."""

from __future__ import annotations

import hashlib

import pytest

from harness.common.errors import UsageError
from harness.l2 import workload
from harness.l2.state import Account


def test_same_seed_gives_identical_batches() -> None:
    first = [b.encode() for b in workload.batches(4, txs_per_batch=50, seed=9)]
    second = [b.encode() for b in workload.batches(4, txs_per_batch=50, seed=9)]
    assert first == second


#: SHA-256 of the encoded batches of two workloads, as this project has always generated them:
#: receipts kept from earlier runs replay only against the same batches.
KNOWN_WORKLOADS = [
    ((20, 100, 0), "e4529dff0eab3b6977914c88d80db89822dddfadcb8aa958c1bd9964cc8db288"),
    ((3, 1983, 5), "993608e025c2223c4627aca150ab51eaadbdd75967789c161b95e50df4f95540"),
]


@pytest.mark.parametrize(("shape", "digest"), KNOWN_WORKLOADS)
def test_a_seed_gives_the_batches_it_always_gave(shape: tuple[int, int, int], digest: str) -> None:
    n, txs_per_batch, seed = shape
    encoded = b"".join(batch.encode() for batch in workload.batches(n, txs_per_batch, seed))
    assert hashlib.sha256(encoded).hexdigest() == digest


def test_different_seeds_give_different_batches_and_accounts() -> None:
    assert workload.batches(1, seed=1)[0] != workload.batches(1, seed=2)[0]
    assert set(workload.genesis(1).accounts).isdisjoint(workload.genesis(2).accounts)


def test_a_longer_run_extends_a_shorter_one() -> None:
    assert workload.batches(5, seed=3)[:2] == workload.batches(2, seed=3)


def test_genesis_funds_the_requested_number_of_accounts() -> None:
    state = workload.genesis(seed=5, accounts=64)
    assert len(state.accounts) == 64
    assert set(state.accounts.values()) == {Account(workload.GENESIS_BALANCE, 0)}
    assert workload.account_address(5, 0) in state.accounts


def test_batches_have_the_requested_shape() -> None:
    batches = workload.batches(3, txs_per_batch=100, seed=0)
    assert [len(b.transfers) for b in batches] == [100, 100, 100]
    assert [len(b.encode()) for b in batches] == [6400, 6400, 6400]


def test_every_generated_transfer_is_valid_in_order() -> None:
    state = workload.genesis(seed=11, accounts=3)
    for batch in workload.batches(10, txs_per_batch=40, seed=11, accounts=3):
        for tx in batch.transfers:
            assert tx.sender != tx.recipient
            state.apply_transfer(tx)  # raises InvalidTransfer otherwise
    assert sum(a.balance for a in state.accounts.values()) == 3 * workload.GENESIS_BALANCE


@pytest.mark.parametrize(
    "kwargs",
    [{"n": -1}, {"n": 1, "txs_per_batch": -1}, {"n": 1, "seed": -1}, {"n": 1, "accounts": 1}],
)
def test_bad_parameters_raise_a_usage_error(kwargs: dict) -> None:
    with pytest.raises(UsageError):
        workload.batches(**kwargs)
