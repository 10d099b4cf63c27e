"""The transaction log keeps every mined transaction and survives a crash mid-line."""

from __future__ import annotations

import json

import pytest

from harness.common.errors import UsageError
from harness.records.txlog import read_txlog

RECORD = {
    "kind": "commit",
    "label": "commitBatch(1)",
    "scenario": "main",
    "strategy": "none",
    "batches": [1, 1],
    "gas_used": 230550,
    "gas_limit": 60000000,
    "calldata_bytes": 6468,
    "calldata_zero_bytes": 100,
    "calldata_nonzero_bytes": 6368,
    "intrinsic_gas": 124488,
    "floor_gas": 276720,
    "status": 1,
    "tx_hash": "0x" + "ab" * 32,
    "block": 7,
    "backend": "anvil",
    "fork": "prague",
}


def test_a_last_line_cut_short_by_a_crash_is_skipped(tmp_path):
    path = tmp_path / "txs.jsonl"
    line = json.dumps(RECORD)
    path.write_text(line + "\n" + line[: len(line) // 2])
    assert [r.tx_hash for r in read_txlog(path)] == [RECORD["tx_hash"]]


def test_a_whole_last_line_of_another_shape_is_an_error_not_skipped(tmp_path):
    path = tmp_path / "txs.jsonl"
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps({"kind": "commit"}) + "\n")
    with pytest.raises(UsageError, match=r"txs.jsonl:2: not a transaction record"):
        list(read_txlog(path))
