"""Accounts, transfers and the state-root commitment of the L2 reference model.

State
    A map from a 20-byte address to an :class:`Account` (``balance`` a uint256, ``nonce`` a
    uint64). An account whose balance and nonce are both zero is *empty*: it is the same as an
    absent account, is never stored, and takes no part in the commitment.

Transfers
    A :class:`Transfer` ``(sender, recipient, amount, nonce)`` is valid against a state when
    ``nonce`` equals the sender's nonce, ``nonce < 2**64 - 1`` (the sender's nonce can still be
    incremented), ``amount`` does not exceed the sender's balance, and the recipient's balance
    stays below ``2**256``. Applying it debits the sender, credits the recipient (a transfer to
    oneself only increments the nonce) and increments the sender's nonce.

    :meth:`L2State.apply_transfer` raises :class:`InvalidTransfer` for an invalid transfer and
    leaves the state unchanged. :meth:`L2State.apply_batch` is what a batch program runs over
    committed data, which it cannot refuse: it skips invalid transfers (no effect at all, not
    even on the nonce) and applies the others in order.

State root
    ::

        leaf(a)    = SHA-256( address (20) || balance (32, big-endian) || nonce (8, big-endian) )
        node(l, r) = SHA-256( l || r )

    The leaves of all non-empty accounts, sorted by address (byte order), form the bottom level
    of a binary tree. Each level pairs neighbours left to right; an odd last node is promoted to
    the next level unchanged (never duplicated). The root of one leaf is that leaf and the root
    of the empty state is ``0^32``. A leaf preimage is 60 bytes and a node preimage 64, so a
    leaf can never be read as a node.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from harness.common.errors import UsageError

ADDRESS_SIZE = 20
UINT256_MAX = 2**256 - 1
UINT128_MAX = 2**128 - 1
UINT64_MAX = 2**64 - 1
EMPTY_ROOT = bytes(32)

Address = bytes


class InvalidTransfer(UsageError):
    """A transfer is malformed or cannot be applied to the current state."""


@dataclass(frozen=True)
class Account:
    """The balance (uint256) and nonce (uint64) of one address."""

    balance: int = 0
    nonce: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.balance <= UINT256_MAX:
            raise UsageError(f"account balance {self.balance} is not a uint256")
        if not 0 <= self.nonce <= UINT64_MAX:
            raise UsageError(f"account nonce {self.nonce} is not a uint64")

    @property
    def is_empty(self) -> bool:
        """Whether this account is indistinguishable from an absent one."""
        return self.balance == 0 and self.nonce == 0


EMPTY_ACCOUNT = Account()


@dataclass(frozen=True)
class Transfer:
    """Move ``amount`` (uint128) from ``sender`` to ``recipient``; ``nonce`` is the sender's."""

    sender: Address
    recipient: Address
    amount: int
    nonce: int

    def __post_init__(self) -> None:
        _check_address(self.sender, "transfer sender", InvalidTransfer)
        _check_address(self.recipient, "transfer recipient", InvalidTransfer)
        if not 0 <= self.amount <= UINT128_MAX:
            raise InvalidTransfer(f"transfer amount {self.amount} is not a uint128")
        if not 0 <= self.nonce <= UINT64_MAX:
            raise InvalidTransfer(f"transfer nonce {self.nonce} is not a uint64")


def _check_address(
    address: Address, role: str = "an L2 address", error: type[UsageError] = UsageError
) -> None:
    if not isinstance(address, bytes) or len(address) != ADDRESS_SIZE:
        raise error(f"{role} must be {ADDRESS_SIZE} bytes, got {address!r}")


def account_leaf(address: Address, account: Account) -> bytes:
    """The state-tree leaf of one account (see the module docstring)."""
    _check_address(address)
    return _leaf(address, account)


def _leaf(address: Address, account: Account) -> bytes:
    preimage = address + account.balance.to_bytes(32, "big") + account.nonce.to_bytes(8, "big")
    return hashlib.sha256(preimage).digest()


def merkle_root(leaves: Iterable[bytes]) -> bytes:
    """The SHA-256 binary Merkle root of ``leaves`` in the given order, odd nodes promoted."""
    level = list(leaves)
    if not level:
        return EMPTY_ROOT
    while len(level) > 1:
        paired = [
            hashlib.sha256(level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


class L2State:
    """The mutable account map of the L2, with the transfer rule and the state root."""

    def __init__(self, accounts: Mapping[Address, Account] | None = None) -> None:
        self._accounts: dict[Address, Account] = {}
        for address, account in (accounts or {}).items():
            self._set(address, account)

    @property
    def accounts(self) -> Mapping[Address, Account]:
        """A read-only view of the non-empty accounts."""
        return MappingProxyType(self._accounts)

    def account(self, address: Address) -> Account:
        """The account at ``address`` (the empty account if it has never been touched)."""
        return self._accounts.get(address, EMPTY_ACCOUNT)

    def copy(self) -> L2State:
        """An independent copy of this state."""
        return L2State(self._accounts)

    def root(self) -> bytes:
        """The state root over all non-empty accounts (see the module docstring)."""
        accounts = self._accounts
        return merkle_root(_leaf(address, accounts[address]) for address in sorted(accounts))

    def apply_transfer(self, tx: Transfer) -> None:
        """Apply ``tx``, or raise :class:`InvalidTransfer` and change nothing."""
        # A Transfer's addresses are checked when it is made, and the sender's new nonce is
        # not zero: the accounts go into the map directly.
        accounts = self._accounts
        sender = accounts.get(tx.sender, EMPTY_ACCOUNT)
        if tx.nonce != sender.nonce:
            raise InvalidTransfer(
                f"transfer nonce {tx.nonce} does not match the sender's nonce {sender.nonce}"
            )
        if sender.nonce == UINT64_MAX:
            raise InvalidTransfer("the sender's nonce is exhausted")
        if tx.amount > sender.balance:
            raise InvalidTransfer(
                f"transfer of {tx.amount} exceeds the sender's balance {sender.balance}"
            )
        if tx.recipient == tx.sender:
            accounts[tx.sender] = Account(sender.balance, sender.nonce + 1)
            return
        recipient = accounts.get(tx.recipient, EMPTY_ACCOUNT)
        if recipient.balance + tx.amount > UINT256_MAX:
            raise InvalidTransfer("transfer would overflow the recipient's balance")
        accounts[tx.sender] = Account(sender.balance - tx.amount, sender.nonce + 1)
        credited = Account(recipient.balance + tx.amount, recipient.nonce)
        if credited.is_empty:
            accounts.pop(tx.recipient, None)
        else:
            accounts[tx.recipient] = credited

    def apply_batch(self, transfers: Iterable[Transfer]) -> int:
        """Apply ``transfers`` in order, skipping invalid ones; return how many were applied."""
        applied = 0
        for tx in transfers:
            try:
                self.apply_transfer(tx)
            except InvalidTransfer:
                continue
            applied += 1
        return applied

    def _set(self, address: Address, account: Account) -> None:
        _check_address(address)
        if account.is_empty:
            self._accounts.pop(address, None)
        else:
            self._accounts[address] = account
