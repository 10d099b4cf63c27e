"""`rollup-harness gas check|update`: the gas regression gate against the committed baseline."""

from __future__ import annotations

import json
from pathlib import Path

import click

from harness.commands.options import backend_choice
from harness.common.errors import UsageError
from harness.gasgate import render
from harness.gasgate.baseline import DEFAULT_BASELINE
from harness.gasgate.compare import Status
from harness.gasgate.gate import GATE_BACKENDS, check, update

_baseline_option = click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_BASELINE,
    show_default=True,
    help="The baseline file (its receipts directory sits next to it).",
)
_backend_option = backend_choice(
    help=f"Chain to measure on: {', '.join(GATE_BACKENDS)} (a fresh local chain; anvil and "
    "eth-tester give identical gas). rpc is refused: the pinned addresses need a fresh chain.",
)


@click.group("gas")
def command() -> None:
    """Gas regression gate: pinned scenarios with replayed seals against a committed baseline."""


@command.command("check")
@_baseline_option
@click.option(
    "--tolerance",
    type=float,
    default=0.0,
    show_default=True,
    help="Allowed rise per entry, in percent of its baseline.",
)
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the table as Markdown (e.g. to $GITHUB_STEP_SUMMARY).",
)
@_backend_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the comparison as JSON (entries, verdict, what it was measured on) instead.",
)
def check_command(
    baseline: Path, tolerance: float, markdown_path: Path | None, backend: str, as_json: bool
) -> None:
    """Run the pinned scenarios and compare each entry with the baseline; exit 1 on a rise."""
    result = check(baseline, tolerance=tolerance, backend=backend)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
    else:
        click.echo(render.console(result.comparison, result.header))
    if markdown_path is not None:
        try:
            markdown_path.write_text(render.markdown(result.comparison, result.header))
        except OSError as exc:
            raise UsageError(f"cannot write {markdown_path}: {exc.strerror}") from None
    improved = result.comparison.having(Status.IMPROVEMENT)
    if improved and not as_json:
        click.echo(
            "improved: "
            + ", ".join(f"{r.name} ({r.delta:+,} gas)" for r in improved)
            + "; 'rollup-harness gas update' records them"
        )
    if result.comparison.failed:
        raise result.comparison.failure()


@command.command("update")
@_baseline_option
@_backend_option
def update_command(baseline: Path, backend: str) -> None:
    """Run the pinned scenarios with fresh synthetic seals; rewrite the baseline and receipts."""
    written = update(baseline, backend=backend)
    click.echo(render.entries(written.entries))
    click.echo(
        f"\nwrote {baseline} ({len(written.entries)} entries) and its receipts in "
        f"{written.receipts_dir(baseline)}/"
    )
