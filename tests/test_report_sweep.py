"""Sweep reports from synthetic records: what each figure is, and that every output agrees.

The records follow a known cost structure (a commit costs 21,000 + 2,100 gas per transfer;
a range finalise 284,600 gas, a rollup's first 301,300; a set root 287,000 and an inclusion
finalise 78,000 + 800 per path level), so every figure has an expected value.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families
from synthetic_sweep import (
    FEES,
    FINALIZE,
    FIRST_FINALIZE,
    FORK,
    INCLUSION,
    PER_LEVEL,
    PROOFS,
    ROOT,
    commit_gas,
    synthetic_document,
    synthetic_sweep,
)

from harness.cli import main
from harness.common.errors import UsageError
from harness.records.sweep_manifest import SweepManifest
from harness.records.txlog import rewrite_txlog
from harness.reports.findings import aggregation_depth, batch_data, limits, range_verification
from harness.reports.markdown import render
from harness.reports.measured import by_scenario, finalize_costs
from harness.reports.metrics import METRICS, write_metrics
from harness.reports.plot import draw
from harness.reports.summary import summary
from harness.reports.sweep_analysis import analyse
from harness.reports.throughput import l1_throughput
from harness.sweep.outputs import analysed

if TYPE_CHECKING:
    from matplotlib.text import Text

#: The metric names docs/model.md lists.
MODEL_MD_METRICS = (
    "l2_aggregation_strategy",
    "l2_aggregation_duration_seconds",
    "l2_aggregation_batch_size",
    "l2_aggregation_proof_count",
    "l2_tps_improvement_ratio",
    "l2_gas_savings_percent",
    "l2_proof_size_savings_percent",
    "l2_cache_hit_rate",
    "l2_parallel_workers_active",
    "l2_proof_generation_duration_seconds",
    "l2_l1_submission_gas_used",
)


@pytest.fixture(scope="module")
def analysis():
    return analysed(*synthetic_sweep())


def _scenario(analysis, name):
    return next(s for s in analysis.scenarios if s.name == name)


def test_settlement_is_every_finalise_plus_the_root_submission(analysis):
    s = _scenario(analysis, f"{FORK}/t100/set/n30/single")
    assert s.verifications == 3
    assert s.settlement_gas == ROOT + 3 * (INCLUSION + 2 * PER_LEVEL)


def test_a_scenario_pays_the_commits_of_its_first_n_batches(analysis):
    s = _scenario(analysis, f"{FORK}/t400/range/n10/none")
    assert s.commits == 10
    assert s.commit_gas == 10 * commit_gas(400)
    assert s.total_gas == s.settlement_gas + s.commit_gas


def test_deviation_compares_measured_settlement_with_the_models(analysis):
    s = _scenario(analysis, f"{FORK}/t100/range/n100/none")
    measured = FIRST_FINALIZE + 99 * FINALIZE
    assert s.deviation_percent == pytest.approx((measured - 30_000_000) / 30_000_000 * 100)
    assert s.gas_per_verification == pytest.approx(measured / 100)


def test_a_scenario_missing_from_the_log_is_an_error():
    records, manifest = synthetic_sweep()
    gone = manifest.scenarios[0].name
    with pytest.raises(UsageError, match="no transaction of scenario"):
        analyse([r for r in records if r.scenario != gone], manifest)


def test_l1_throughput_divides_the_block_by_each_batchs_gas():
    rate = l1_throughput(
        commit_gas=2_000_000, settlement_gas=1_000_000, batches=10, txs_per_batch=100
    )
    assert rate.gas_per_batch == 300_000
    assert rate.batches_per_block == 200
    assert rate.l2_tps == pytest.approx(200 * 100 / 12)
    assert rate.settlement_only_batches_per_block == 600
    assert rate.blocks == 1


def test_set_depth_rows_share_the_root_among_the_leaves(analysis):
    rows = analysis.depth
    assert [(row.leaves, row.depth) for row in rows] == [(1, 0), (2, 1), (4, 2)]
    assert rows[2].per_batch_gas == INCLUSION + 2 * PER_LEVEL + ROOT / 4
    assert all(row.range_finalize_gas == FIRST_FINALIZE for row in rows)


def test_finalise_costs_separate_a_rollups_first(analysis):
    (cost,) = [c for c in analysis.finalize if c.onchain == "range"]
    assert cost.first_mean_gas == FIRST_FINALIZE
    assert cost.typical_gas == FINALIZE


def test_commit_line_recovers_gas_per_transfer(analysis):
    (line,) = analysis.commit_lines
    assert line.per_transfer == pytest.approx(2_100)
    assert line.fixed == pytest.approx(21_000)
    assert line.transfers_at(2**24) == (2**24 - 21_000) // 2_100


def test_the_reports_analysis_fits_no_model_the_sweep_fits_one_per_fork_and_mode():
    records, manifest = synthetic_sweep()
    assert analyse(records, manifest).models == ()
    scenarios = analysed(records, manifest).scenarios
    for fork, mode in ((FORK, "range"), (FORK, "set")):
        (model,) = [m for m in analysed(records, manifest).models if m.onchain == mode]
        fitted = [s for s in scenarios if (s.fork, s.onchain) == (fork, mode)]
        assert model.fork == fork and model.scenarios == len(fitted)


def test_a_sweep_of_one_proof_count_fits_no_model_and_says_why(tmp_path):
    records, document = synthetic_document()
    one = f"/n{PROOFS[0]}/"
    kept = [r for r in records if one in r.scenario or "/n" not in r.scenario]
    names = {r.scenario for r in kept}
    document["plan"]["proofs"] = [PROOFS[0]]
    document["scenarios"] = [s for s in document["scenarios"] if s["name"] in names]
    (tmp_path / "manifest.json").write_text(json.dumps(document))
    rewrite_txlog(tmp_path / "txs.jsonl", kept)
    result = CliRunner().invoke(main, ["sweep", "--report-only", str(tmp_path)])
    assert result.exit_code == 0, result.output
    why = "not fitted; its scenarios measure one proof count"
    assert f"calibrated {FORK}/range: {why}" in result.output
    assert f"calibrated {FORK}/set: {why}" in result.output
    assert f"Not fitted: {FORK}/range, {FORK}/set: its scenarios measure one proof count" in (
        (tmp_path / "report.md").read_text()
    )
    assert not (tmp_path / "calibrated-model.json").exists()


def test_calibrated_models_predict_left_out_scenarios(analysis):
    assert {(m.fork, m.onchain) for m in analysis.models} == {(FORK, "range"), (FORK, "set")}
    for model in analysis.models:
        assert model.holdout is not None
        assert model.holdout.max_abs_error_percent < 2


def test_markdown_puts_model_beside_measured_in_every_section(analysis):
    report = render(analysis)
    for heading in (
        "## Model against measurement, per scenario",
        "## What one verification",
        "## Batch data",
        "## L1-bound throughput",
        "## Set inclusion against range",
        "## Limits",
        "## Calibrated model",
        "## Findings",
    ):
        assert heading in report
    s = _scenario(analysis, f"{FORK}/t100/range/n100/none")
    without = (s.settlement_gas - s.first_finalize_cold_gas - 30_000_000) / 30_000_000 * 100
    assert (
        f"| 30,000,000 | {s.settlement_gas:,} | {s.deviation_percent:+.2f} % "
        f"({without:+.2f} % without) | {s.first_finalize_cold_gas:,} |" in report
    )
    assert "proofs verified per second of off-chain verification time" in report


def _analysis_with(change):
    """The synthetic sweep's analysis after ``change(record)`` rewrote its records."""
    records, manifest = synthetic_sweep()
    return analysed([change(record) for record in records], manifest)


