"""A small sweep on anvil, end to end: its reports, and every figure traced back to txs.jsonl.

The figures are recomputed here from the raw JSON lines of ``txs.jsonl`` (not through the
report code), then looked up in summary.json, report.md and metrics.prom.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families

from harness.cli import main

pytestmark = pytest.mark.anvil

PROOFS = (3, 6, 10)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep") / "out"
    proofs = ",".join(str(n) for n in PROOFS)
    grid = ["--fork", "prague", "--da", "calldata", "--extra-batch-sizes", "50,400"]
    result = CliRunner().invoke(main, ["sweep", "--proofs", proofs, *grid, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def lines(sweep) -> list[dict]:
    return [json.loads(line) for line in (sweep / "txs.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def summary(sweep) -> dict:
    return json.loads((sweep / "summary.json").read_text())


def _recomputed(scenario: dict, lines: list[dict]) -> dict[str, int]:
    """A scenario's gas, summed straight from the log lines its records point to."""
    own = [r for r in lines if r["scenario"] == scenario["name"]]
    data = scenario["records"]["batch_data"]
    commits = [
        r
        for r in lines
        if r["scenario"] == data["scenario"]
        and r["kind"] == "commit"
        and data["batches"][0] <= r["batches"][0]
        and r["batches"][1] <= data["batches"][1]
    ]
    settlement = sum(r["gas_used"] for r in own if r["kind"] in ("finalize", "submit_root"))
    commit = sum(r["gas_used"] for r in commits)
    return {
        "settlement_gas": settlement,
        "commit_gas": commit,
        "total_gas": settlement + commit,
        "verifications": sum(1 for r in own if r["kind"] == "finalize"),
        "commits": len(commits),
    }


def test_sweep_writes_the_four_reports_and_the_calibrated_model(sweep):
    for name in (
        "report.md",
        "summary.json",
        "gas.png",
        "metrics.prom",
        "txs.jsonl",
        "calibrated-model.json",
    ):
        assert (sweep / name).stat().st_size > 0, name
    assert (sweep / "gas.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_transaction_in_the_log_was_mined_successfully(lines):
    assert lines and all(r["status"] == 1 and r["block"] > 0 for r in lines)


def test_every_scenario_figure_is_a_sum_of_txs_jsonl_lines(summary, lines):
    assert summary["txs"]["records"] == len(lines)
    for scenario in summary["scenarios"]:
        recomputed = _recomputed(scenario, lines)
        for key, value in recomputed.items():
            assert scenario["measured"][key] == value, (scenario["name"], key)
        assert recomputed["commits"] == scenario["proofs"]
        assert recomputed["verifications"] == scenario["model"]["aggregated_count"]


def test_no_aggregation_gas_per_verification_is_its_finalise_transactions(summary, lines):
    checked = 0
    for scenario in summary["scenarios"]:
        if scenario["strategy"] != "none" or scenario["onchain"] != "range":
            continue
        finalizes = [
            r["gas_used"]
            for r in lines
            if r["scenario"] == scenario["name"] and r["kind"] == "finalize"
        ]
        per_verification = scenario["measured"]["gas_per_verification"]
        assert abs(per_verification - sum(finalizes) / len(finalizes)) <= 0.03 * per_verification
        checked += 1
    assert checked >= len(PROOFS)


def _report_rows(report: str) -> dict[tuple[str, str, str, str], list[str]]:
    section = report.split("## Model against measurement, per scenario")[1].split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 15 and cells[0] in ("prague", "osaka", "cancun"):
            assert cells[1] == "calldata"
            del cells[1]
            strategy = cells[3].removesuffix(" ★")
            rows[(cells[0], cells[1], cells[2], strategy)] = cells
    return rows


def test_report_states_the_recomputed_gas_and_the_models_error_for_each_scenario(
    sweep, summary, lines
):
    rows = _report_rows((sweep / "report.md").read_text())
    main = [s for s in summary["scenarios"] if s["requested_txs_per_batch"] == 100]
    assert len(rows) == len(main)
    for scenario in main:
        gas = _recomputed(scenario, lines)
        key = (
            scenario["fork"],
            scenario["onchain"],
            str(scenario["proofs"]),
            scenario["strategy_description"],
        )
        cells = rows[key]
        model = scenario["model"]["aggregated_gas"]
        assert cells[5] == f"{model:,}"
        assert cells[6] == f"{gas['settlement_gas']:,}"
        deviation = f"{(gas['settlement_gas'] - model) / model * 100:+.2f} %"
        assert cells[7].split(" (")[0] == deviation
        assert cells[12] == f"{gas['commit_gas']:,}"
        assert cells[13] == f"{gas['total_gas']:,}"


def test_verification_costs_are_the_verify_transactions(summary, lines):
    verify = {(r["scenario"], r["label"]): r for r in lines if r["kind"] == "verify"}
    assert len(summary["verification"]) == len(verify) == 4
    for row in summary["verification"]:
        record = verify[(row["records"]["scenario"], row["records"]["label"])]
        assert row["gas_used"] == record["gas_used"]
        assert row["execution_gas"] == record["gas_used"] - record["intrinsic_gas"]


def test_set_depth_rows_are_their_probe_transactions(summary, lines):
    rows = summary["set_depth"]
    assert [row["leaves"] for row in rows] == [2**k for k in range(11)]
    for row in rows:
        name = f"{row['fork']}/t100/set-depth/k{row['leaves']}"
        by_kind = defaultdict(int)
        for r in lines:
            if r["scenario"] == name:
                by_kind[r["kind"]] += r["gas_used"]
        assert row["finalize_gas"] == by_kind["finalize"]
        assert row["submit_root_gas"] == by_kind["submit_root"]


def test_metrics_prom_parses_with_model_md_names_and_record_gas(sweep, summary, lines):
    families = {
        f.name: f for f in text_string_to_metric_families((sweep / "metrics.prom").read_text())
    }
    for name in (
        "l2_aggregation_strategy",
        "l2_l1_submission_gas_used",
        "l2_cache_hit_rate",
        "l2_gas_savings_percent",
        "l2_proof_generation_duration_seconds",
    ):
        assert name in families
    used = {
        (s.labels["scenario"], s.labels["part"]): s.value
        for s in families["l2_l1_submission_gas_used"].samples
    }
    for scenario in summary["scenarios"]:
        gas = _recomputed(scenario, lines)
        assert used[(scenario["name"], "settlement")] == gas["settlement_gas"]
        assert used[(scenario["name"], "data")] == gas["commit_gas"]


def test_calibrated_fit_predicts_left_out_scenarios_within_two_percent(summary):
    for model in summary["calibration"]:
        assert model["holdout"] is not None
        assert model["holdout"]["max_abs_error_percent"] < 2


def test_report_says_what_it_ran_on_and_how_long_it_took(sweep):
    report = (sweep / "report.md").read_text()
    assert re.search(r"\*\*Chain\*\*: anvil \(anvil/v[\d.]+\), fork prague", report)
    assert re.search(r"transactions in [\d.]+ s", report)
    assert "## Findings" in report
