"""`rollup-harness replay`: a table and JSON of on-chain verification, exit 0 only if all verify."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harness.cli import main
from harness.records.txlog import read_txlog

CORPUS = Path(__file__).parent / "vectors" / "risc0-receipts.json"


def _replay(*args: str):
    return CliRunner().invoke(main, ["replay", "--backend", "anvil", "--no-python-check", *args])


def test_replay_verifies_the_corpus_and_writes_json(tmp_path):
    out = tmp_path / "results.json"
    result = _replay(str(CORPUS), "--json", str(out))
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text())
    assert len(rows) == 13
    assert all(row["verified"] and row["gas_used"] > 200_000 for row in rows)
    assert set(rows[0]) == {"id", "selector", "version", "verified", "gas_used", "error"}
    assert "13 verified, 0 failed" in result.output


def test_a_receipt_that_does_not_verify_makes_the_exit_non_zero(tmp_path):
    corpus = json.loads(CORPUS.read_text())
    corpus["set_inclusion_receipts"] = []
    bad = corpus["groth16_receipts"][0]
    digest = bytearray.fromhex(bad["journal_digest"][2:])
    digest[0] ^= 1
    bad.pop("journal", None)
    bad["journal_digest"] = "0x" + digest.hex()
    bad.pop("claim_digest", None)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(corpus))
    out = tmp_path / "results.json"
    result = _replay(str(path), "--json", str(out))
    assert result.exit_code == 1, result.output
    rows = json.loads(out.read_text())
    assert rows[0]["verified"] is False and rows[0]["error"] == "VerificationFailed()"
    assert all(row["verified"] for row in rows[1:])


def test_a_corrupt_receipt_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "corrupt.json"
    path.write_text('{"groth16_receipts": [{"id": 1}]')
    result = _replay(str(path))
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and result.output.startswith("error:")


def test_an_unwritable_json_path_is_refused_before_anything_is_sent(tmp_path):
    result = _replay(str(CORPUS), "--json", str(tmp_path / "missing" / "results.json"))
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot write --json")


def test_out_records_every_mined_transaction_with_the_gas_the_table_shows(tmp_path):
    results = tmp_path / "results.json"
    result = _replay(str(CORPUS), "--json", str(results), "--out", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    verifies = [r for r in read_txlog(tmp_path / "run" / "txs.jsonl") if r.kind == "verify"]
    assert [r.gas_used for r in verifies] == [
        row["gas_used"] for row in json.loads(results.read_text())
    ]
