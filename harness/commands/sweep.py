"""`rollup-harness sweep`: every scenario of a grid, for real, against the cost model."""

from __future__ import annotations

import os
from pathlib import Path

import click

from harness.aggregation.choice import StrategyChoice
from harness.commands.args import parse_counts, timestamped_out_dir
from harness.commands.fees import fee_options, resolve_fees
from harness.commands.options import (
    backend_option,
    config_option,
    rpc_url_option,
    seed_option,
    txs_per_batch_option,
)
from harness.common.errors import UsageError
from harness.common.files import prepare_out_dir
from harness.costmodel.fees import Fees
from harness.onchain.config import load_config
from harness.reports.numbers import decimal, gas, whole
from harness.reports.progress import ProgressBar
from harness.reports.wording import UNFITTED, share
from harness.sweep.dispatch import InProcess, UnitExecutor, run_sweep
from harness.sweep.grid import (
    DEFAULT_EXTRA_BATCH_SIZES,
    DEFAULT_ONCHAIN,
    DEFAULT_PROOFS,
    DEFAULT_STRATEGIES,
    SweepPlan,
)
from harness.sweep.outputs import write_sweep_outputs
from harness.sweep.workers import LocalWorkers


def _names(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


def _sizes(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    sizes = parse_counts(text.replace(" ", ""), "--extra-batch-sizes", "batch size", "transactions")
    if min(sizes) < 1:
        raise UsageError(f"--extra-batch-sizes must each be at least 1, got {min(sizes)}")
    return tuple(sizes)


def _joined(values: tuple[object, ...]) -> str:
    return ",".join(str(value) for value in values)


@click.command("sweep")
@click.option(
    "--proofs",
    "proofs_text",
    default=_joined(DEFAULT_PROOFS),
    show_default=True,
    metavar="N[,N...]",
    help="Proof counts (batches) to run.",
)
@click.option(
    "--strategies",
    default=_joined(DEFAULT_STRATEGIES),
    show_default=True,
    help="Strategies: auto, none, single, two, three (auto = the decider's choice).",
)
@click.option(
    "--onchain",
    default=_joined(DEFAULT_ONCHAIN),
    show_default=True,
    help="On-chain modes: range, set.",
)
@click.option(
    "--fork",
    "forks",
    default=None,
    help="Forks, e.g. prague,osaka (osaka on anvil only; it enforces the 2^24 per-tx cap) "
    "[default: osaka on anvil; prague on eth-tester, which has no osaka, and on rpc].",
)
@click.option(
    "--da",
    "da",
    default=None,
    metavar="MODE[,MODE...]",
    help="Data-availability modes, a grid axis: calldata, blob, blob-kzg "
    "[default: blob, or calldata for a rollup that cannot commit blobs].",
)
@backend_option
@rpc_url_option
@txs_per_batch_option
@click.option(
    "--extra-batch-sizes",
    default=_joined(DEFAULT_EXTRA_BATCH_SIZES),
    show_default=True,
    help="Also run proof counts up to 50 with these batch sizes, for the calibrated fit "
    "('none' to skip).",
)
@click.option(
    "--preset",
    default="default",
    show_default=True,
    help="Configuration preset (default, small, medium, large): the decider's threshold for auto.",
)
@seed_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output directory [default: sweeps/<timestamp>/].",
)
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Run the grid's units in this many local processes, each on its own chain "
    "[default: the CPU count; 1 on the rpc backend].",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run the grid's units as tasks on the Dask cluster of this scheduler "
    "(e.g. tcp://127.0.0.1:8786); needs rollup-harness[cluster].",
)
@click.option(
    "--report-only",
    "report_dir",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Run nothing: rewrite the reports of the sweep in DIR from its manifest.json and "
    "txs.jsonl.",
)
@fee_options
@config_option
@click.pass_context
def command(
    ctx: click.Context,
    proofs_text: str,
    strategies: str,
    onchain: str,
    forks: str | None,
    da: str | None,
    backend: str,
    rpc_url: str | None,
    txs_per_batch: int,
    extra_batch_sizes: str,
    preset: str,
    seed: int,
    out: Path | None,
    workers: int | None,
    scheduler: str | None,
    report_dir: Path | None,
    base_fee_gwei: float | None,
    blob_base_fee_gwei: float | None,
    eth_usd: float | None,
    fees_from: str | None,
    config_file: Path | None,
) -> None:
    """Run every scenario for real and write manifest.json, then report.md, summary.json,
    gas.png, metrics.prom and calibrated-model.json (with txs.jsonl and receipts/), against
    the rollup of --config (else the config in the working directory, else Rollup.sol)."""
    if report_dir is not None:
        _refuse_options_beside_report_only(ctx)
        _write_report(report_dir)
        return
    plan = SweepPlan(
        proofs=tuple(parse_counts(proofs_text)),
        strategies=tuple(StrategyChoice.parse(name) for name in _names(strategies)),
        onchain=_names(onchain),
        forks=None if forks is None else _names(forks),
        da=None if da is None else _names(da),
        backend=backend,
        rpc_url=rpc_url,
        txs_per_batch=txs_per_batch,
        extra_batch_sizes=_sizes(extra_batch_sizes),
        seed=seed,
        preset=preset,
        config=load_config(config_file).path,
    )
    fees = resolve_fees(base_fee_gwei, blob_base_fee_gwei, eth_usd, fees_from)
    if scheduler is not None:
        _run_on_cluster(plan, scheduler, workers, out, fees)
    else:
        executor = _local_executor(plan.backend, workers)
        out = prepare_out_dir(out or timestamped_out_dir("sweeps"))
        with ProgressBar() as progress:
            run_sweep(plan, out, progress, executor, fees)
        _write_report(out)


