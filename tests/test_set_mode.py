"""Set mode on its own terms: its model line, its wording, the first finalise's cold storage
told apart, and a base named for every percentage the harness prints: the console, the sweep
report, its plot and metrics, ``model`` (with a calibrated file), ``bench gas``, the gas gate and
the README's verification-gas section.

Two scenarios are settled for real on anvil (prague): four batches without aggregation as
range proofs and as set inclusions, so that each has a rollup's first finalise and later ones.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from prometheus_client import generate_latest

from harness.aggregation.choice import StrategyChoice
from harness.bench.verifier_gas import GasRow, render_verifier_gas
from harness.chain.backends import open_chain
from harness.cli import main
from harness.common.errors import UsageError
from harness.costmodel.calibrated_file import save_models
from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.costmodel.set_mode import (
    DEFAULT_INCLUSION_GAS,
    SET_MODEL_LABEL,
    inclusion_gas_of,
    set_mode_line,
)
from harness.gasgate import render as gate_render
from harness.gasgate.compare import compare
from harness.records.run_summary import RunSummary
from harness.records.txlog import TxLog, TxRecord, read_txlog, rewrite_txlog
from harness.reports.console import run_summary
from harness.reports.deviation import Deviation
from harness.reports.markdown import render
from harness.reports.metrics import registry_for
from harness.reports.plot import draw
from harness.reports.wording import PER_SETTLED_PROOF, SEED_MODEL
from harness.scenario.config import RunConfig
from harness.scenario.run import run_scenario
from harness.sweep.outputs import analysed

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_sweep import synthetic_document, synthetic_sweep  # noqa: E402

Settled = tuple[RunSummary, list[TxRecord]]


@pytest.fixture(scope="module")
def settled(tmp_path_factory) -> dict[str, Settled]:
    """The set and the range scenario, each on a fresh rollup of one anvil (the set one
    first, as on the fresh chain the default inclusion cost was measured on)."""
    directory = tmp_path_factory.mktemp("set-mode")
    chain = open_chain("anvil", fork="prague")
    runs = {}
    try:
        for mode in ("set", "range"):
            log_path = directory / f"{mode}.jsonl"
            config = RunConfig(proofs=4, strategy=StrategyChoice.parse("none"), onchain=mode)
            with TxLog(log_path, backend="anvil", fork="prague") as txlog:
                summary = run_scenario(
                    chain, config, txlog=txlog, receipts_dir=directory / f"{mode}-receipts"
                )
            runs[mode] = (summary, list(read_txlog(log_path)))
    finally:
        chain.close()
    return runs


def _finalises(records: list[TxRecord]) -> list[TxRecord]:
    return [r for r in records if r.kind == "finalize"]


def test_the_default_inclusion_cost_is_what_a_later_inclusion_finalise_measures(settled):
    _, records = settled["set"]
    later = [r.gas_used for r in _finalises(records) if r.batches and r.batches[0] > 1]
    assert len(later) == 3
    assert round(sum(later) / len(later)) == DEFAULT_INCLUSION_GAS


def test_the_set_line_is_one_root_at_the_models_price_and_k_inclusions(settled):
    summary, _ = settled["set"]
    line = summary.set_model
    assert line is not None and line.settled == summary.verifications == 4
    assert line.settlement_gas == GAS_PER_VERIFICATION + 4 * DEFAULT_INCLUSION_GAS
    assert line.per_settled_proof == line.settlement_gas / 4
    assert line.seed_gas == summary.outcome.model.aggregated_gas
    assert summary.to_json()["set_model"] == line.to_json()
    assert settled["range"][0].set_model is None


def test_the_set_line_takes_the_calibrated_inclusion_cost():
    analysis = analysed(*synthetic_sweep())
    model = next(m for m in analysis.models if m.onchain == "set")
    c, shape = model.coefficients, model.calldata
    inclusion = c.per_verification + c.per_calldata_byte * shape.settlement_bytes_per_verification
    line = set_mode_line(7, model)
    assert line.inclusion_gas == inclusion_gas_of(model) == pytest.approx(inclusion)
    assert line.settlement_gas == pytest.approx(GAS_PER_VERIFICATION + 7 * inclusion)
    # the synthetic inclusions cost 78,000 + 800 per path level: the fit lands among them
    assert 78_000 <= line.inclusion_gas <= 78_000 + 800 * 7
    range_model = next(m for m in analysis.models if m.onchain == "range")
    with pytest.raises(UsageError, match="set-mode calibrated model"):
        set_mode_line(7, range_model)
    with pytest.raises(UsageError, match="settled"):
        set_mode_line(0)


@pytest.mark.parametrize("mode", ["range", "set"])
def test_the_first_finalises_cold_storage_is_measured_from_the_run(settled, mode):
    summary, records = settled[mode]
    finalises = _finalises(records)
    execution = [r.gas_used - r.intrinsic_gas for r in finalises]
    first, later = execution[0], execution[1:]
    assert finalises[0].batches == (1, 1)
    cold = summary.gas.first_finalize_cold_storage
    assert cold == round(first - sum(later) / len(later))
    assert cold > 10_000  # cold SSTOREs: 20,000 against 2,900 each


@pytest.mark.parametrize("mode", ["range", "set"])
def test_the_cold_storage_split_adds_up(settled, mode):
    summary, _ = settled[mode]
    cold = summary.gas.first_finalize_cold_storage
    models = [summary.outcome.model.aggregated_gas]
    if summary.set_model is not None:
        models.append(summary.set_model.settlement_gas)
    text = run_summary(summary)
    for model in models:
        deviation = Deviation(summary.gas.settlement, model, cold)
        assert deviation.percent == pytest.approx(
            deviation.percent_without_cold_storage + deviation.cold_storage_points
        )
        assert f"{deviation.percent:+.2f} % of model" in text
        assert f"{deviation.cold_storage_points:+.2f} pp of model" in text
        assert f"{deviation.percent_without_cold_storage:+.2f} % of model" in text
    assert f"{summary.gas.settlement - cold:,} gas" in text


def test_set_mode_is_worded_on_its_own_terms(settled):
    summary, _ = settled["set"]
    text = run_summary(summary)
    line = summary.set_model
    assert PER_SETTLED_PROOF in text and SET_MODEL_LABEL in text and SEED_MODEL in text
    per_proof = next(row for row in text.splitlines() if PER_SETTLED_PROOF in row)
    assert f"{line.per_settled_proof:,.0f} gas" in per_proof
    assert f"{summary.gas.settlement / 4:,.0f} gas" in per_proof
    assert f"{line.settlement_gas:,.0f} gas" in text
    assert f"{summary.gas.submit_root:,} gas" in text
    range_text = run_summary(settled["range"][0])
    assert PER_SETTLED_PROOF not in range_text and SET_MODEL_LABEL not in range_text


def test_the_roots_verification_part_is_set_beside_the_models_300k(settled):
    summary, records = settled["set"]
    (root,) = [r for r in records if r.kind == "submit_root"]
    parts = summary.gas.submit_root_breakdown
    assert parts is not None and parts["verification"] == root.frames["verification"]
    assert sum(parts.values()) == summary.gas.submit_root == root.gas_used
    assert summary.to_json()["gas"]["submit_root_breakdown"] == parts
    row = next(r for r in run_summary(summary).splitlines() if "its verification part" in r)
    deviation = (parts["verification"] - GAS_PER_VERIFICATION) / GAS_PER_VERIFICATION * 100
    assert row.split()[3:] == [
        f"{GAS_PER_VERIFICATION:,}",
        "gas",
        f"{parts['verification']:,}",
        "gas",
        f"{deviation:+.2f}",
        "%",
        "of",
        "model",
    ]
    range_summary = settled["range"][0]
    assert range_summary.gas.submit_root_breakdown is None
    assert "its verification part" not in run_summary(range_summary)


#: A percentage followed by its base (``… % of …``, ``… % less gas than …``), or a range
#: ending in one.
_NAMED = re.compile(r"%(?= of )|%(?= (?:less|more)(?: gas)? than )|%(?= to [+-]?[\d,.]+ % of )")


def _bare_percentages(text: str) -> list[str]:
    """Every line with a ``%`` that names no base: the base follows it, or in a Markdown
    table the column's header names it."""
    bare = []
    header: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not header:
                header = cells
            elif not set(cells[0]) <= set(":-"):
                bare += [
                    line
                    for name, cell in zip(header, cells, strict=False)
                    if _unnamed(cell) and not re.search(r"\bof\b", name)
                ]
            continue
        header = []
        if _unnamed(line):
            bare.append(line)
    return bare


