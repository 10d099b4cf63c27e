"""Reading the real-receipt corpus format, and refusing malformed corpora with one clear error."""

import contextlib
import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.common.errors import ReceiptError
from harness.risc0.digests import journal_digest
from harness.risc0.receipts import (
    Groth16Receipt,
    RejectedEntry,
    parse_corpus,
    parse_corpus_entries,
    read_corpus,
)
from harness.risc0.reference import (
    REFERENCE_RECEIPTS,
    reference_groth16,
    reference_set_inclusion,
)

VECTORS = Path(__file__).parent / "vectors" / "risc0-receipts.json"
DOCUMENT = json.loads(VECTORS.read_text())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
corpus_keys = st.sampled_from(["groth16_receipts", "set_inclusion_receipts"])


def _parse(document):
    return parse_corpus(json.dumps(document), "corpus.json")


def _with_entry_change(kind, index, key, value):
    document = copy.deepcopy(DOCUMENT)
    entry = document[kind][index]
    if value is None:
        del entry[key]
    else:
        entry[key] = value
    return document


def test_corpus_has_every_receipt_of_the_file():
    corpus = read_corpus(VECTORS)
    assert len(corpus.groth16) == DOCUMENT["counts"]["groth16"] == 12
    assert len(corpus.set_inclusion) == 1
    assert corpus.source == str(VECTORS)


def test_groth16_receipt_fields_are_decoded_bytes():
    receipt = read_corpus(VECTORS).groth16[0]
    assert len(receipt.seal) == 260 and len(receipt.image_id) == 32
    assert receipt.journal == b"just a simple receipt"
    assert receipt.journal_digest == journal_digest(receipt.journal)


def test_entry_with_only_a_journal_digest_is_read():
    document = _with_entry_change("groth16_receipts", 5, "journal", None)
    receipt = _parse(document).groth16[5]
    assert receipt.journal is None
    assert receipt.journal_digest.hex().startswith("3b8839d2")


def test_entry_without_claim_digest_gets_it_computed():
    expected = _parse(DOCUMENT).groth16[2].claim_digest
    document = _with_entry_change("groth16_receipts", 2, "claim_digest", None)
    assert _parse(document).groth16[2].claim_digest == expected


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("seal", None, "missing key 'seal'"),
        ("seal", "0x1234", "seal: expected 260 bytes, got 2"),
        ("image_id", "0xzz", "image_id: expected 0x-prefixed hex"),
        ("image_id", "11" * 32, "image_id: expected 0x-prefixed hex"),
        ("id", 7, "id must be a string"),
        ("journal_digest", "0x" + "00" * 32, "journal_digest 0x0000"),
        ("claim_digest", "0x" + "00" * 32, "claim_digest 0x0000"),
        ("post_state_digest", "0x" + "11" * 32, "post_state_digest"),
        ("seal_has_selector", False, "pre-1.0 format"),
        ("claim_tag", "risc0.ReceiptMeta", "only risc0.ReceiptClaim"),
    ],
)
def test_malformed_groth16_entry_is_refused_naming_file_and_entry(key, value, message):
    document = _with_entry_change("groth16_receipts", 4, key, value)
    with pytest.raises(ReceiptError) as raised:
        _parse(document)
    text = str(raised.value)
    assert text.startswith("corpus.json: groth16_receipts[4]")
    assert message in text
    assert "\n" not in text


def test_read_entry_by_entry_a_bad_entry_is_rejected_in_its_place_and_the_rest_are_read():
    document = _with_entry_change("groth16_receipts", 4, "claim_digest", "0x" + "00" * 32)
    document["groth16_receipts"][6]["id"] = 6
    entries = parse_corpus_entries(json.dumps(document), "corpus.json")
    assert len(entries) == 13
    rejected = {i: e for i, e in enumerate(entries) if isinstance(e, RejectedEntry)}
    assert sorted(rejected) == [4, 6]
    assert rejected[4].position == "groth16_receipts[4]"
    assert rejected[4].id == document["groth16_receipts"][4]["id"]
    assert "claim_digest 0x0000" in rejected[4].reason
    assert rejected[6].stated_id is None and rejected[6].id == "groth16_receipts[6]"
    assert all(isinstance(entries[i], Groth16Receipt) for i in range(12) if i not in rejected)
    with pytest.raises(ReceiptError) as raised:
        _parse(document)
    assert str(raised.value) == rejected[4].message


