"""The transaction log keeps every mined transaction, hands each line to the OS at once, syncs
them to disk within its interval, and survives a crash mid-line."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from harness.common.errors import UsageError
from harness.records import txlog
from harness.records.txlog import TxLog, TxRecord, read_txlog

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
    "blob_count": 0,
    "blob_gas_used": 0,
    "blob_gas_price": 0,
    "effective_gas_price": 1_000_000_007,
}
#: What a record's line held before blob transactions were recorded.
BEFORE_BLOBS = ("blob_count", "blob_gas_used", "blob_gas_price", "effective_gas_price")


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


# -- writing -----------------------------------------------------------------------------------
class Fsyncs:
    """os.fsync, recording how long the file was at each sync."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self._fsync = os.fsync

    def __call__(self, fd: int) -> None:
        self._fsync(fd)
        self.sizes.append(os.fstat(fd).st_size)


@pytest.fixture
def fsyncs(monkeypatch) -> Fsyncs:
    recorder = Fsyncs()
    monkeypatch.setattr(txlog.os, "fsync", recorder)
    return recorder


def test_a_record_is_in_the_file_when_write_returns_before_any_sync(tmp_path, fsyncs):
    path = tmp_path / "txs.jsonl"
    with TxLog(path, backend="anvil", fork="prague", sync_interval=3600) as log:
        log.write(TxRecord.from_json(RECORD))
        assert path.read_text() == json.dumps(RECORD) + "\n"
        assert fsyncs.sizes == []
    assert fsyncs.sizes == [path.stat().st_size], "closing syncs what is left"


def test_records_are_synced_within_the_interval_and_the_syncer_stops_on_close(tmp_path, fsyncs):
    path = tmp_path / "txs.jsonl"
    log = TxLog(path, backend="anvil", fork="prague", sync_interval=0.05)
    log.write(TxRecord.from_json(RECORD))
    size = path.stat().st_size
    deadline = time.monotonic() + 5
    while size not in fsyncs.sizes and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fsyncs.sizes == [size], "one sync for the record, none while nothing new is written"
    log.close()
    assert not any(t.name == "txlog-sync" for t in threading.enumerate())
    assert fsyncs.sizes == [size]


def test_a_line_written_before_blobs_loads_with_zero_blob_fields(tmp_path):
    path = tmp_path / "txs.jsonl"
    old = {key: value for key, value in RECORD.items() if key not in BEFORE_BLOBS}
    path.write_text(json.dumps(old) + "\n")
    (record,) = read_txlog(path)
    assert record.to_json() == old | dict.fromkeys(BEFORE_BLOBS, 0)
