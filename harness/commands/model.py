"""`rollup-harness model`: what the cost model (docs/model.md) predicts for a number of proofs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from harness.aggregation.choice import AUTO, StrategyChoice
from harness.commands.args import parse_counts
from harness.commands.options import price_check, strategy_option
from harness.costmodel.calibrated_file import load_models
from harness.costmodel.decider import choose
from harness.costmodel.estimator import (
    DEFAULT_ETH_USD,
    DEFAULT_GAS_PRICE_GWEI,
    Estimate,
    estimate,
)
from harness.costmodel.presets import Preset, get_preset
from harness.reports.calibrated import (
    calibrated_rows,
    render_calibrated,
    render_set_mode,
    set_mode_rows,
)
from harness.reports.model_report import prices_text, render_estimate, render_table


def _estimate_for(
    proofs: int, preset: Preset, strategy: StrategyChoice, gas_price_gwei: float, eth_usd: float
) -> Estimate:
    chosen = choose(strategy, proofs, preset)
    return estimate(proofs, chosen, gas_price_gwei=gas_price_gwei, eth_usd=eth_usd)


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
@strategy_option(
    "--strategy",
    default=AUTO,
    show_default=True,
    help="Aggregation strategy; auto lets the model's decider choose.",
)
@click.option(
    "--gas-price-gwei",
    type=float,
    default=DEFAULT_GAS_PRICE_GWEI,
    show_default=True,
    callback=price_check(False),
    help="Gas price for the USD cost saving.",
)
@click.option(
    "--eth-usd",
    type=float,
    default=DEFAULT_ETH_USD,
    show_default=True,
    callback=price_check(True),
    help="ETH price in USD for the cost saving.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a report.")
@click.option(
    "--calibrated",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "Also print what a sweep's calibrated-model.json predicts, beside the model, and "
        "set mode's line at its calibrated inclusion cost if it has a set-mode model."
    ),
)
def command(
    proofs_text: str,
    preset_name: str,
    strategy: StrategyChoice,
    gas_price_gwei: float,
    eth_usd: float,
    as_json: bool,
    calibrated: Path | None,
) -> None:
    """Print what the cost model predicts for N proofs, with and without aggregation.

    The model's constants, their origin and its formulas are in docs/model.md.
    """
    counts = parse_counts(proofs_text)
    preset = get_preset(preset_name)
    estimates = [
        _estimate_for(proofs, preset, strategy, gas_price_gwei, eth_usd) for proofs in counts
    ]
    single = "," not in proofs_text
    prices = prices_text(gas_price_gwei, eth_usd)
    models = load_models(calibrated) if calibrated else None
    rows = calibrated_rows(estimates, models, preset) if models else []
    set_rows = set_mode_rows(estimates, models, preset) if models else []
    if as_json:
        payloads = [est.to_json() for est in estimates]
        if models:
            for payload in payloads:
                payload["calibrated"] = [row for row in rows if row["proofs"] == payload["proofs"]]
                if set_rows:
                    payload["set_model"] = [
                        row for row in set_rows if row["proofs"] == payload["proofs"]
                    ]
        click.echo(json.dumps(payloads[0] if single else payloads, indent=2))
        return
    forced = None if strategy.kind is None else strategy.name
    if single:
        click.echo(render_estimate(estimates[0], preset, forced=forced is not None, prices=prices))
    else:
        click.echo(render_table(estimates, preset, forced=forced, prices=prices))
    if models:
        click.echo("\n" + render_calibrated(rows, models, str(calibrated)))
    if set_rows:
        click.echo("\n" + render_set_mode(set_rows))
