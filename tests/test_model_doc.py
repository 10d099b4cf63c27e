"""docs/model.md states the cost model the code implements: every constant, preset field and
reference figure it documents is read from its tables and compared with the code's value."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from harness.aggregation import strategies
from harness.cli import main
from harness.costmodel import decider, estimator
from harness.costmodel.presets import PRESETS, Preset, get_preset
from harness.reports.metrics import METRICS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "model.md").read_text()

#: The modules whose constants the doc's constants table names.
CONSTANT_MODULES: tuple[ModuleType, ...] = (estimator, decider, strategies)


def _tables(text: str) -> list[list[dict[str, str]]]:
    """Every Markdown table of ``text``, as rows keyed by the header's cells."""
    tables, rows = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if rows:
            header, body = rows[0], rows[2:]
            tables.append([dict(zip(header, row, strict=True)) for row in body])
            rows = []
    return tables


def _table(*columns: str) -> list[dict[str, str]]:
    """The one table whose header has ``columns``."""
    (table,) = [t for t in _tables(DOC) if t and all(c in t[0] for c in columns)]
    return table


def _number(text: str) -> int | float:
    plain = text.replace(",", "")
    return int(plain) if plain.isdigit() else float(plain)


def _names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _constant(name: str) -> object:
    for module in CONSTANT_MODULES:
        if hasattr(module, name):
            return getattr(module, name)
    raise AssertionError(f"docs/model.md names {name}, which no cost-model module defines")


CONSTANTS = _table("constant", "value", "code")


@pytest.mark.parametrize("row", CONSTANTS, ids=lambda row: row["code"])
def test_each_documented_constant_has_the_codes_value(row):
    (name,) = _names(row["code"])
    assert _constant(name) == _number(row["value"])


def test_every_numeric_constant_of_the_estimator_and_decider_is_documented():
    documented = {name for row in CONSTANTS for name in _names(row["code"])}
    for module in (estimator, decider):
        for name, value in vars(module).items():
            if name.isupper() and not name.startswith("_") and isinstance(value, int | float):
                assert name in documented, f"{module.__name__}.{name} is not in docs/model.md"


def _preset_value(preset: Preset, field: str) -> object:
    if field == "expected_throughput":
        return None if preset.expected_throughput is None else round(preset.expected_throughput)
    return getattr(preset, field)


def _documented(cell: str) -> object:
    if cell == "—":
        return None
    if cell == "CPU count":
        return os.cpu_count() or 1
    values = tuple(_number(part) for part in cell.split(", "))
    return values[0] if len(values) == 1 else values


@pytest.mark.parametrize("preset", ["default", "small", "medium", "large"])
def test_each_documented_preset_field_has_the_codes_value(preset):
    for row in _table("field", "code", "default", "small", "medium", "large"):
        fields = _names(row["code"])
        code = tuple(_preset_value(PRESETS[preset], field) for field in fields)
        if fields == ["three_level_batches"]:
            code = code[0]
        elif len(fields) == 1:
            (code,) = code
        assert _documented(row[preset]) == code, (preset, fields)


def test_every_preset_field_is_documented():
    documented = {
        name for row in _table("field", "code", "default") for name in _names(row["code"])
    }
    fields = {f.name for f in dataclasses.fields(Preset)} - {"name", "sized_for"}
    assert fields <= documented


def test_each_documented_strategy_has_the_codes_factor():
    rows = _table("strategy", "levels", "description")
    assert len(rows) == len(strategies.StrategyKind)
    for row in rows:
        (kind,) = _names(row["strategy"])
        strategy = strategies.Strategy.of(kind)
        assert strategy.aggregation_factor == _number(row["factor *f* with the default fan-out"])
        if strategy.levels:
            assert strategy.description == row["description"]


REFERENCE = _table("proofs", "strategy", "submitted", "saving USD")


def _two(value: float) -> str:
    return f"{value:,.2f}"


@pytest.mark.parametrize("row", REFERENCE, ids=lambda row: f"n={row['proofs']}")
def test_each_documented_reference_output_is_what_the_estimator_gives(row):
    proofs = int(row["proofs"])
    strategy = get_preset("default").strategy(row["strategy"])
    est = estimator.estimate(proofs, strategy)
    assert decider.decide(proofs) == strategy
    assert {
        "submitted": f"{est.aggregated_count:,}",
        "unaggregated ms": _two(est.no_aggregation_verify_time_ms),
        "unaggregated gas": f"{est.no_aggregation_gas:,}",
        "aggregated ms": _two(est.aggregated_verify_time_ms),
        "aggregated gas": f"{est.aggregated_gas:,}",
        "aggregated TPS": f"{round(est.aggregated_tps):,}",
        "TPS ×": _two(est.tps_improvement),
        "gas saved %": _two(est.gas_savings_percent),
        "size saved %": _two(est.size_savings_percent),
        "saving USD": _two(est.cost_saving_usd),
    } == {key: value for key, value in row.items() if key not in ("proofs", "strategy")}


def test_the_documented_metric_names_are_the_ones_metrics_prom_uses():
    documented = set(re.findall(r"^ {4}(l2_\w+)$", DOC, flags=re.MULTILINE))
    assert documented == set(METRICS)


def test_the_readme_and_model_help_point_to_the_doc():
    readme = (ROOT / "README.md").read_text()
    assert "docs/model.md" in readme and "MODEL.md" not in readme
    help_text = CliRunner().invoke(main, ["model", "--help"]).output
    assert "docs/model.md" in help_text
