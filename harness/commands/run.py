"""`rollup-harness run`: one rollup scenario end to end, model against measured gas.

``run --resume DIR`` finishes a run that was interrupted (the harness or the node killed, the
node unreachable): see :mod:`harness.scenario.resume`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from harness.chain.anvil import StateFiles
from harness.chain.backends import open_chain
from harness.chain.base import Chain
from harness.chain.transport import NodeUnavailable, NotMined
from harness.commands.args import prepare_out_dir, timestamped_out_dir
from harness.commands.options import (
    backend_option,
    fork_option,
    rpc_url_option,
    verifier_artifact_option,
)
from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.deploy.attach import attach, load_manifest
from harness.deploy.manifest import Manifest
from harness.onchain.rollup import RollupClient
from harness.onchain.stack import VerifierStack
from harness.provers.pool import ProverPool
from harness.records.run_summary import RunSummary
from harness.records.txlog import TxLog
from harness.reports.console import run_summary
from harness.scenario.resume import (
    check_resumable,
    check_same_chain,
    combined_summary,
    new_setup,
    pid_of,
    reconcile,
    resumed_pool,
    run_scenarios,
    wait_for_previous_anvil,
)
from harness.scenario.run import ONCHAIN_MODES, STRATEGY_CHOICES, RunConfig, make_pool
from harness.scenario.runfile import RunFile


@click.command("run")
@click.option(
    "--proofs",
    type=int,
    default=None,
    help="Batches to run (one proof per batch); required unless --resume.",
)
@click.option(
    "--strategy",
    type=click.Choice(STRATEGY_CHOICES),
    default="auto",
    show_default=True,
    help="Aggregation strategy; auto = the cost model's decider for this many proofs.",
)
@click.option(
    "--compare",
    type=click.Choice(STRATEGY_CHOICES[1:]),
    default=None,
    help="Also run the same batches with this strategy, and compare.",
)
@click.option(
    "--preset",
    default="default",
    show_default=True,
    help="Configuration preset (default, small, medium, large): decider threshold, workers, cache.",
)
@click.option(
    "--prover",
    default="synthetic",
    show_default=True,
    help="synthetic, mock, replay:DIR (receipts recorded by an earlier run), or external:CMD.",
)
@click.option(
    "--onchain",
    type=click.Choice(ONCHAIN_MODES),
    default="range",
    show_default=True,
    help="range: finalise each root with its own proof; set: one set-builder root, then "
    "inclusion proofs.",
)
@backend_option
@rpc_url_option
@fork_option
@click.option(
    "--txs-per-batch", type=int, default=100, show_default=True, help="L2 transfers per batch."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the L2 workload.")
@verifier_artifact_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output directory [default: runs/<timestamp>/].",
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --backend rpc: run on the fresh rollup and stack a deploy manifest records.",
)
@click.option(
    "--resume",
    "resume_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Finish the interrupted run in this output directory, with the options it started with.",
)
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
@click.pass_context
def command(
    ctx: click.Context,
    proofs: int | None,
    strategy: str,
    compare: str | None,
    preset: str,
    prover: str,
    onchain: str,
    backend: str,
    rpc_url: str | None,
    fork: str,
    txs_per_batch: int,
    seed: int,
    verifier_artifact: Path | None,
    manifest: Path | None,
    out: Path | None,
    resume_dir: Path | None,
    as_json: bool,
) -> None:
    """Deploy the stack, run --proofs batches through the L2 model, commit, prove, submit, check."""
    if resume_dir is not None:
        _refuse_options_beside_resume(ctx)
        out, summary = resume_dir, resume_run(resume_dir)
        if summary is None:
            click.echo(f"the run in {out} finished already; its summary is {out}/summary.json")
            return
    else:
        if proofs is None:
            raise UsageError("--proofs is required (or --resume DIR, to finish a run)")
        config = RunConfig(
            proofs=proofs,
            strategy=strategy,
            preset=preset,
            prover=prover,
            onchain=onchain,
            txs_per_batch=txs_per_batch,
            seed=seed,
            verifier_artifact=verifier_artifact,
        )
        if manifest is not None and (backend != "rpc" or compare or verifier_artifact):
            raise UsageError(
                "--manifest needs --backend rpc and no --compare or --verifier-artifact"
            )
        out = out or timestamped_out_dir("runs")
        summary = start_run(
            config,
            out,
            compare=compare,
            backend=backend,
            fork=fork,
            rpc_url=rpc_url,
            manifest=manifest,
        )
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
        return
    click.echo(run_summary(summary))
    click.echo(f"\nrecords   {out}/txs.jsonl, {out}/summary.json, {out}/receipts/")


def _refuse_options_beside_resume(ctx: click.Context) -> None:
    given = [
        f"--{name.replace('_', '-')}"
        for name in ctx.params
        if name not in ("resume_dir", "as_json")
        and ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
    ]
    if given:
        raise UsageError(
            f"--resume takes the run's options from its run.json; drop {', '.join(given)}"
        )


def start_run(
    config: RunConfig,
    out: Path,
    *,
    compare: str | None,
    backend: str,
    fork: str,
    rpc_url: str | None,
    manifest: Path | None,
) -> RunSummary:
    """Run ``config`` (and ``compare``) from scratch into the new directory ``out``."""
    recorded = load_manifest(manifest) if manifest is not None else None
    out = prepare_out_dir(out)
    pool = make_pool(config)
    state = StateFiles.in_directory(out)
    with (
        _resumable(out),
        open_chain(backend, fork=fork, rpc_url=rpc_url, anvil_state=state) as chain,
        TxLog(out / "txs.jsonl", backend=chain.info.backend, fork=chain.info.fork) as txlog,
    ):
        deployed = None
        if recorded is not None and manifest is not None:
            deployed = _attach(chain, recorded, manifest, config, pool)
        setup = new_setup(chain, config, compare=compare, rpc_url=rpc_url, manifest=manifest)
        run = RunFile.create(out, setup, anvil_pid=pid_of(chain))
        summary = run_scenarios(chain, run, txlog=txlog, pool=pool, deployed=deployed)
    return _finish(run, summary)


def resume_run(directory: Path) -> RunSummary | None:
    """Finish the run in ``directory``; None if it had finished already."""
    run = RunFile.read(directory)
    if run.finished:
        return None
    if all(progress.complete for progress in run.scenarios.values()):
        return _finish(run, combined_summary(run))
    check_resumable(run)
    setup = run.setup
    state = StateFiles.in_directory(directory)
    if setup.backend == "anvil":
        wait_for_previous_anvil(run.anvil_pid, state.dump)
        warning = state.take_dump()
        if warning:
            click.echo(f"warning: {warning}", err=True)
    recorded = load_manifest(setup.manifest) if setup.manifest is not None else None
    pool = resumed_pool(setup.config, directory / "receipts")
    path = directory / "txs.jsonl"
    with (
        _resumable(directory),
        open_chain(
            setup.backend, fork=setup.fork, rpc_url=setup.rpc_url, anvil_state=state
        ) as chain,
    ):
        check_same_chain(chain, run)
        run.started_anvil(pid_of(chain))
        reconciliation = reconcile(chain, run, path)
        for note in reconciliation.notes(path):
            click.echo(note, err=True)
        deployed = None
        if recorded is not None and setup.manifest is not None:
            deployed = _attach(chain, recorded, setup.manifest, setup.config, pool)
        with TxLog(path, backend=chain.info.backend, fork=chain.info.fork) as txlog:
            summary = run_scenarios(
                chain,
                run,
                txlog=txlog,
                pool=pool,
                deployed=deployed,
                logged=reconciliation.records,
            )
    return _finish(run, summary)


def _attach(
    chain: Chain, recorded: Manifest, manifest: Path, config: RunConfig, pool: ProverPool
) -> tuple[VerifierStack, RollupClient]:
    selector = pool.source.verifier().selector  # type: ignore[attr-defined]
    return attach(chain, recorded, manifest, seed=config.seed, selector=selector)


def _finish(run: RunFile, summary: RunSummary) -> RunSummary:
    """Write ``summary.json`` (atomically), then mark the run finished."""
    atomic_write_text(
        run.directory / "summary.json", json.dumps(summary.to_json(), indent=2) + "\n"
    )
    run.finish()
    return summary


@contextmanager
def _resumable(out: Path) -> Iterator[None]:
    """Tell the user how to finish a run the node's failure stopped."""
    try:
        yield
    except (NodeUnavailable, NotMined) as exc:
        raise type(exc)(
            f"{exc}; the run is recorded in {out} up to here, and "
            f"'rollup-harness run --resume {out}' finishes it"
        ) from None
