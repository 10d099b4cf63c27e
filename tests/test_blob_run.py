"""Runs whose batch data travels in blobs, end to end through ``run``: the rollup reaches the
reference model's root, every commit carries blobs and is recorded with their gas and price,
opening each blob by KZG costs at least the precompile, and both local backends agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.ethereum.limits import GAS_PER_BLOB, blob_schedule
from harness.l2.blob_batch import transfers_per_blobs
from harness.records.txlog import TxRecord, read_txlog

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CONFIG = ROOT / "examples" / "proposals" / "rollup-harness.toml"
#: The point-evaluation precompile's fixed cost (EIP-4844).
POINT_EVALUATION_GAS = 50_000
#: The batches of the module's blob run.
BLOB_RUN_BATCHES = 8


def _run(out: Path, *args: str) -> tuple[dict, list[TxRecord], str]:
    """``run --out out ARGS``: its summary, its records and what it printed."""
    result = CliRunner().invoke(main, ["run", "--out", str(out), "--strategy", "none", *args])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    return summary, list(read_txlog(out / "txs.jsonl")), result.output


def _commits(records: list[TxRecord]) -> list[TxRecord]:
    return [r for r in records if r.kind == "commit"]


@pytest.fixture(scope="module")
def blob_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[TxRecord], str]:
    """Eight batches committed in blobs on anvil, with the defaults' fork (each blob's cell
    proofs take the harness a third of a second, and anvil as long to check)."""
    out = tmp_path_factory.mktemp("blob") / "out"
    return _run(out, "--proofs", str(BLOB_RUN_BATCHES), "--da", "blob", "--backend", "anvil")


@pytest.mark.anvil
def test_a_blob_run_on_osaka_settles_to_the_models_root_with_every_commit_in_blobs(blob_run):
    summary, records, output = blob_run
    assert (summary["da"], summary["fork"], summary["backend"]) == ("blob", "osaka", "anvil")
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    assert summary["batches_finalized"] == BLOB_RUN_BATCHES
    commits = _commits(records)
    assert len(commits) == BLOB_RUN_BATCHES
    for commit in commits:
        assert commit.label.startswith("commitBlobBatch(")
        assert commit.blob_count >= 1
        assert commit.blob_gas_used == GAS_PER_BLOB * commit.blob_count
        assert commit.blob_gas_price >= 1 and commit.effective_gas_price > 0
    assert summary["gas"]["blob"] == sum(r.blob_gas_used for r in records)
    assert summary["gas"]["blob"] == sum(r.blob_gas_used for r in commits)
    others = [r for r in records if r.kind != "commit"]
    assert {(r.blob_count, r.blob_gas_used, r.blob_gas_price) for r in others} == {(0, 0, 0)}
    assert "fork osaka" in output and "batch data in blobs" in output
    assert f"{summary['gas']['blob']:,} gas" in output


@pytest.mark.anvil
def test_opening_each_blob_costs_at_least_the_point_evaluation_per_commit(blob_run, tmp_path):
    _, blob_records, _ = blob_run
    summary, records, output = _run(
        tmp_path / "kzg", "--proofs", "5", "--da", "blob-kzg", "--backend", "anvil"
    )
    assert summary["da"] == "blob-kzg"
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    assert "opened by KZG point evaluation" in output
    pairs = list(zip(_commits(blob_records), _commits(records), strict=False))
    assert len(pairs) == 5
    for blob, opened in pairs:
        assert opened.label.startswith("commitBlobBatchKzg(")
        assert opened.blob_count == blob.blob_count >= 1
        assert opened.gas_used - blob.gas_used >= POINT_EVALUATION_GAS * blob.blob_count


@pytest.mark.anvil
@pytest.mark.ethtester
def test_both_backends_give_a_prague_blob_run_the_same_root_and_gas(tmp_path):
    blob = ("--proofs", "3", "--strategy", "single", "--da", "blob")
    tester, tester_records, _ = _run(tmp_path / "tester", *blob, "--backend", "eth-tester")
    prague, prague_records, _ = _run(
        tmp_path / "anvil", *blob, "--backend", "anvil", "--fork", "prague"
    )
    assert tester["fork"] == "prague", "eth-tester's default fork is its newest"
    assert (tester["backend"], prague["backend"], prague["fork"]) == (
        "eth-tester",
        "anvil",
        "prague",
    )
    assert tester["onchain_state_root"] == prague["onchain_state_root"]
    assert tester["onchain_state_root"] == tester["reference_state_root"]

    def measured(records: list[TxRecord]) -> list[tuple]:
        return [(r.kind, r.label, r.gas_used, r.blob_count, r.blob_gas_used) for r in records]

    assert measured(tester_records) == measured(prague_records)
    assert sum(r.blob_count for r in _commits(tester_records)) == 3
    assert tester["gas"] == prague["gas"]


def _error(*args: str) -> str:
    result = CliRunner().invoke(main, ["run", *args])
    lines = result.output.strip().splitlines()
    assert result.exit_code != 0 and len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0]


def test_osaka_on_eth_tester_is_one_line(tmp_path):
    line = _error(
        "--proofs", "2", "--backend", "eth-tester", "--fork", "osaka", "--out", str(tmp_path / "o")
    )
    assert "eth-tester cannot run fork 'osaka'" in line
    assert not (tmp_path / "o").exists()


def test_a_batch_too_large_for_one_transactions_blobs_is_refused_before_anything_starts(tmp_path):
    too_many = transfers_per_blobs(6) + 1
    line = _error(
        "--proofs",
        "1",
        "--da",
        "blob",
        "--backend",
        "anvil",
        "--fork",
        "osaka",
        "--txs-per-batch",
        str(too_many),
        "--out",
        str(tmp_path / "o"),
    )
    assert "needs 7 blobs, but a transaction on osaka carries at most 6" in line
    assert not (tmp_path / "o").exists()


@pytest.mark.anvil
def test_the_most_blobs_a_prague_transaction_carries_go_in_one_commit_to_anvil(tmp_path):
    """Prague's 9 blobs make a request of some 2.4 MB, which anvil takes only with
    ``--no-request-size-limit``: the largest batch a prague transaction carries settles."""
    most = blob_schedule("prague").max_per_tx
    summary, records, _ = _run(
        tmp_path / "out",
        *("--proofs", "1", "--da", "blob", "--backend", "anvil", "--fork", "prague"),
        *("--txs-per-batch", str(transfers_per_blobs(most))),
    )
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    assert [commit.blob_count for commit in _commits(records)] == [most]


def test_a_rollup_adapter_without_blobs_is_refused_blob_mode_in_one_line(tmp_path):
    line = _error(
        "--proofs",
        "1",
        "--da",
        "blob",
        "--config",
        str(EXAMPLE_CONFIG),
        "--out",
        str(tmp_path / "o"),
    )
    assert "commits batch data only as calldata; it has no 'blob' mode" in line
    assert not (tmp_path / "o").exists()


def test_a_calldata_commit_above_the_osaka_transaction_cap_is_refused_before_anything_starts(
    tmp_path,
):
    line = _error(
        *("--proofs", "1", "--da", "calldata", "--backend", "anvil", "--fork", "osaka"),
        *("--txs-per-batch", "9000", "--out", str(tmp_path / "o")),
    )
    assert "above the EIP-7825 cap of 16,777,216 gas per transaction on osaka" in line
    assert not (tmp_path / "o").exists()
