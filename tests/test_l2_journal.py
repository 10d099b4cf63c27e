"""Range journals: the exact bytes the rollup contract hashes."""

from __future__ import annotations

import dataclasses
import hashlib

import eth_abi
import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.claims.journal import JOURNAL_SIZE, JOURNAL_TYPES, RangeJournal
from harness.common.errors import UsageError
from harness.l2 import workload
from harness.l2.roots import chain_of_roots

# The vector pinned in contracts/test/Rollup.t.sol (ModelVector): seed 1, three batches of two
# transfers, the range [2, 3] on chain 31337 for the rollup at VECTOR_ROLLUP.
VECTOR_IMAGE_ID = hashlib.sha256(b"rollup-harness.test.batch-image").digest()
VECTOR_ROLLUP = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
VECTOR_JOURNAL = bytes.fromhex(
    "0000000000000000000000000000000000000000000000000000000000007a69"
    "0000000000000000000000005fbdb2315678afecb367f032d93f642f64180aa3"
    "0000000000000000000000000000000000000000000000000000000000000002"
    "0000000000000000000000000000000000000000000000000000000000000003"
    "cddb79069bbbf0e1ba43e384a4829567a50052da9ab06e82f6d7ea13fd7eaf8b"
    "699a8b2d70d5c55df932d5b8d42aad6a7f109e79675a5c5e84ba9a762f69b9df"
    "2a262c191c3e889a91b2430a7e296a42925fc7d2474a9d12669dff881df8fb59"
    "a0f6931496b9aeaeb4bae74c466ab226567c8086024aa4ea915f9965d9bf9595"
    "74118ddecf17e705daa30f000beee4012a648a1c242162ba695ecd853c5c4717"
)
VECTOR_DIGEST = bytes.fromhex("c0044762c74fb97c92a7c6ef427dd718a5efbbf67aaea46a25ec2d5f9362b090")

words = st.binary(min_size=32, max_size=32)
journals = st.builds(
    RangeJournal,
    chain_id=st.integers(0, 2**256 - 1),
    rollup=st.binary(min_size=20, max_size=20),
    first=st.integers(1, 2**255),
    last=st.just(2**255),
    prev_state_root=words,
    new_state_root=words,
    acc_before=words,
    acc_after=words,
    batch_image_id=words,
)


def _vector_journal() -> RangeJournal:
    checkpoints = chain_of_roots(
        workload.genesis(seed=1), workload.batches(3, txs_per_batch=2, seed=1)
    )
    return RangeJournal.over(
        checkpoints, 2, 3, chain_id=31337, rollup=VECTOR_ROLLUP, batch_image_id=VECTOR_IMAGE_ID
    )


def test_model_journal_matches_the_vector_the_contract_is_tested_against() -> None:
    journal = _vector_journal()
    assert journal.encode() == VECTOR_JOURNAL
    assert journal.digest() == VECTOR_DIGEST


@given(journals)
def test_journal_is_nine_static_words_in_field_order(journal: RangeJournal) -> None:
    encoded = journal.encode()
    assert len(encoded) == JOURNAL_SIZE == 288
    assert encoded[0:32] == journal.chain_id.to_bytes(32, "big")
    assert encoded[32:64] == bytes(12) + journal.rollup
    assert encoded[64:96] == journal.first.to_bytes(32, "big")
    assert encoded[96:128] == journal.last.to_bytes(32, "big")
    assert encoded[128:] == (
        journal.prev_state_root
        + journal.new_state_root
        + journal.acc_before
        + journal.acc_after
        + journal.batch_image_id
    )


@given(journals)
def test_encode_equals_the_abi_encoding_of_the_nine_words(journal: RangeJournal) -> None:
    words = [getattr(journal, field.name) for field in dataclasses.fields(journal)]
    assert journal.encode() == eth_abi.encode(JOURNAL_TYPES, words)


@given(journals)
def test_decode_inverts_encode(journal: RangeJournal) -> None:
    assert RangeJournal.decode(journal.encode()) == journal


@given(journals)
def test_digest_is_sha256_of_the_encoding(journal: RangeJournal) -> None:
    assert journal.digest() == hashlib.sha256(journal.encode()).digest()


def test_over_takes_roots_and_accumulators_from_both_ends_of_the_range() -> None:
    checkpoints = chain_of_roots(workload.genesis(seed=1), workload.batches(4, 3, seed=1))
    journal = RangeJournal.over(
        checkpoints, 2, 4, chain_id=1, rollup=VECTOR_ROLLUP, batch_image_id=VECTOR_IMAGE_ID
    )
    assert journal.prev_state_root == checkpoints[1].state_root
    assert journal.acc_before == checkpoints[1].accumulator
    assert journal.new_state_root == checkpoints[4].state_root
    assert journal.acc_after == checkpoints[4].accumulator


def test_single_batch_journal_is_the_range_of_one() -> None:
    checkpoints = chain_of_roots(workload.genesis(seed=1), workload.batches(2, 3, seed=1))
    journal = RangeJournal.over(
        checkpoints, 2, 2, chain_id=1, rollup=VECTOR_ROLLUP, batch_image_id=VECTOR_IMAGE_ID
    )
    assert (journal.first, journal.last) == (2, 2)
    assert journal.prev_state_root == checkpoints[1].state_root


@pytest.mark.parametrize(("first", "last"), [(0, 1), (2, 1), (1, 3)])
def test_over_rejects_a_range_outside_the_model(first: int, last: int) -> None:
    checkpoints = chain_of_roots(workload.genesis(seed=1), workload.batches(2, 1, seed=1))
    with pytest.raises(UsageError):
        RangeJournal.over(
            checkpoints, first, last, chain_id=1, rollup=VECTOR_ROLLUP, batch_image_id=bytes(32)
        )


@pytest.mark.parametrize(
    "change",
    [{"rollup": "not an address"}, {"acc_after": b"\x00" * 31}, {"first": 0}, {"chain_id": -1}],
)
def test_journal_rejects_malformed_fields(change: dict) -> None:
    fields = {
        "chain_id": 1,
        "rollup": VECTOR_ROLLUP,
        "first": 1,
        "last": 1,
        "prev_state_root": bytes(32),
        "new_state_root": bytes(32),
        "acc_before": bytes(32),
        "acc_after": bytes(32),
        "batch_image_id": bytes(32),
    }
    with pytest.raises(UsageError):
        RangeJournal(**{**fields, **change})


def test_decode_rejects_a_wrong_length() -> None:
    with pytest.raises(UsageError, match="288 bytes"):
        RangeJournal.decode(VECTOR_JOURNAL + b"\x00")
