"""Batches of transfers, their canonical bytes (the ``commitBatch`` calldata) and the accumulator.

Encoding
    A batch is the concatenation of its transfers, in order, with no header or padding. Each
    transfer is 64 bytes::

        sender (20) || recipient (20) || amount (16, uint128 BE) || nonce (8, uint64 BE)

    The empty batch encodes to the empty string. Any byte string whose length is a multiple of 64
    decodes, so decoding and encoding are inverse bijections.

Accumulator
    ``acc[0] = 0^32`` and ``acc[i] = SHA-256(acc[i-1] || h_i)``, where ``h_i`` is the batch's data
    hash in its data-availability mode: ``SHA-256(data_i)`` for calldata, exactly as the rollup
    contract extends it in ``commitBatch`` (the blob modes: :mod:`harness.l2.blob_batch`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from harness.common.errors import UsageError
from harness.l2.state import ADDRESS_SIZE, Transfer

AMOUNT_SIZE = 16
NONCE_SIZE = 8
TRANSFER_SIZE = 2 * ADDRESS_SIZE + AMOUNT_SIZE + NONCE_SIZE
GENESIS_ACCUMULATOR = bytes(32)


class MalformedBatch(UsageError):
    """Batch data is not a whole number of encoded transfers."""


def encode_transfer(tx: Transfer) -> bytes:
    """The 64-byte encoding of one transfer."""
    return (
        tx.sender
        + tx.recipient
        + tx.amount.to_bytes(AMOUNT_SIZE, "big")
        + tx.nonce.to_bytes(NONCE_SIZE, "big")
    )


def decode_transfer(data: bytes) -> Transfer:
    """The transfer encoded by exactly 64 bytes of ``data``."""
    if len(data) != TRANSFER_SIZE:
        raise MalformedBatch(f"an encoded transfer is {TRANSFER_SIZE} bytes, got {len(data)}")
    amount_at = 2 * ADDRESS_SIZE
    nonce_at = amount_at + AMOUNT_SIZE
    return Transfer(
        sender=bytes(data[:ADDRESS_SIZE]),
        recipient=bytes(data[ADDRESS_SIZE:amount_at]),
        amount=int.from_bytes(data[amount_at:nonce_at], "big"),
        nonce=int.from_bytes(data[nonce_at:], "big"),
    )


def data_hash(data: bytes) -> bytes:
    """SHA-256 of a batch's committed bytes (what ``BatchCommitted`` reports as ``dataHash``)."""
    return hashlib.sha256(data).digest()


def extend(acc_prev: bytes, batch_hash: bytes) -> bytes:
    """The accumulator after a batch whose data hash is ``batch_hash``, on top of ``acc_prev``."""
    if len(acc_prev) != 32:
        raise UsageError(f"an accumulator is 32 bytes, got {len(acc_prev)}")
    return hashlib.sha256(acc_prev + batch_hash).digest()


def acc_next(acc_prev: bytes, data: bytes) -> bytes:
    """The accumulator after committing ``data`` as calldata on top of ``acc_prev``."""
    return extend(acc_prev, data_hash(data))


@dataclass(frozen=True)
class Batch:
    """An ordered list of transfers: the unit the sequencer commits and a batch proof covers."""

    transfers: tuple[Transfer, ...]

    def encode(self) -> bytes:
        """The canonical bytes of this batch (see the module docstring)."""
        return b"".join(encode_transfer(tx) for tx in self.transfers)

    @classmethod
    def decode(cls, data: bytes) -> Batch:
        """The batch whose canonical bytes are ``data``; raises :class:`MalformedBatch`."""
        if len(data) % TRANSFER_SIZE:
            raise MalformedBatch(
                f"batch data of {len(data)} bytes is not a multiple of {TRANSFER_SIZE}"
            )
        return cls(
            tuple(
                decode_transfer(data[at : at + TRANSFER_SIZE])
                for at in range(0, len(data), TRANSFER_SIZE)
            )
        )

    @property
    def data_hash(self) -> bytes:
        """SHA-256 of :meth:`encode`."""
        return data_hash(self.encode())