def _local_executor(backend: str, workers: int | None) -> UnitExecutor:
    """The processes that run a local sweep's units: ``workers`` (default: the CPU count)."""
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    if backend == "rpc":
        if workers not in (None, 1):
            raise UsageError("a sweep on the rpc backend runs on its one node: give --workers 1")
        workers = 1
    count = workers or os.cpu_count() or 1
    return InProcess() if count == 1 else LocalWorkers(count)


def _run_on_cluster(
    plan: SweepPlan, scheduler: str, workers: int | None, out: Path | None, fees: Fees
) -> None:
    """Run ``plan`` on the Dask cluster of ``scheduler`` and write its reports."""
    if workers is not None:
        raise UsageError("--workers is for a local sweep; a --scheduler sweep uses the cluster's")
    if plan.backend == "rpc":
        raise UsageError("a sweep on the rpc backend runs on its one node, not on a cluster")
    from harness.sweep.cluster import DaskCluster

    with DaskCluster(scheduler) as cluster:
        cluster.check(plan)
        out = prepare_out_dir(out or timestamped_out_dir("sweeps"))
        with ProgressBar() as progress:
            run_sweep(plan, out, progress, cluster, fees)
    _write_report(out)


def _refuse_options_beside_report_only(ctx: click.Context) -> None:
    """A usage error if any grid or output option was given beside ``--report-only``."""
    given = [
        param.opts[0]
        for param in ctx.command.params
        if param.name != "report_dir"
        and ctx.get_parameter_source(param.name) is not click.core.ParameterSource.DEFAULT
    ]
    if given:
        raise UsageError(
            "--report-only takes the sweep's options from its manifest.json; "
            f"drop {', '.join(given)}"
        )


def _write_report(out: Path) -> None:
    """Write the reports of the sweep in ``out`` and say what they found and where they are."""
    outputs = write_sweep_outputs(out)
    analysis = outputs.analysis
    manifest = analysis.manifest
    for model in analysis.models:
        holdout = model.holdout
        error = (
            share(holdout.max_abs_error_percent, "the measured gas", signed=False)
            if holdout
            else "n/a"
        )
        click.echo(
            f"calibrated {model.fork}/{model.onchain}: "
            f"{gas(model.coefficients.per_verification)} per verification, "
            f"hold-out error at most {error}"
        )
    for fork, mode in analysis.unfitted:
        click.echo(f"calibrated {fork}/{mode}: not fitted; {UNFITTED}")
    click.echo(
        f"{len(analysis.scenarios)} scenarios, {whole(analysis.record_count)} transactions in "
        f"{decimal(manifest.wall_seconds)} s on {', '.join(manifest.plan.forks)} "
        f"({manifest.plan.backend}), batch data in {', '.join(manifest.plan.da)}"
    )
    click.echo(f"fees      {manifest.fees.describe()}")
    for path in outputs.files:
        click.echo(f"wrote     {path}")
    click.echo(f"records   {out}/manifest.json, {out}/txs.jsonl, {out}/receipts/")
