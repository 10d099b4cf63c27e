"""Receipt files are outside input: an edited file is refused with ReceiptError or read exactly."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from command_line import assert_one_line_error, invoke
from fuzz_strategies import Mutation, json_values, mutations, same_json
from hypothesis import example, given
from hypothesis import strategies as st

from harness.claims.images import BATCH_IMAGE_ID, set_builder_image_id
from harness.claims.request import ProofRequest
from harness.common.errors import ReceiptError
from harness.provers.receipt import ProvenReceipt, read_receipt
from harness.provers.sources import MockSource, SyntheticSource

BATCH = ProofRequest("batch", BATCH_IMAGE_ID, b"journal of batches 3..4", batches=(3, 4))
SET_ROOT = ProofRequest("set-root", set_builder_image_id(), b"\x01" * 64)
DOCUMENTS = (
    ProvenReceipt(BATCH, "synthetic", SyntheticSource().seal(BATCH)).to_json(),
    ProvenReceipt(SET_ROOT, "mock", MockSource().seal(SET_ROOT)).to_json(),
)


@given(st.sampled_from(DOCUMENTS).flatmap(mutations))
def test_an_edited_receipt_object_is_refused_or_read_exactly(mutation: Mutation):
    try:
        receipt = ProvenReceipt.from_json(mutation.document, origin="r.json")
    except ReceiptError as exc:
        assert str(exc).startswith("r.json: ")
        return
    assert same_json(receipt.to_json(), mutation.document), mutation


@given(json_values)
def test_arbitrary_json_is_not_a_receipt(value):
    with pytest.raises(ReceiptError):
        ProvenReceipt.from_json(value, origin="r.json")


@pytest.fixture(scope="module")
def receipt_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("receipts") / "receipt.json"


@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@example(content=json.dumps(DOCUMENTS[0] | {"batches": [math.inf, 4]}).encode())
@example(content=b"\xff\xfe{}")
def test_arbitrary_bytes_in_a_receipt_file_are_refused(receipt_file, content):
    receipt_file.write_bytes(content)
    with pytest.raises(ReceiptError, match=str(receipt_file)):
        read_receipt(receipt_file)


def test_a_deeply_nested_receipt_file_is_refused_without_crashing(tmp_path):
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    (receipts / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    result = invoke(
        "run", "--proofs", "1", "--prover", f"replay:{receipts}", "--out", str(tmp_path / "out")
    )
    line = assert_one_line_error(result, str(receipts / "deep.json"), exit_code=1)
    assert line.startswith(f"error: {receipts / 'deep.json'}"), line
