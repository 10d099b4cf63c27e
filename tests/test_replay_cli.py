"""`rollup-harness replay`: a table and JSON of on-chain verification, exit 0 only if all verify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
    assert set(rows[0]) == {
        "id",
        "selector",
        "version",
        "verdict",
        "verified",
        "gas_used",
        "error",
    }
    assert "13 verified, 0 failed, 0 rejected" in result.output


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


def _mixed_corpus() -> tuple[dict, dict[str, str]]:
    """The real corpus with entries spoilt in every way replay must survive, and the verdict
    each entry must get, by id."""
    corpus = json.loads(CORPUS.read_text())
    groth16 = corpus["groth16_receipts"]
    # A tampered seal: one byte of the proof (not the selector) changed.
    seal = bytearray.fromhex(groth16[1]["seal"][2:])
    seal[40] ^= 1
    groth16[1]["seal"] = "0x" + seal.hex()
    # A claim digest that does not match the entry's journal.
    claim = bytearray.fromhex(groth16[2]["claim_digest"][2:])
    claim[0] ^= 1
    groth16[2]["claim_digest"] = "0x" + claim.hex()
    # Bad hex.
    groth16[3]["image_id"] = "0xnot-hex"
    # A selector no RISC Zero verifier has.
    groth16[4]["seal"] = "0xdeadbeef" + groth16[4]["seal"][10:]
    # Not an object at all.
    groth16.append(7)
    verdicts = {entry["id"]: "verified" for entry in groth16[:-1]}
    verdicts |= {entry["id"]: "verified" for entry in corpus["set_inclusion_receipts"]}
    verdicts[groth16[1]["id"]] = "failed"
    for entry in groth16[2:5]:
        verdicts[entry["id"]] = "rejected"
    verdicts[f"groth16_receipts[{len(groth16) - 1}]"] = "rejected"
    return corpus, verdicts


def test_every_entry_of_a_corpus_with_spoilt_entries_gets_its_own_verdict(tmp_path):
    corpus, verdicts = _mixed_corpus()
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(corpus))
    out = tmp_path / "results.json"
    result = _replay(str(path), "--json", str(out))
    assert result.exit_code == 1, result.output
    rows = json.loads(out.read_text())
    assert len(rows) == len(verdicts) == 14
    assert {row["id"]: row["verdict"] for row in rows} == verdicts
    by_id = {row["id"]: row for row in rows}
    tampered, inconsistent, bad_hex, unknown, not_object = (
        corpus["groth16_receipts"][1]["id"],
        corpus["groth16_receipts"][2]["id"],
        corpus["groth16_receipts"][3]["id"],
        corpus["groth16_receipts"][4]["id"],
        "groth16_receipts[12]",
    )
    assert by_id[tampered]["gas_used"] > 0 and by_id[tampered]["error"]
    assert "claim_digest" in by_id[inconsistent]["error"]
    assert "does not match" in by_id[inconsistent]["error"]
    assert "image_id" in by_id[bad_hex]["error"] and "hex" in by_id[bad_hex]["error"]
    assert "0xdeadbeef" in by_id[unknown]["error"]
    assert "expected an object" in by_id[not_object]["error"]
    assert all(by_id[i]["gas_used"] is None for i in (inconsistent, bad_hex, unknown, not_object))
    # One table line per entry, in file order, each with its verdict; then the tally.
    lines = result.output.splitlines()
    table = [line for line in lines[2:-1] if not line.startswith("    ")]
    assert [line.split()[0] for line in table] == [row["id"][:54] for row in rows]
    expected_word = {"verified": "ok", "failed": "FAILED", "rejected": "rejected"}
    assert [line.split()[-2] for line in table] == [expected_word[r["verdict"]] for r in rows]
    assert lines[-1] == "9 verified, 1 failed, 4 rejected"


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2]",
        '{"description": "no receipt lists"}',
        '{"groth16_receipts": {"id": "not a list"}}',
        "{ not json",
    ],
)
def test_a_file_that_is_not_a_corpus_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "not-a-corpus.json"
    path.write_text(content)
    result = _replay(str(CORPUS), str(path))
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and result.output.startswith("error:")


def test_a_corrupt_receipt_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "corrupt.json"
    path.write_text('{"groth16_receipts": [{"id": 1}]')
    result = _replay(str(path))
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and result.output.startswith("error:")


@pytest.mark.parametrize(
    ("where", "error"),
    [("missing/results.json", "error: cannot write --json"), (".", "is a directory")],
)
def test_an_unwritable_json_path_is_refused_before_anything_is_sent(tmp_path, where, error):
    result = _replay(str(CORPUS), "--json", str(tmp_path / where))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and error in result.output, result.output


def test_out_records_every_mined_transaction_with_the_gas_the_table_shows(tmp_path):
    results = tmp_path / "results.json"
    result = _replay(str(CORPUS), "--json", str(results), "--out", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    verifies = [r for r in read_txlog(tmp_path / "run" / "txs.jsonl") if r.kind == "verify"]
    assert [r.gas_used for r in verifies] == [
        row["gas_used"] for row in json.loads(results.read_text())
    ]
