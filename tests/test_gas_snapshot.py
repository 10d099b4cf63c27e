"""The gas_snapshot fixture: named transactions' gas against a committed snapshot file."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from harness.common.errors import UsageError
from harness.common.paths import ROOT
from harness.gasgate.compare import GasRegression
from harness.gasgate.snapshot import FORMAT, GasSnapshot, pick, read_snapshot, write_snapshot
from harness.records.txlog import TxRecord

pytest_plugins = ["pytester"]

EXAMPLE = ROOT / "examples" / "proposals"
RECORD = TxRecord(
    kind="finalize",
    label="prove(1..1)",
    scenario="none",
    strategy="none",
    batches=(1, 1),
    gas_used=280_000,
    gas_limit=30_000_000,
    calldata_bytes=600,
    calldata_zero_bytes=100,
    calldata_nonzero_bytes=500,
    intrinsic_gas=29_000,
    floor_gas=25_000,
    status=1,
    tx_hash="0x" + "11" * 32,
    block=7,
    backend="anvil",
    fork="prague",
)


def _snapshot(tmp_path: Path, entries: dict[str, int], **kwargs) -> GasSnapshot:
    path = tmp_path / "gas-snapshot.json"
    write_snapshot(path, entries)
    return GasSnapshot(path, tmp_path / "txs.jsonl", **kwargs)


def test_an_entry_at_its_snapshot_passes_and_a_rise_fails_naming_it(tmp_path):
    snapshot = _snapshot(tmp_path, {"prove/one": 1_000})
    snapshot.check("prove/one", 1_000)
    with pytest.raises(
        GasRegression, match=r"prove/one \(\+1 gas, \+0.10 % of its baseline\).*--harness-gas-up"
    ):
        snapshot.check("prove/one", 1_001)


def test_a_rise_within_the_tolerance_passes_and_a_fall_warns(tmp_path):
    snapshot = _snapshot(tmp_path, {"prove/one": 1_000}, tolerance=0.1)
    snapshot.check("prove/one", 1_001)
    with pytest.warns(UserWarning, match="prove/one fell from 1,000 to 990 gas"):
        snapshot.check("prove/one", 990)


def test_an_entry_the_snapshot_lacks_fails(tmp_path):
    with pytest.raises(GasRegression, match="prove/two .* is not in the gas snapshot"):
        _snapshot(tmp_path, {"prove/one": 1_000}).check("prove/two", 5)


def test_updating_merges_into_the_file_sorted(tmp_path):
    snapshot = replace(_snapshot(tmp_path, {"b": 2, "c": 3}), update=True)
    snapshot.check("a", 10)
    snapshot.check("c", 30)
    assert json.loads(snapshot.path.read_text()) == {
        "format": FORMAT,
        "entries": {"a": 10, "b": 2, "c": 30},
    }
    assert list(read_snapshot(snapshot.path)) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "content", ["{", "[]", '{"format": "other", "entries": {}}', f'{{"format": "{FORMAT}"}}']
)
def test_a_file_that_is_not_a_snapshot_is_refused(tmp_path, content):
    path = tmp_path / "gas-snapshot.json"
    path.write_text(content)
    with pytest.raises(UsageError, match="gas snapshot"):
        read_snapshot(path)


def test_no_file_is_an_empty_snapshot(tmp_path):
    assert read_snapshot(tmp_path / "missing.json") == {}


def test_transactions_are_picked_by_kind_label_index_and_scenario():
    second = replace(RECORD, label="proveAggregated(2..3)", gas_used=300_000, scenario="two")
    records = [RECORD, replace(RECORD, kind="commit"), second]
    assert pick(records, kind="finalize") is RECORD
    assert pick(records, kind="finalize", index=1) is second
    assert pick(records, kind="finalize", label="proveAggregated") is second
    assert pick(records, kind="finalize", scenario="two") is second
    with pytest.raises(UsageError, match="sent 1 finalize transaction labelled prove; there is no"):
        pick(records, kind="finalize", label="prove", index=1)


TEAM_TEST = """
def test_prove(rollup_run, gas_snapshot, harness_config):
    assert harness_config.target.name == "Proposals.sol"
    summary = rollup_run(1, strategy="none", prover="mock", txs_per_batch=5)
    assert summary.outcome.onchain_state_root == summary.reference_state_root
    gas_snapshot.record("prove/mock", kind="finalize", label="prove")
"""


@pytest.mark.anvil
def test_a_team_suite_records_checks_and_fails_its_snapshot(pytester):
    for name in ("rollup-harness.toml", "adapter.py"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    shutil.copytree(EXAMPLE / "contracts", pytester.path / "contracts")
    pytester.makepyfile(test_team=TEAM_TEST)
    backend = "--harness-backend=anvil"
    unrecorded = pytester.runpytest(backend)
    unrecorded.assert_outcomes(failed=1)
    unrecorded.stdout.fnmatch_lines(["*prove/mock (* gas) is not in the gas snapshot*"])
    pytester.runpytest(backend, "--harness-gas-update").assert_outcomes(passed=1)
    snapshot = pytester.path / "gas-snapshot.json"
    recorded = read_snapshot(snapshot)["prove/mock"]
    pytester.runpytest(backend).assert_outcomes(passed=1)
    write_snapshot(snapshot, {"prove/mock": recorded - 1})
    failed = pytester.runpytest(backend)
    failed.assert_outcomes(failed=1)
    failed.stdout.fnmatch_lines(
        ["*1 entry rose beyond the tolerance of 0.00 % of the baseline: prove/mock (+1 gas*"]
    )
