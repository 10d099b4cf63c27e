"""`rollup-harness gas check|update`: the gas regression gate against a committed baseline.

Without a config file the gate pins the harness's own transactions (``gas-baseline.json``);
with one (``--config``, or ``rollup-harness.toml`` in the working directory) it pins the
transactions the config's ``[gas]`` table declares, on the team's rollup, against the team's
baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from harness.commands.options import backend_choice, config_option
from harness.common.errors import UsageError
from harness.gasgate import render
from harness.gasgate.baseline import DEFAULT_BASELINE
from harness.gasgate.compare import Status
from harness.gasgate.gate import GATE_BACKENDS, HARNESS_SUITE, Suite, check, update
from harness.gasgate.team import TeamSuite
from harness.onchain.config import load_config

_baseline_option = click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The baseline file (its receipts directory sits next to it) [default: the config's "
    "[gas] baseline, else the harness's gas-baseline.json].",
)
_backend_option = backend_choice(
    help=f"Chain to measure on: {', '.join(GATE_BACKENDS)} (a fresh local chain; anvil and "
    "eth-tester give identical gas on the forks they share, and eth-tester has no osaka, the "
    "harness's pinned fork). rpc is refused: the pinned addresses need a fresh chain.",
)
_json_option = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON (entries, verdict, what it was measured on) instead of the table.",
)


@dataclass(frozen=True)
class _Gate:
    """The suite a command measures, its baseline file and its default tolerance."""

    suite: Suite
    baseline: Path
    tolerance: float


def _gate(config_file: Path | None, baseline: Path | None) -> _Gate:
    config = load_config(config_file)
    if config.path is None:
        return _Gate(HARNESS_SUITE, baseline or DEFAULT_BASELINE, 0.0)
    suite = TeamSuite.of(config)
    return _Gate(suite, baseline or suite.settings.baseline, suite.settings.tolerance)


@click.group("gas")
def command() -> None:
    """Gas regression gate: pinned scenarios with replayed seals against a committed baseline."""


@command.command("check")
@config_option
@_baseline_option
@click.option(
    "--tolerance",
    type=float,
    default=None,
    help="Allowed rise per entry, in percent of its baseline [default: the config's [gas] "
    "tolerance, else 0].",
)
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the table as Markdown (e.g. to $GITHUB_STEP_SUMMARY).",
)
@_json_option
@_backend_option
def check_command(
    config_file: Path | None,
    baseline: Path | None,
    tolerance: float | None,
    markdown_path: Path | None,
    as_json: bool,
    backend: str,
) -> None:
    """Run the pinned scenarios and compare each entry with the baseline; exit 1 on a rise."""
    gate = _gate(config_file, baseline)
    allowed = gate.tolerance if tolerance is None else tolerance
    result = check(gate.baseline, tolerance=allowed, backend=backend, suite=gate.suite)
    if markdown_path is not None:
        try:
            with markdown_path.open("a", encoding="utf-8") as summary:
                summary.write(render.markdown(result.comparison, result.header))
        except OSError as exc:
            raise UsageError(f"cannot write {markdown_path}: {exc.strerror}") from None
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
    else:
        click.echo(render.console(result.comparison, result.header))
        improved = result.comparison.having(Status.IMPROVEMENT)
        if improved:
            click.echo(
                "improved: "
                + ", ".join(f"{r.name} ({r.delta:+,} gas)" for r in improved)
                + "; 'rollup-harness gas update' records them"
            )
    if result.comparison.failed:
        raise result.comparison.failure()


@command.command("update")
@config_option
@_baseline_option
@_json_option
@_backend_option
def update_command(
    config_file: Path | None, baseline: Path | None, as_json: bool, backend: str
) -> None:
    """Run the pinned scenarios with fresh synthetic seals; rewrite the baseline and receipts."""
    gate = _gate(config_file, baseline)
    written = update(gate.baseline, backend=backend, suite=gate.suite)
    receipts = written.receipts_dir(gate.baseline)
    if as_json:
        document = {"baseline": str(gate.baseline), "receipts": str(receipts)}
        click.echo(json.dumps(document | {"entries": written.gas()}, indent=2))
        return
    click.echo(render.entries(written.entries))
    click.echo(
        f"\nwrote {gate.baseline} ({len(written.entries)} entries) and its receipts in {receipts}/"
    )
