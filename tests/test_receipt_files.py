"""Writing a run's receipt files: one per claim, the first seal kept, read back as written."""

from __future__ import annotations

import os

from harness.claims.images import BATCH_IMAGE_ID
from harness.claims.request import ProofRequest
from harness.provers.receipt import ProvenReceipt, read_receipt, receipt_path, write_new_receipts
from harness.provers.sources import MockSource, SyntheticSource, read_seals

FIRST = ProofRequest("batch", BATCH_IMAGE_ID, b"journal of batch 1", batches=(1, 1))
SECOND = ProofRequest("batch", BATCH_IMAGE_ID, b"journal of batch 2", batches=(2, 2))


def _receipt(request: ProofRequest) -> ProvenReceipt:
    return ProvenReceipt(request, "synthetic", SyntheticSource().seal(request))


def test_each_claim_gets_one_file_read_back_as_written(tmp_path):
    receipts = [_receipt(FIRST), _receipt(SECOND)]
    write_new_receipts(tmp_path / "receipts", receipts)
    assert read_seals(tmp_path / "receipts") == {
        receipt.request.claim_digest: receipt.seal for receipt in receipts
    }


def test_a_claims_file_once_written_is_kept(tmp_path):
    first = _receipt(FIRST)
    write_new_receipts(tmp_path, [first])
    write_new_receipts(tmp_path, [ProvenReceipt(FIRST, "mock", MockSource().seal(FIRST))])
    assert read_receipt(receipt_path(tmp_path, FIRST.claim_digest)) == first


def test_non_durable_receipts_are_written_without_fsync(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    write_new_receipts(tmp_path, [_receipt(FIRST), _receipt(SECOND)], durable=False)
    assert synced == []
    assert len(read_seals(tmp_path)) == 2
    write_new_receipts(tmp_path / "durable", [_receipt(FIRST), _receipt(SECOND)])
    assert len(synced) == 2
