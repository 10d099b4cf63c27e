"""Sweeps over data-availability modes: the grid axis, its defaults, the blob-filling batch
size, and a small ``--da calldata,blob`` sweep on anvil (osaka) checked against its records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.common.paths import ROOT
from harness.ethereum.blobs import DATA_BYTES_PER_BLOB, LENGTH_PREFIX_SIZE
from harness.l2.batch import TRANSFER_SIZE
from harness.sweep.grid import DEFAULT_EXTRA_BATCH_SIZES, SweepPlan
from harness.sweep.runner import plan_units

EXAMPLE_CONFIG = ROOT / "examples" / "proposals" / "rollup-harness.toml"
GAS_PER_BLOB = 131_072
WEI_PER_GWEI = 10**9
WEI_PER_ETH = 10**18


def test_the_default_grid_has_a_batch_size_that_fills_one_blob():
    fills = (DATA_BYTES_PER_BLOB - LENGTH_PREFIX_SIZE) // TRANSFER_SIZE
    assert fills == 1983
    assert fills in DEFAULT_EXTRA_BATCH_SIZES
    assert (fills + 1) * TRANSFER_SIZE + LENGTH_PREFIX_SIZE > DATA_BYTES_PER_BLOB


def test_each_mode_is_its_own_unit_and_names_say_the_mode():
    plan = SweepPlan(
        proofs=(3,),
        onchain=("range",),
        extra_batch_sizes=(),
        da=("calldata", "blob"),
        forks=("osaka",),
        backend="anvil",
    )
    assert [unit.name for unit in plan_units(plan)] == ["osaka/t100/range", "osaka/blob/t100/range"]
    names = [spec.name for spec in plan.scenarios("osaka", "range", 3, 100, "blob")]
    assert names and all(name.startswith("osaka/blob/t100/range/n3/") for name in names)


def test_defaults_are_osaka_and_blob_on_anvil_and_prague_on_eth_tester():
    anvil = SweepPlan(proofs=(3,), backend="anvil")
    assert (anvil.forks, anvil.da) == (("osaka",), ("blob",))
    assert SweepPlan(proofs=(3,), backend="eth-tester").forks == ("prague",)


def test_sweep_help_states_the_defaults():
    text = CliRunner().invoke(main, ["sweep", "--help"]).output
    assert "osaka on anvil" in text and "[default: blob" in " ".join(text.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--da", "blob", "--config", str(EXAMPLE_CONFIG)),
            "error: rollup 'Proposals.sol' commits batch data only as calldata; it has no "
            "'blob' mode",
        ),
        (("--da", "blobs"), "error: unknown data-availability mode 'blobs'"),
        (
            ("--da", "blob", "--fork", "osaka", "--txs-per-batch", "11906"),
            "error: a batch of 11,906 transfers needs 7 blobs, but a transaction on osaka "
            "carries at most 6",
        ),
        (
            ("--backend", "eth-tester", "--fork", "osaka"),
            "error: backend eth-tester cannot run fork",
        ),
    ],
)
def test_bad_modes_are_one_line_errors_before_anything_runs(tmp_path, args, message):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["sweep", "--proofs", "3", *args, "--out", str(out)])
    assert result.exit_code != 0
    assert result.output.startswith(message), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("da") / "out"
    grid = ["--proofs", "2,3", "--strategies", "none", "--onchain", "range"]
    grid += ["--extra-batch-sizes", "none", "--da", "calldata,blob", "--workers", "1"]
    result = CliRunner().invoke(main, ["sweep", *grid, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.anvil
def test_every_blob_commit_carries_blobs_at_131072_blob_gas_each(sweep):
    lines = [json.loads(line) for line in (sweep / "txs.jsonl").read_text().splitlines()]
    commits = [r for r in lines if r["kind"] == "commit"]
    blob = [r for r in commits if r["scenario"].startswith("osaka/blob/")]
    calldata = [r for r in commits if r["scenario"].startswith("osaka/t100/")]
    assert len(blob) == len(calldata) == 3
    for r in blob:
        assert r["blob_count"] >= 1
        assert r["blob_gas_used"] == GAS_PER_BLOB * r["blob_count"]
    assert all(r["blob_count"] == 0 and r["blob_gas_used"] == 0 for r in calldata)


@pytest.mark.anvil
def test_per_mode_findings_are_the_records_at_the_sweeps_fees(sweep):
    lines = [json.loads(line) for line in (sweep / "txs.jsonl").read_text().splitlines()]
    summary = json.loads((sweep / "summary.json").read_text())
    report = (sweep / "report.md").read_text()
    fees = summary["fees"]
    assert "- **Batch data**: posted as calldata, blob" in report
    assert "**Chain**: anvil" in report and "fork osaka" in report
    found = {f["da"]: f for f in summary["da_findings"]}
    assert set(found) == {"calldata", "blob"}
    for da, finding in found.items():
        name = finding["scenario"]
        assert name.startswith("osaka/blob/t100/range/n3/" if da == "blob" else "osaka/t100/")
        prefix = "osaka/blob" if da == "blob" else "osaka"
        commits = [
            r for r in lines if r["scenario"] == f"{prefix}/t100/commits" and r["kind"] == "commit"
        ]
        settle = [r for r in lines if r["scenario"] == name and r["kind"] == "finalize"]
        commit_gas = sum(r["gas_used"] for r in commits)
        blob_gas = sum(r["blob_gas_used"] for r in commits)
        blobs = sum(r["blob_count"] for r in commits)
        settlement = sum(r["gas_used"] for r in settle)
        data_wei = commit_gas * fees["base_fee_gwei"] * WEI_PER_GWEI
        data_wei += blob_gas * fees["blob_base_fee_gwei"] * WEI_PER_GWEI
        settle_wei = settlement * fees["base_fee_gwei"] * WEI_PER_GWEI
        total = data_wei + settle_wei
        assert (finding["commit_gas"], finding["blob_gas"]) == (commit_gas, blob_gas)
        assert finding["settlement_gas"] == settlement
        assert finding["batch_data_percent_of_l1_cost"] == pytest.approx(data_wei / total * 100)
        assert finding["eth_per_l2_transfer"] == pytest.approx(total / WEI_PER_ETH / 300)
        line = next(t for t in report.splitlines() if t.startswith(f"- `{name}`: {da}:"))
        assert f"batch data is {data_wei / total * 100:.1f} % of the L1 cost" in line
        if da == "blob":
            assert blobs == 3
            assert finding["l2_transfers_per_blob"] == 100
            fill = 300 * TRANSFER_SIZE / (blobs * DATA_BYTES_PER_BLOB) * 100
            assert f"{fill:.1f} % of the 126,976 data bytes its blobs carry" in line
    table = report.split("## What it costs at these fees")[1].split("\n## ")[0]
    assert "| osaka | blob | range |" in table and "| osaka | calldata | range |" in table
