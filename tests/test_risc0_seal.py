"""Seal encodings: Groth16, mock (dev mode) and set inclusion."""

import contextlib
from pathlib import Path

import pytest
from eth_abi import encode
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import ReceiptError
from harness.risc0.receipts import read_corpus
from harness.risc0.seal import (
    GROTH16_SEAL_SIZE,
    MOCK_SEAL_SIZE,
    Groth16Seal,
    MockSeal,
    SetInclusionSeal,
)

CORPUS = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json")

words = st.integers(min_value=0, max_value=2**256 - 1)
selectors = st.binary(min_size=4, max_size=4)
digests = st.binary(min_size=32, max_size=32)


def test_groth16_seal_words_are_a_then_b_imaginary_first_then_c():
    seal = Groth16Seal(bytes.fromhex("73c457ba"), a=(1, 2), b=(3, 4, 5, 6), c=(7, 8))
    encoded = seal.encode()
    assert len(encoded) == GROTH16_SEAL_SIZE == 260
    assert encoded[:4] == bytes.fromhex("73c457ba")
    assert [int.from_bytes(encoded[i : i + 32], "big") for i in range(4, 260, 32)] == list(
        range(1, 9)
    )


def test_real_groth16_seals_round_trip():
    for receipt in CORPUS.groth16:
        assert Groth16Seal.decode(receipt.seal).encode() == receipt.seal


@given(data=st.binary(min_size=GROTH16_SEAL_SIZE, max_size=GROTH16_SEAL_SIZE))
def test_any_260_bytes_decode_to_a_seal_that_re_encodes_identically(data):
    assert Groth16Seal.decode(data).encode() == data


@given(data=st.binary(max_size=400).filter(lambda d: len(d) != GROTH16_SEAL_SIZE))
def test_groth16_seal_of_wrong_length_is_refused(data):
    with pytest.raises(ReceiptError, match=f"must be 260 bytes, got {len(data)}"):
        Groth16Seal.decode(data)


def test_groth16_seal_rejects_word_outside_uint256():
    with pytest.raises(ReceiptError, match="256-bit"):
        Groth16Seal(bytes(4), a=(2**256, 0), b=(0, 0, 0, 0), c=(0, 0))


def test_groth16_seal_rejects_selector_of_wrong_size():
    with pytest.raises(ReceiptError, match="selector must be 4 bytes"):
        Groth16Seal(bytes(3), a=(0, 0), b=(0, 0, 0, 0), c=(0, 0))


@given(selector=selectors, claim=digests)
def test_mock_seal_is_selector_then_claim_digest(selector, claim):
    encoded = MockSeal(selector, claim).encode()
    assert encoded == selector + claim and len(encoded) == MOCK_SEAL_SIZE
    assert MockSeal.decode(encoded) == MockSeal(selector, claim)


@given(data=st.binary(max_size=80).filter(lambda d: len(d) != MOCK_SEAL_SIZE))
def test_mock_seal_of_wrong_length_is_refused(data):
    with pytest.raises(ReceiptError, match="mock seal"):
        MockSeal.decode(data)


def test_fixture_set_inclusion_seal_is_452_bytes_with_empty_path_and_root_seal():
    receipt = CORPUS.set_inclusion[0]
    seal = SetInclusionSeal.decode(receipt.seal)
    assert len(receipt.seal) == 452
    assert seal.selector.hex() == "0f63ffd5"
    assert seal.path == ()
    assert len(seal.root_seal) == GROTH16_SEAL_SIZE
    assert seal.encode() == receipt.seal


def test_set_inclusion_abi_part_starts_with_tuple_offset():
    encoded = SetInclusionSeal(bytes(4), (bytes(32),), b"").encode()
    assert int.from_bytes(encoded[4:36], "big") == 0x20
    assert encoded[4:] == encode(["(bytes32[],bytes)"], [([bytes(32)], b"")])


def test_bare_selector_is_an_empty_set_inclusion_seal():
    assert SetInclusionSeal.decode(bytes.fromhex("0f63ffd5")) == SetInclusionSeal(
        bytes.fromhex("0f63ffd5"), ()
    )


@given(selector=selectors, path=st.lists(digests, max_size=6), root_seal=st.binary(max_size=300))
def test_set_inclusion_seal_round_trips(selector, path, root_seal):
    seal = SetInclusionSeal(selector, tuple(path), root_seal)
    assert SetInclusionSeal.decode(seal.encode()) == seal


@given(data=st.binary(max_size=600))
def test_set_inclusion_decoder_raises_only_receipt_errors_on_garbage(data):
    with contextlib.suppress(ReceiptError):
        SetInclusionSeal.decode(data)


@given(
    selector=selectors,
    path=st.lists(digests, max_size=3),
    root_seal=st.binary(max_size=100),
    position=st.integers(min_value=0),
    value=st.integers(min_value=0, max_value=255),
)
def test_set_inclusion_decoder_survives_corrupted_encodings(
    selector, path, root_seal, position, value
):
    encoded = bytearray(SetInclusionSeal(selector, tuple(path), root_seal).encode())
    encoded[position % len(encoded)] = value
    with contextlib.suppress(ReceiptError):
        SetInclusionSeal.decode(bytes(encoded))


def test_truncated_set_inclusion_seal_is_refused():
    encoded = SetInclusionSeal(bytes(4), (bytes(32),), b"xyz").encode()
    with pytest.raises(ReceiptError, match="not valid ABI"):
        SetInclusionSeal.decode(encoded[:-40])
