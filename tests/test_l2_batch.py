"""Batch encoding (the commitBatch calldata) and the data accumulator."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.l2.batch import (
    GENESIS_ACCUMULATOR,
    TRANSFER_SIZE,
    Batch,
    MalformedBatch,
    acc_next,
    data_hash,
    encode_transfer,
)
from harness.l2.state import Transfer

transfers = st.builds(
    Transfer,
    sender=st.binary(min_size=20, max_size=20),
    recipient=st.binary(min_size=20, max_size=20),
    amount=st.integers(0, 2**128 - 1),
    nonce=st.integers(0, 2**64 - 1),
)
batches = st.builds(Batch, st.lists(transfers, max_size=8).map(tuple))


def test_transfer_encoding_is_the_documented_64_bytes() -> None:
    tx = Transfer(b"\x11" * 20, b"\x22" * 20, 0x0102, 0x03)
    encoded = encode_transfer(tx)
    assert encoded == b"\x11" * 20 + b"\x22" * 20 + bytes(14) + b"\x01\x02" + bytes(7) + b"\x03"
    assert len(encoded) == TRANSFER_SIZE == 64


@given(batches)
def test_decode_inverts_encode(batch: Batch) -> None:
    assert Batch.decode(batch.encode()) == batch


@given(st.binary(max_size=8).map(lambda b: b * TRANSFER_SIZE))
def test_encode_inverts_decode(data: bytes) -> None:
    assert Batch.decode(data).encode() == data


@given(st.binary(max_size=300).filter(lambda b: len(b) % TRANSFER_SIZE))
def test_decode_rejects_a_partial_transfer(data: bytes) -> None:
    with pytest.raises(MalformedBatch):
        Batch.decode(data)


def test_empty_batch_encodes_to_nothing() -> None:
    assert Batch(()).encode() == b""
    assert Batch.decode(b"") == Batch(())


@given(batches)
def test_data_hash_is_sha256_of_the_encoding(batch: Batch) -> None:
    assert batch.data_hash == hashlib.sha256(batch.encode()).digest() == data_hash(batch.encode())


def test_accumulator_chain_extends_from_zero() -> None:
    data = [b"one", b"two", b"three"]
    acc = GENESIS_ACCUMULATOR
    for item in data:
        acc = acc_next(acc, item)
    expected = bytes(32)
    for item in data:
        expected = hashlib.sha256(expected + hashlib.sha256(item).digest()).digest()
    assert acc == expected


@given(st.lists(st.binary(max_size=64), min_size=2, max_size=5, unique=True))
def test_accumulator_depends_on_batch_order(items: list[bytes]) -> None:
    def fold(seq: list[bytes]) -> bytes:
        acc = GENESIS_ACCUMULATOR
        for item in seq:
            acc = acc_next(acc, item)
        return acc

    assert fold(items) != fold(items[::-1])


def test_accumulator_rejects_a_short_previous_value() -> None:
    with pytest.raises(UsageError, match="32 bytes"):
        acc_next(b"\x00" * 31, b"")