def _unnamed(text: str) -> bool:
    return text.count("%") != len(_NAMED.findall(text))


def test_no_percentage_without_its_base(settled):
    for summary, _ in settled.values():
        assert _bare_percentages(run_summary(summary)) == []
    report = render(analysed(*synthetic_sweep()))
    assert "%" in report
    assert _bare_percentages(report) == []


def test_the_scan_finds_a_bare_percentage():
    assert _bare_percentages("deviation -2.34 % here") == ["deviation -2.34 % here"]
    assert _bare_percentages("| a | error |\n|---|---:|\n| x | 1.00 % |") == ["| x | 1.00 % |"]
    assert _bare_percentages("-2.34 % of model, 1 % to 2 % of it") == []
    assert _bare_percentages("2 % less gas than theirs, 3 % more than ours") == []
    assert _bare_percentages("2 % less, 3 % more gas") == ["2 % less, 3 % more gas"]


@pytest.fixture(scope="module")
def calibrated_file(tmp_path_factory) -> Path:
    """The synthetic sweep's calibrated models (range and set mode) as a file."""
    path = tmp_path_factory.mktemp("calibrated") / "calibrated-model.json"
    analysis = analysed(*synthetic_sweep())
    save_models(path, list(analysis.models), {"backend": "anvil", "prover": "synthetic"})
    return path


