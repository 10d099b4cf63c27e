"""The L2 state model: the transfer rule and the documented state-root commitment."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.l2.state import (
    EMPTY_ROOT,
    Account,
    InvalidTransfer,
    L2State,
    Transfer,
    account_leaf,
    merkle_root,
)

ALICE = bytes.fromhex("aa" * 20)
BOB = bytes.fromhex("bb" * 20)
CAROL = bytes.fromhex("cc" * 20)

addresses = st.binary(min_size=20, max_size=20)
accounts = st.builds(Account, balance=st.integers(1, 2**256 - 1), nonce=st.integers(0, 2**64 - 1))
account_maps = st.dictionaries(addresses, accounts, max_size=12)


def _h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@pytest.fixture
def state() -> L2State:
    return L2State({ALICE: Account(100, 0), BOB: Account(5, 3)})


def test_empty_state_root_is_zero() -> None:
    assert L2State().root() == EMPTY_ROOT == bytes(32)


def test_leaf_is_sha256_of_address_balance_and_nonce() -> None:
    leaf = account_leaf(ALICE, Account(258, 7))
    assert leaf == _h(ALICE + (258).to_bytes(32, "big") + (7).to_bytes(8, "big"))


def test_root_of_one_account_is_its_leaf() -> None:
    assert L2State({ALICE: Account(1, 0)}).root() == account_leaf(ALICE, Account(1, 0))


def test_root_of_three_accounts_promotes_the_odd_leaf() -> None:
    leaves = [account_leaf(a, Account(1, 0)) for a in (ALICE, BOB, CAROL)]
    state = L2State({CAROL: Account(1, 0), ALICE: Account(1, 0), BOB: Account(1, 0)})
    assert state.root() == _h(_h(leaves[0] + leaves[1]) + leaves[2])


def test_merkle_root_promotes_rather_than_duplicates_the_odd_node() -> None:
    leaves = [_h(bytes([i])) for i in range(3)]
    assert merkle_root(leaves) != merkle_root([*leaves, leaves[-1]])


@given(account_maps, st.randoms())
def test_root_does_not_depend_on_insertion_order(items: dict, rng) -> None:
    shuffled = list(items.items())
    rng.shuffle(shuffled)
    assert L2State(dict(shuffled)).root() == L2State(items).root()


@given(account_maps.filter(bool), st.data())
def test_root_changes_when_any_balance_changes(items: dict, data) -> None:
    address = data.draw(st.sampled_from(sorted(items)))
    old = items[address]
    new_balance = data.draw(st.integers(0, 2**256 - 1).filter(lambda b: b != old.balance))
    changed = {**items, address: Account(new_balance, old.nonce)}
    assert L2State(changed).root() != L2State(items).root()


def test_empty_accounts_take_no_part_in_the_root() -> None:
    assert (
        L2State({ALICE: Account(1, 0), BOB: Account()}).root()
        == L2State({ALICE: Account(1, 0)}).root()
    )


def test_transfer_moves_balance_and_increments_the_sender_nonce(state: L2State) -> None:
    state.apply_transfer(Transfer(ALICE, CAROL, 40, 0))
    assert state.account(ALICE) == Account(60, 1)
    assert state.account(CAROL) == Account(40, 0)


def test_transfer_to_oneself_only_increments_the_nonce(state: L2State) -> None:
    state.apply_transfer(Transfer(BOB, BOB, 5, 3))
    assert state.account(BOB) == Account(5, 4)


def test_transfer_of_a_whole_balance_keeps_the_account_by_its_nonce(state: L2State) -> None:
    state.apply_transfer(Transfer(BOB, ALICE, 5, 3))
    assert state.account(BOB) == Account(0, 4)
    assert BOB in state.accounts


@pytest.mark.parametrize(
    ("tx", "message"),
    [
        (Transfer(ALICE, BOB, 101, 0), "exceeds the sender's balance"),
        (Transfer(ALICE, BOB, 1, 1), "does not match the sender's nonce"),
        (Transfer(CAROL, BOB, 1, 0), "exceeds the sender's balance"),
    ],
)
def test_invalid_transfer_raises_and_changes_nothing(
    state: L2State, tx: Transfer, message: str
) -> None:
    root = state.root()
    with pytest.raises(InvalidTransfer, match=message):
        state.apply_transfer(tx)
    assert state.root() == root


def test_transfer_that_would_overflow_the_recipient_is_invalid() -> None:
    state = L2State({ALICE: Account(2, 0), BOB: Account(2**256 - 1, 0)})
    with pytest.raises(InvalidTransfer, match="overflow"):
        state.apply_transfer(Transfer(ALICE, BOB, 1, 0))


def test_batch_skips_invalid_transfers_and_applies_the_rest(state: L2State) -> None:
    applied = state.apply_batch(
        [Transfer(ALICE, BOB, 10, 0), Transfer(ALICE, BOB, 10, 0), Transfer(ALICE, BOB, 10, 1)]
    )
    assert applied == 2
    assert state.account(ALICE) == Account(80, 2)
    assert state.account(BOB) == Account(25, 3)


@pytest.mark.parametrize(
    "fields",
    [
        {"sender": b"\x01" * 19, "recipient": BOB, "amount": 1, "nonce": 0},
        {"sender": ALICE, "recipient": BOB, "amount": 2**128, "nonce": 0},
        {"sender": ALICE, "recipient": BOB, "amount": -1, "nonce": 0},
        {"sender": ALICE, "recipient": BOB, "amount": 1, "nonce": 2**64},
    ],
)
def test_transfer_rejects_out_of_range_fields(fields: dict) -> None:
    with pytest.raises(InvalidTransfer):
        Transfer(**fields)


def test_account_rejects_out_of_range_fields() -> None:
    with pytest.raises(UsageError):
        Account(2**256, 0)
    with pytest.raises(UsageError):
        Account(0, 2**64)


def test_copy_is_independent(state: L2State) -> None:
    copy = state.copy()
    copy.apply_transfer(Transfer(ALICE, BOB, 1, 0))
    assert copy.root() != state.root()
    assert state.account(ALICE) == Account(100, 0)
