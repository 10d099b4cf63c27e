"""Read back what an account sent: transactions found on chain by sender and nonce.

When an answer is lost (a send retried after a timeout, a harness killed between a receipt
and its record) the chain still knows what was mined; these helpers find it without a
transaction hash, by scanning blocks for the sender's transactions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from web3 import Web3

#: How many blocks back a lost send is looked for (it was sent moments before).
SCAN_DEPTH = 1024
POLL_S = 0.02


@dataclass(frozen=True)
class SentTx:
    """A mined transaction, as its block lists it."""

    tx_hash: str
    block: int
    sender: str
    nonce: int
    to: str | None
    data: bytes
    #: The versioned hashes of the blobs it carried (a type-3 transaction), in order.
    blob_hashes: tuple[bytes, ...] = ()

    @classmethod
    def from_rpc(cls, tx: Any) -> SentTx:
        """A transaction as ``eth_getTransactionByHash`` or a full block gives it."""
        return cls(
            tx_hash="0x" + bytes(tx["hash"]).hex(),
            block=tx["blockNumber"],
            sender=Web3.to_checksum_address(tx["from"]),
            nonce=tx["nonce"],
            to=Web3.to_checksum_address(tx["to"]) if tx.get("to") else None,
            data=bytes(tx["input"]),
            blob_hashes=tuple(bytes(h) for h in tx.get("blobVersionedHashes") or ()),
        )

    def same_call(self, to: str | None, data: bytes) -> bool:
        """Whether this transaction called ``to`` (None: created a contract) with ``data``."""
        target = Web3.to_checksum_address(to) if to else None
        return self.to == target and self.data == data


def _block_txs(w3: Web3, number: int) -> list[SentTx]:
    block = w3.eth.get_block(number, full_transactions=True)
    return [SentTx.from_rpc(tx) for tx in block["transactions"]]


def wait_for_nonce(w3: Web3, sender: str, nonce: int, timeout: float) -> bool:
    """Wait until a transaction of ``sender`` with ``nonce`` is mined; False on timeout."""
    deadline = time.monotonic() + timeout
    while w3.eth.get_transaction_count(sender, "latest") <= nonce:
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_S)
    return True


def find_by_nonce(w3: Web3, sender: str, nonce: int, *, depth: int = SCAN_DEPTH) -> SentTx | None:
    """The mined transaction of ``sender`` with ``nonce``, searched from the newest block back
    over at most ``depth`` blocks."""
    sender = Web3.to_checksum_address(sender)
    latest = w3.eth.block_number
    for number in range(latest, max(-1, latest - depth), -1):
        for tx in _block_txs(w3, number):
            if tx.sender == sender and tx.nonce == nonce:
                return tx
            if tx.sender == sender and tx.nonce < nonce:
                return None  # older than what is looked for: it is not on chain
    return None


def sent_after(w3: Web3, sender: str, nonce: int, first_block: int) -> list[SentTx]:
    """The mined transactions of ``sender`` with a nonce above ``nonce``, in order, looked for
    from ``first_block`` on (the scan stops once it holds them all).

    ``nonce`` is -1 to ask for every transaction the account ever sent from ``first_block``.
    """
    sender = Web3.to_checksum_address(sender)
    mined = w3.eth.get_transaction_count(sender, "latest")
    latest = w3.eth.block_number
    found: list[SentTx] = []
    number = max(first_block, 0)
    while nonce + 1 + len(found) < mined and number <= latest:
        found.extend(t for t in _block_txs(w3, number) if t.sender == sender and t.nonce > nonce)
        number += 1
    return found