def _model_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["model", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _gate_outputs() -> str:
    """The gas gate's table, Markdown and failure for a regression, a fall and an unchanged
    entry."""
    comparison = compare({"a": 100_000, "b": 100_000, "c": 7}, {"a": 110_000, "b": 99_000, "c": 7})
    header = ["chain     anvil"]
    return "\n".join(
        [
            gate_render.console(comparison, header),
            gate_render.markdown(comparison, header),
            str(comparison.failure()),
        ]
    )


def _sweep_report_output(directory: Path) -> str:
    """What ``sweep --report-only`` prints for the synthetic sweep's records."""
    records, manifest = synthetic_document()
    (directory / "manifest.json").write_text(json.dumps(manifest))
    rewrite_txlog(directory / "txs.jsonl", records)
    result = CliRunner().invoke(main, ["sweep", "--report-only", str(directory)])
    assert result.exit_code == 0, result.output
    return result.output


def _plot_texts() -> str:
    """Every text of the sweep's figure: titles, axis labels, tick labels, the legend."""
    from matplotlib.text import Text  # here, not at collection: some 0.3 s of CPU

    figure = draw(analysed(*synthetic_sweep()))
    return "\n".join(text.get_text() for text in figure.findobj(Text))


def _readme_verification_gas() -> str:
    """The README's section that sets this project's verification gas beside RISC Zero's."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("### Verification gas against RISC Zero's contracts")[1]
    return section.split("**RISC Zero's stack, whole.**")[0]


OUTPUTS = {
    "model": lambda path, _: _model_output("--proofs", "150", "--calibrated", str(path)),
    "model table": lambda path, _: _model_output("--proofs", "3,150", "--calibrated", str(path)),
    "bench gas": lambda *_: render_verifier_gas(
        [GasRow("verify", 244_788, 250_164), GasRow("verify, direct", 34_150, None)],
        "anvil",
        "prague",
    ),
    "gas gate": lambda *_: _gate_outputs(),
    "sweep": lambda _, directory: _sweep_report_output(directory),
    "plot": lambda *_: _plot_texts(),
    "README": lambda *_: _readme_verification_gas(),
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_no_percentage_without_its_base_elsewhere(name, calibrated_file, tmp_path):
    text = OUTPUTS[name](calibrated_file, tmp_path)
    # the plot has no percentage today; it is scanned so that none comes in without its base
    assert "%" in text or name == "plot"
    assert _bare_percentages(text) == []


def test_every_percent_metric_names_its_base():
    text = generate_latest(registry_for(analysed(*synthetic_sweep()))).decode()
    helps = [line for line in text.splitlines() if re.match(r"# HELP \w+_percent ", line)]
    assert len(helps) == 2
    assert all(" in percent of " in line for line in helps), helps


def test_model_prints_set_modes_line_at_the_calibrated_inclusion_cost(calibrated_file):
    text = _model_output("--proofs", "150", "--calibrated", str(calibrated_file))
    model = next(m for m in analysed(*synthetic_sweep()).models if m.onchain == "set")
    line = set_mode_line(150, model)
    block = text.split(SET_MODEL_LABEL.capitalize())[1]
    assert f"+ k × {line.inclusion_gas:,.0f} per inclusion" in block
    row = next(r for r in block.splitlines() if "no aggregation" in r)
    assert row.split()[4:8] == [
        "150",
        f"{line.settlement_gas:,.0f}",
        f"{line.seed_gas:,}",
        f"{line.per_settled_proof:,.0f}",
    ]
    payload = json.loads(
        _model_output("--proofs", "150", "--json", "--calibrated", str(calibrated_file))
    )
    settled = {row["strategy"]: row for row in payload["set_model"]}
    assert settled["none"]["settlement_gas"] == pytest.approx(line.settlement_gas)
    assert settled[payload["strategy"]]["settled"] == payload["aggregated_count"]


def test_model_prints_no_set_line_without_a_set_mode_model(tmp_path):
    analysis = analysed(*synthetic_sweep())
    path = tmp_path / "range-only.json"
    save_models(path, [m for m in analysis.models if m.onchain == "range"], {})
    assert SET_MODEL_LABEL.capitalize() not in _model_output(
        "--proofs", "150", "--calibrated", str(path)
    )
