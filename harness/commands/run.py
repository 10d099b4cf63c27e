"""`rollup-harness run`: one rollup scenario end to end, model against measured gas.

Parses the options, calls :func:`harness.scenario.runs.start_run` (or ``resume_run`` with
``--resume``) and prints the summary; ``run --resume DIR`` finishes a run that was interrupted
(the harness or the node killed, the node unreachable).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from harness.aggregation.choice import AUTO, CHOICE_NAMES, StrategyChoice
from harness.chain.selection import KNOWN_FORKS, resolve_backend, run_fork
from harness.commands.args import timestamped_out_dir
from harness.commands.fees import fee_options, resolve_fees
from harness.commands.options import (
    backend_option,
    config_option,
    rpc_url_option,
    seed_option,
    strategy_option,
    txs_per_batch_option,
    verifier_artifact_option,
)
from harness.common.errors import UsageError
from harness.l2.blob_batch import DA_MODES
from harness.onchain.config import load_config
from harness.records.txlog import TXS_FILE, read_txlog
from harness.reports.console import run_summary
from harness.reports.da_findings import run_mode_findings
from harness.reports.numbers import byte_size
from harness.scenario.config import MAX_PROOFS, ONCHAIN_MODES, RunConfig
from harness.scenario.runs import SUMMARY_FILE, resume_run, run_files, start_run


@click.command("run")
@click.option(
    "--proofs",
    type=click.IntRange(1, MAX_PROOFS),
    default=None,
    help="Batches to run (one proof per batch); required unless --resume.",
)
@strategy_option(
    "--strategy",
    default=AUTO,
    show_default=True,
    help="Aggregation strategy; auto = the cost model's decider for this many proofs.",
)
@strategy_option(
    "--compare",
    choices=CHOICE_NAMES[1:],
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
@click.option(
    "--da",
    type=click.Choice(DA_MODES),
    default=None,
    help="Where each batch's data travels: calldata, blob (EIP-4844 blobs bound by BLOBHASH) "
    "or blob-kzg (blobs, each also opened through the point-evaluation precompile) "
    "[default: blob, or calldata for a rollup that cannot commit blobs].",
)
@backend_option
@rpc_url_option
@click.option(
    "--fork",
    type=click.Choice(KNOWN_FORKS),
    default=None,
    help="Hard fork to run (osaka on anvil only); with --backend rpc, the fork the node runs "
    "[default: osaka on anvil; prague on eth-tester, which has no osaka, and on rpc].",
)
@txs_per_batch_option
@seed_option
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
@config_option
@fee_options
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
@click.pass_context
def command(
    ctx: click.Context,
    proofs: int | None,
    strategy: StrategyChoice,
    compare: StrategyChoice | None,
    preset: str,
    prover: str,
    onchain: str,
    da: str | None,
    backend: str,
    rpc_url: str | None,
    fork: str | None,
    txs_per_batch: int,
    seed: int,
    verifier_artifact: Path | None,
    manifest: Path | None,
    out: Path | None,
    resume_dir: Path | None,
    config_file: Path | None,
    base_fee_gwei: float | None,
    blob_base_fee_gwei: float | None,
    eth_usd: float | None,
    fees_from: str | None,
    as_json: bool,
) -> None:
    """Deploy the stack, run --proofs batches through the L2 model, commit, prove, submit, check."""

    def notify(line: str) -> None:
        click.echo(line, err=True)

    if resume_dir is not None:
        _refuse_options_beside_resume(ctx)
        out, summary = resume_dir, resume_run(resume_dir, notify=notify)
        if summary is None:
            if as_json:  # the summary it printed when it finished, as summary.json holds it
                click.echo(_finished_summary(out), nl=False)
            else:
                click.echo(
                    f"the run in {out} finished already; its summary is {out}/{SUMMARY_FILE}"
                )
            return
    else:
        if proofs is None:
            raise UsageError("--proofs is required (or --resume DIR, to finish a run)")
        harness_config = load_config(config_file)
        config = RunConfig(
            proofs=proofs,
            strategy=strategy,
            preset=preset,
            prover=prover,
            onchain=onchain,
            txs_per_batch=txs_per_batch,
            seed=seed,
            verifier_artifact=verifier_artifact,
            da=da or harness_config.target.preferred_da,
        )
        if manifest is not None and resolve_backend(backend, rpc_url) != "rpc":
            raise UsageError("--manifest needs --backend rpc")
        fees = resolve_fees(base_fee_gwei, blob_base_fee_gwei, eth_usd, fees_from)
        out = out or timestamped_out_dir("runs")
        summary = start_run(
            config,
            out,
            compare=compare,
            backend=backend,
            fork=fork or run_fork(backend, rpc_url),
            rpc_url=rpc_url,
            manifest=manifest,
            harness_config=harness_config,
            fees=fees,
            notify=notify,
        )
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
        return
    click.echo(run_summary(summary))
    for line in run_mode_findings(read_txlog(out / TXS_FILE), summary):
        click.echo(f"finding   {line}")
    files = ", ".join(f"{name} ({byte_size(size)})" for name, size in run_files(out))
    click.echo(f"\nrecords   {out}/: {files}")


def _finished_summary(out: Path) -> str:
    """The text of a finished run's summary.json."""
    try:
        return (out / SUMMARY_FILE).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {out / SUMMARY_FILE}: {exc.strerror}") from None


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