def _gas_where(gas, *, kind, name_has, first_batch=None):
    def change(record):
        if record.kind != kind or name_has not in record.scenario:
            return record
        if first_batch is not None and (record.batches is None or record.batches[0] != first_batch):
            return record
        return replace(record, gas_used=gas(record.gas_used))

    return change


def test_a_finalise_within_ten_percent_of_the_model_is_called_close(analysis):
    text = range_verification(analysis)
    assert "per verification is close.**" in text
    assert "-5.13 % of the model's 300,000, within the ±10 % of it" in text


def test_a_finalise_over_ten_percent_above_the_model_is_called_too_low():
    changed = _analysis_with(
        _gas_where(lambda gas: 340_000, kind="finalize", name_has="/range/", first_batch=None)
    )
    text = range_verification(changed)
    assert "per verification is too low.**" in text
    assert "+13.33 % of the model's 300,000, outside the ±10 % of it" in text


def test_trees_of_different_depth_settling_alike_make_depth_free(analysis):
    text = aggregation_depth(analysis)
    assert text.startswith("**Aggregation depth costs nothing on chain.**")
    assert "within the 0.1 %" in text


def test_a_deeper_tree_that_settles_for_more_makes_depth_cost_gas():
    changed = _analysis_with(
        _gas_where(lambda gas: gas + 2_000, kind="finalize", name_has="/three")
    )
    text = aggregation_depth(changed)
    assert text.startswith("**Aggregation depth costs gas on chain.**")
    assert "over the 0.1 %" in text and "three-level" in text