def test_entry_without_journal_or_digest_is_refused():
    document = _with_entry_change("groth16_receipts", 0, "journal", None)
    del document["groth16_receipts"][0]["journal_digest"]
    with pytest.raises(ReceiptError, match="needs a journal or a journal_digest"):
        _parse(document)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("root", "0x" + "00" * 32, "root 0x00"),
        ("root_journal_digest", "0x" + "00" * 32, "root_journal_digest"),
        ("set_verifier_selector", "0x242f9d5b", "seal selector 0x0f63ffd5 is not 0x242f9d5b"),
        ("seal", "0x0f63ffd5" + "00" * 40, "seal: set-inclusion seal is not valid ABI"),
    ],
)
def test_inconsistent_set_inclusion_entry_is_refused(key, value, message):
    document = _with_entry_change("set_inclusion_receipts", 0, key, value)
    with pytest.raises(ReceiptError, match="set_inclusion_receipts\\[0\\]") as raised:
        _parse(document)
    assert message in str(raised.value)


def test_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "receipts.json"
    path.write_text("{ not json")
    with pytest.raises(ReceiptError, match=f"{path}: not JSON"):
        read_corpus(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ReceiptError, match="cannot read receipt corpus"):
        read_corpus(tmp_path / "absent.json")


def test_document_without_receipt_lists_is_refused():
    with pytest.raises(ReceiptError, match="neither 'groth16_receipts' nor"):
        _parse({"description": "nothing"})


def test_deeply_nested_json_is_refused_before_decoding():
    with pytest.raises(ReceiptError, match="nested more than 64 levels deep"):
        parse_corpus("[" * 100_000 + "]" * 100_000, "deep.json")


@given(content=st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_receipt_errors(content):
    with contextlib.suppress(ReceiptError):
        parse_corpus(content, "fuzz.json")


@given(document=st.dictionaries(corpus_keys, json_values, max_size=2) | json_values)
def test_arbitrary_json_documents_raise_only_receipt_errors(document):
    with contextlib.suppress(ReceiptError):
        _parse(document)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=corpus_keys,
    key=st.sampled_from(
        [
            "id",
            "seal",
            "image_id",
            "journal",
            "journal_digest",
            "claim_digest",
            "post_state_digest",
            "set_builder_image_id",
            "set_verifier_selector",
            "root",
            "root_journal",
        ]
    ),
    value=json_values | st.binary(max_size=40).map(lambda data: "0x" + data.hex()),
)
def test_real_entry_with_any_field_replaced_raises_only_receipt_errors(kind, key, value):
    document = copy.deepcopy(DOCUMENT)
    document[kind][0][key] = value
    with contextlib.suppress(ReceiptError):
        _parse(document)


def test_the_shipped_reference_receipts_are_unchanged_entries_of_the_vectors():
    shipped = json.loads(REFERENCE_RECEIPTS.read_text())
    for key in ("groth16_receipts", "set_inclusion_receipts"):
        by_id = {entry["id"]: entry for entry in DOCUMENT[key]}
        assert shipped[key]
        assert all(entry == by_id[entry["id"]] for entry in shipped[key])


def test_the_reference_receipts_are_the_3_0_groth16_and_the_set_inclusion_receipts():
    corpus = read_corpus(VECTORS)
    assert reference_groth16("3.0") == next(
        r for r in corpus.groth16 if r.verifier_id == "groth16-3.0"
    )
    assert reference_set_inclusion() == corpus.set_inclusion[0]
    with pytest.raises(ReceiptError, match="no Groth16 receipt of RISC Zero 2.0"):
        reference_groth16("2.0")
