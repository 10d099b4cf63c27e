"""`rollup-harness model`: what the cost model of MODEL.md predicts for a number of proofs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from harness.calibration import load_models
from harness.errors import UsageError
from harness.model.decider import NO_AGGREGATION_REASON, decide
from harness.model.estimator import (
    DEFAULT_ETH_USD,
    DEFAULT_GAS_PRICE_GWEI,
    VERIFY_TIME_MS,
    Estimate,
    estimate,
)
from harness.model.presets import Preset, get_preset
from harness.model.strategies import StrategyKind
from harness.report.calibrated import calibrated_rows, render_calibrated

AUTO = "auto"
TPS_NOTE = (
    f'"TPS" is proofs verified per second of verification time ({VERIFY_TIME_MS} ms each), '
    "not L2 transactions per second."
)


def parse_proof_counts(text: str) -> list[int]:
    """Proof counts from ``--proofs``: one integer or a comma-separated list of them."""
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise UsageError("--proofs needs a proof count or a comma-separated list, e.g. 6,150,800")
    counts = []
    for item in items:
        if not item:
            raise UsageError(f"--proofs {text!r} has an empty entry; separate counts by one comma")
        try:
            counts.append(int(item))
        except ValueError:
            raise UsageError(f"--proofs: {item!r} is not a whole number of proofs") from None
    return counts


def _estimate_for(
    proofs: int, preset: Preset, strategy: str, gas_price_gwei: float, eth_usd: float
) -> Estimate:
    chosen = decide(proofs, preset) if strategy == AUTO else preset.strategy(strategy)
    return estimate(proofs, chosen, gas_price_gwei=gas_price_gwei, eth_usd=eth_usd)


def _decimal(value: float) -> str:
    return f"{value:,.2f}"


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def _ratio(value: float) -> str:
    return f"{value:.2f}"


def _prices(gas_price_gwei: float, eth_usd: float) -> str:
    return f"gas at {gas_price_gwei:g} gwei, ETH at {eth_usd:,.0f} USD"


def _render_report(est: Estimate, preset: Preset, forced: bool, prices: str) -> str:
    choice = "forced" if forced else "chosen by the decider"
    if not forced and est.strategy.kind is StrategyKind.NONE:
        choice += f": {NO_AGGREGATION_REASON} below {preset.min_proofs_for_aggregation} proofs"
    blocks: list[tuple[str, list[tuple[str, str, str]]]] = [
        (
            "No aggregation",
            [
                ("proofs verified", _whole(est.proofs), ""),
                ("verify time", _decimal(est.no_aggregation_verify_time_ms), "ms"),
                ("gas", _whole(est.no_aggregation_gas), "gas"),
                ("proof size", _decimal(est.no_aggregation_proof_size_kb), "KB"),
                ("TPS", _whole(est.no_aggregation_tps), "proofs/s"),
            ],
        ),
        (
            f"Aggregated ({est.strategy.description})",
            [
                ("proofs verified", _whole(est.aggregated_count), ""),
                ("verify time", _decimal(est.aggregated_verify_time_ms), "ms"),
                ("gas", _whole(est.aggregated_gas), "gas"),
                ("proof size", _decimal(est.aggregated_proof_size_kb), "KB"),
                ("TPS", _whole(est.aggregated_tps), "proofs/s"),
            ],
        ),
        (
            "Improvement",
            [
                ("TPS ×", _ratio(est.tps_improvement), "×"),
                ("gas saved", _ratio(est.gas_savings_percent), "%"),
                ("size saved", _ratio(est.size_savings_percent), "%"),
                ("cost saving", _decimal(est.cost_saving_usd), f"USD ({prices})"),
            ],
        ),
    ]
    label_width = max(len(label) for _, rows in blocks for label, _, _ in rows)
    value_width = max(len(value) for _, rows in blocks for _, value, _ in rows)
    lines = [
        f"Cost model (MODEL.md): {est.proofs:,} proofs, preset {preset.name}, "
        f"strategy {est.strategy.description}, {choice}",
        TPS_NOTE,
    ]
    for title, rows in blocks:
        lines += ["", title]
        lines += [
            f"  {label:<{label_width}}  {value:>{value_width}} {unit}".rstrip()
            for label, value, unit in rows
        ]
    return "\n".join(lines)


_TABLE_COLUMNS = (
    "proofs",
    "strategy",
    "submitted",
    "no-agg ms",
    "agg ms",
    "no-agg gas",
    "agg gas",
    "no-agg TPS",
    "agg TPS",
    "TPS ×",
    "gas saved %",
    "size saved %",
    "saving USD",
)


def _table_row(est: Estimate) -> tuple[str, ...]:
    return (
        _whole(est.proofs),
        est.strategy.description,
        _whole(est.aggregated_count),
        _decimal(est.no_aggregation_verify_time_ms),
        _decimal(est.aggregated_verify_time_ms),
        _whole(est.no_aggregation_gas),
        _whole(est.aggregated_gas),
        _whole(est.no_aggregation_tps),
        _whole(est.aggregated_tps),
        _ratio(est.tps_improvement),
        _ratio(est.gas_savings_percent),
        _ratio(est.size_savings_percent),
        _decimal(est.cost_saving_usd),
    )


def _render_table(estimates: list[Estimate], preset: Preset, strategy: str, prices: str) -> str:
    rows = [_TABLE_COLUMNS, *(_table_row(est) for est in estimates)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_TABLE_COLUMNS))]
    strategy_column = _TABLE_COLUMNS.index("strategy")

    def line(row: tuple[str, ...]) -> str:
        cells = (
            cell.ljust(width) if i == strategy_column else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells)

    choice = "chosen by the decider" if strategy == AUTO else f"forced to {strategy}"
    return "\n".join(
        [
            f"Cost model (MODEL.md): preset {preset.name}, strategy {choice}, {prices}",
            TPS_NOTE,
            "",
            *(line(row) for row in rows),
        ]
    )


@click.command("model")
@click.option(
    "--proofs",
    "proofs_text",
    required=True,
    metavar="N[,N...]",
    help="Number of proofs; a comma-separated list prints a comparison table.",
)
@click.option(
    "--preset",
    "preset_name",
    default="default",
    show_default=True,
    help="Configuration preset: default, small, medium or large (small_app … accepted).",
)
@click.option(
    "--strategy",
    type=click.Choice([AUTO, *(kind.value for kind in StrategyKind)]),
    default=AUTO,
    show_default=True,
    help="Aggregation strategy; auto lets the model's decider choose.",
)
@click.option(
    "--gas-price-gwei",
    type=float,
    default=DEFAULT_GAS_PRICE_GWEI,
    show_default=True,
    help="Gas price for the USD cost saving.",
)
@click.option(
    "--eth-usd",
    type=float,
    default=DEFAULT_ETH_USD,
    show_default=True,
    help="ETH price in USD for the cost saving.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a report.")
@click.option(
    "--calibrated",
    type=click.Path(path_type=Path),
    default=None,
    help="Also print what a sweep's calibrated-model.json predicts, beside the model.",
)
def command(
    proofs_text: str,
    preset_name: str,
    strategy: str,
    gas_price_gwei: float,
    eth_usd: float,
    as_json: bool,
    calibrated: Path | None,
) -> None:
    """Print what the MODEL.md cost model predicts for N proofs, with and without aggregation."""
    counts = parse_proof_counts(proofs_text)
    preset = get_preset(preset_name)
    estimates = [
        _estimate_for(proofs, preset, strategy, gas_price_gwei, eth_usd) for proofs in counts
    ]
    single = "," not in proofs_text
    prices = _prices(gas_price_gwei, eth_usd)
    models = load_models(calibrated) if calibrated else None
    rows = calibrated_rows(estimates, models, preset) if models else []
    if as_json:
        payloads = [est.to_json() for est in estimates]
        if models:
            for payload in payloads:
                payload["calibrated"] = [row for row in rows if row["proofs"] == payload["proofs"]]
        click.echo(json.dumps(payloads[0] if single else payloads, indent=2))
        return
    if single:
        click.echo(_render_report(estimates[0], preset, strategy != AUTO, prices))
    else:
        click.echo(_render_table(estimates, preset, strategy, prices))
    if models:
        click.echo("\n" + render_calibrated(rows, models, str(calibrated)))