def test_flat_settlement_under_the_cap_breaks_it_at_no_n(analysis):
    text = limits(analysis)
    assert "Settlement transactions do not grow with N" in text
    assert "no strategy breaks the cap at any N" in text


def test_settlement_that_grows_with_n_is_cleared_only_up_to_the_n_measured():
    changed = _analysis_with(
        _gas_where(lambda gas: 400_000, kind="finalize", name_has="/range/n100/", first_batch=1)
    )
    text = limits(changed)
    assert "Settlement transactions grow with N" in text
    assert "none breaks the cap at the N measured (up to 100)" in text
    assert "at any N" not in text


def test_settlement_over_two_to_the_24_is_said_to_break_the_cap():
    changed = _analysis_with(
        _gas_where(lambda gas: 2**24 + 1, kind="finalize", name_has="/range/n100/", first_batch=1)
    )
    text = limits(changed)
    assert f"used {2**24 + 1:,} gas" in text
    assert "settlement breaks the cap in 8 scenario(s)" in text
    assert "no strategy breaks" not in text


def test_batch_data_over_half_of_all_gas_is_most_of_the_bill(analysis):
    assert "and at scale most of the bill.**" in batch_data(analysis)
    cheap_data = _analysis_with(_gas_where(lambda gas: gas // 100, kind="commit", name_has=""))
    text = batch_data(cheap_data)
    assert "leaves out.**" in text and "(at most half)" in text


def test_finalise_costs_without_a_rollups_first_finalise_use_the_later_ones(analysis):
    records, _ = synthetic_sweep()
    later_only = by_scenario(
        r for r in records if not (r.kind == "finalize" and r.batches and r.batches[0] == 1)
    )
    (cost,) = [c for c in finalize_costs(later_only, analysis.main) if c.onchain == "range"]
    assert cost.first_mean_gas is None
    assert cost.typical_gas == FINALIZE
    no_finalise = by_scenario(r for r in records if r.kind != "finalize")
    assert finalize_costs(no_finalise, analysis.main) == []


@pytest.mark.parametrize("mode", ["range", "set"])
def test_a_scenario_without_a_finalise_is_an_error(mode):
    records, manifest = synthetic_sweep()
    name = next(s.name for s in manifest.scenarios if s.onchain == mode)
    changed = [
        replace(r, kind="admin") if r.scenario == name and r.kind == "finalize" else r
        for r in records
    ]
    with pytest.raises(UsageError, match=f"no finalize transaction of scenario '{name}'"):
        analyse(changed, manifest)


def test_a_scenario_of_no_proofs_is_an_error():
    records, document = synthetic_document()
    document["scenarios"][0]["proofs"] = 0
    with pytest.raises(UsageError, match="has 0 proofs; expected at least 1"):
        analyse(records, SweepManifest.from_json(document))


def test_findings_name_what_the_model_gets_wrong(analysis):
    report = render(analysis)
    findings = report.split("## Findings")[1]
    assert "Batch data is the cost the model leaves out" in findings
    assert "Aggregation depth costs nothing on chain" in findings
    assert "Set-inclusion mode" in findings


def test_metrics_file_parses_and_has_every_model_md_metric(analysis, tmp_path):
    write_metrics(analysis, tmp_path / "metrics.prom")
    families = {
        f.name: f for f in text_string_to_metric_families((tmp_path / "metrics.prom").read_text())
    }
    assert set(MODEL_MD_METRICS) == set(METRICS) <= set(families)
    strategy = {
        s.labels["scenario"]: s.labels["strategy"]
        for s in families["l2_aggregation_strategy"].samples
    }
    assert strategy[f"{FORK}/t100/range/n30/two"] == "two"


def test_measured_gas_savings_are_against_the_no_aggregation_scenario(analysis, tmp_path):
    write_metrics(analysis, tmp_path / "metrics.prom")
    (family,) = [
        f
        for f in text_string_to_metric_families((tmp_path / "metrics.prom").read_text())
        if f.name == "l2_gas_savings_percent"
    ]
    name = f"{FORK}/t100/range/n100/single"
    measured = next(
        s.value
        for s in family.samples
        if s.labels["scenario"] == name and s.labels["source"] == "measured"
    )
    none = _scenario(analysis, f"{FORK}/t100/range/n100/none").settlement_gas
    single = _scenario(analysis, name).settlement_gas
    assert measured == pytest.approx((1 - single / none) * 100)


def test_plot_has_labelled_log_axes_a_legend_and_model_and_measured_lines(analysis):
    figure = draw(analysis)
    panels = [ax for ax in figure.axes if ax.get_title()]
    assert len(panels) == 2
    for ax in panels:
        assert ax.get_xlabel() and ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert panels[0].get_ylabel()
    (legend,) = figure.legends
    texts = [t.get_text() for t in legend.get_texts()]
    assert any(t.endswith(": model") for t in texts)
    assert any(t.endswith(": measured") for t in texts)
    lines = {line.get_label(): line for line in panels[0].get_lines()}
    model = lines["two-level (100 → 10 → 1): model"].get_ydata()
    assert list(model) == [300_000 * math.ceil(n / 100) for n in PROOFS]


def _one_panel(mode: str):
    records, manifest = synthetic_sweep()
    scenarios = tuple(s for s in manifest.scenarios if s.onchain == mode)
    plan = replace(manifest.plan, onchain=(mode,))
    return analysed(records, replace(manifest, plan=plan, scenarios=scenarios))


def _labelled_ticks(axis) -> list[float]:
    """The tick values an axis shows with a label, within its view."""
    low, high = axis.get_view_interval()
    ticks = [(v, axis.get_major_formatter()) for v in axis.get_majorticklocs()]
    ticks += [(v, axis.get_minor_formatter()) for v in axis.get_minorticklocs()]
    return [v for v, formatter in ticks if low <= v <= high and formatter(v, None)]


def _two_forks():
    """The synthetic sweep run on two forks: four panels, two rows of two."""
    records, document = synthetic_document()
    other = json.loads(json.dumps(document).replace(FORK, "osaka"))
    document["plan"]["forks"].append("osaka")
    for key in ("scenarios", "chains", "verify_probes"):
        document[key] += other[key]
    document["set_depth_probes"] |= other["set_depth_probes"]
    records += [
        replace(r, fork="osaka", scenario=r.scenario.replace(FORK, "osaka", 1)) for r in records
    ]
    return analysed(records, SweepManifest.from_json(document))


def _texts(figure, text: str) -> list[Text]:
    from matplotlib.text import Text  # here, not at collection: some 0.3 s of CPU

    return [t for t in figure.findobj(Text) if t.get_text() == text]


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("layout", ["one panel", "one row", "two rows"])
def test_every_label_of_the_plot_is_inside_the_figure_and_clear_of_the_other_panels(
    layout, analysis
):
    drawn = {"one panel": lambda: _one_panel("set"), "one row": lambda: analysis}
    figure = draw(drawn.get(layout, _two_forks)())
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    panels = [ax for ax in figure.axes if ax.get_title()]
    assert len(panels) == {"one panel": 1, "one row": 2}.get(layout, 4)
    # A panel's box holds its title, its axis titles and the tick labels it draws.
    boxes = [ax.get_tightbbox(renderer) for ax in panels]
    boxes += [figure.legends[0].get_window_extent(renderer)]
    boxes += [t.get_window_extent(renderer) for t in _texts(figure, figure.get_suptitle())]
    bounds = figure.bbox
    for i, box in enumerate(boxes):
        assert bounds.x0 <= box.x0 and box.x1 <= bounds.x1, box
        assert bounds.y0 <= box.y0 and box.y1 <= bounds.y1, box
        for other in boxes[i + 1 :]:
            assert not _overlap(box, other), (box, other)


def test_the_gas_axis_is_labelled_beside_the_aggregated_lines():
    figure = draw(_one_panel("set"))
    (ax,) = [ax for ax in figure.axes if ax.get_title()]
    labelled = _labelled_ticks(ax.yaxis)
    aggregated = [
        y
        for line in ax.get_lines()
        if not line.get_label().startswith(("no aggregation", "batch data"))
        for y in line.get_ydata()
    ]
    assert aggregated
    for y in aggregated:
        assert min(abs(math.log10(y / tick)) for tick in labelled) < math.log10(1.5), y


def test_summary_names_the_records_of_every_figure(analysis):
    document = json.loads(json.dumps(summary(analysis)))
    first = document["scenarios"][0]
    assert first["records"]["settlement"] == {
        "scenario": first["name"],
        "kinds": ["finalize", "submit_root"],
    }
    assert first["records"]["batch_data"]["batches"] == [1, first["proofs"]]
    assert document["txs"]["records"] == analysis.record_count
    assert {v["records"]["label"] for v in document["verification"]} == {"bare", "routed"}


def test_every_scenarios_cost_is_its_measured_gas_at_the_sweeps_fees(analysis):
    document = json.loads(json.dumps(summary(analysis)))
    assert document["fees"] == FEES.to_json()
    for entry, s in zip(document["scenarios"], analysis.scenarios, strict=True):
        cost, measured = entry["cost"], entry["measured"]
        assert measured["commit_blob_gas"] == 0  # the synthetic batches went as calldata
        assert cost["execution_eth"] == pytest.approx(s.total_gas * FEES.base_fee_gwei * 1e-9)
        assert cost["settlement_eth"] == pytest.approx(s.settlement_gas * 0.5e-9)
        assert cost["batch_data_eth"] == pytest.approx(
            s.proofs * commit_gas(s.txs_per_batch) * 0.5e-9
        )
        assert cost["usd"] == pytest.approx(cost["total_eth"] * FEES.eth_usd)
        assert cost["eth_per_l2_transfer"] == pytest.approx(
            cost["total_eth"] / (s.proofs * s.txs_per_batch)
        )
    report = render(analysis)
    assert f"- **Fees**: {FEES.describe()}." in report
    assert "## What it costs at these fees" in report
