"""Seals under fuzzing: a decoder accepts only the one encoding the contracts accept (for a
set-inclusion seal: canonical ABI, or the bare selector), and no changed byte of a real or
synthetic seal still verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from generated_files import assert_up_to_date
from hypothesis import example, given, settings
from hypothesis import strategies as st

from harness.claims.images import BATCH_IMAGE_ID
from harness.claims.request import ProofRequest
from harness.common.errors import ReceiptError
from harness.provers.sources import SyntheticSource
from harness.provers.verifiers import synthetic_params
from harness.risc0.groth16 import verify_integrity
from harness.risc0.params import load_versions
from harness.risc0.receipts import read_corpus
from harness.risc0.seal import Groth16Seal, MockSeal, SetInclusionSeal

CORPUS = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json")
SET_SEAL = CORPUS.set_inclusion[0].seal
DECODERS = (Groth16Seal.decode, MockSeal.decode, SetInclusionSeal.decode)
SYNTHETIC_REQUEST = ProofRequest("batch", BATCH_IMAGE_ID, b"journal", batches=(1, 1))

selectors = st.binary(min_size=4, max_size=4)
digests = st.binary(min_size=32, max_size=32)


@st.composite
def set_seal_encodings(draw: st.DrawFn) -> bytes:
    path = draw(st.lists(digests, max_size=3))
    return SetInclusionSeal(draw(selectors), tuple(path), draw(st.binary(max_size=70))).encode()


@st.composite
def corrupted(draw: st.DrawFn, encodings: st.SearchStrategy[bytes]) -> bytes:
    """An encoding with one byte changed, cut short, or lengthened."""
    data = bytearray(draw(encodings))
    edit = draw(st.sampled_from(["flip", "cut", "extend"]))
    if edit == "flip":
        index = draw(st.integers(0, len(data) - 1))
        data[index] ^= draw(st.integers(1, 255))
    elif edit == "cut":
        del data[draw(st.integers(0, len(data) - 1)) :]
    else:
        data += draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@given(
    decoder=st.sampled_from(DECODERS),
    data=st.binary(max_size=600) | corrupted(set_seal_encodings()) | corrupted(st.just(SET_SEAL)),
)
@example(decoder=SetInclusionSeal.decode, data=SET_SEAL + bytes(32))
def test_a_decoded_seal_re_encodes_to_the_same_bytes(decoder, data):
    try:
        seal = decoder(data)
    except ReceiptError:
        return
    if decoder == SetInclusionSeal.decode and len(data) == 4:
        assert seal == SetInclusionSeal(data, ())
        return
    assert seal.encode() == data


@settings(max_examples=15, deadline=None)
@given(
    receipt=st.sampled_from(CORPUS.groth16),
    index=st.integers(0, 259),
    mask=st.integers(1, 255),
)
def test_a_real_seal_with_one_byte_changed_does_not_verify(receipt, index, mask):
    params = load_versions().by_version(receipt.verifier_id)
    seal = bytearray(receipt.seal)
    seal[index] ^= mask
    with pytest.raises(ReceiptError):
        verify_integrity(params, bytes(seal), receipt.claim_digest)


@settings(max_examples=15, deadline=None)
@given(index=st.integers(0, 259), mask=st.integers(1, 255))
def test_a_synthetic_seal_with_one_byte_changed_does_not_verify(index, mask):
    seal = bytearray(SyntheticSource().seal(SYNTHETIC_REQUEST))
    seal[index] ^= mask
    with pytest.raises(ReceiptError):
        verify_integrity(synthetic_params(), bytes(seal), SYNTHETIC_REQUEST.claim_digest)


def test_the_synthetic_vectors_of_the_forge_fuzz_tests_are_up_to_date():
    assert_up_to_date("gen-synthetic-vectors")
