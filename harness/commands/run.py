"""`rollup-harness run`: one rollup scenario end to end, model against measured gas."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from harness.chain.backends import BACKENDS, DEFAULT_FORK, open_chain
from harness.deploy.attach import attach, load_manifest
from harness.errors import UsageError
from harness.records.txlog import TxLog
from harness.report.console import run_summary
from harness.scenario.run import (
    ONCHAIN_MODES,
    STRATEGY_CHOICES,
    RunConfig,
    make_pool,
    run_scenario,
)


def default_out_dir() -> Path:
    """``runs/<UTC timestamp>/``."""
    return Path("runs") / time.strftime("%Y%m%d-%H%M%S", time.gmtime())


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` (it must be new or empty, so no earlier record is overwritten)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        if any(out.iterdir()):
            raise UsageError(f"output directory {out} is not empty; give a new --out")
        probe = out / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {out}: {exc.strerror}") from None
    return out


@click.command("run")
@click.option("--proofs", type=int, required=True, help="Batches to run (one proof per batch).")
@click.option("--strategy", type=click.Choice(STRATEGY_CHOICES), default="auto", show_default=True)
@click.option(
    "--compare",
    type=click.Choice(STRATEGY_CHOICES[1:]),
    default=None,
    help="Also run the same batches with this strategy, and compare.",
)
@click.option("--preset", default="default", show_default=True)
@click.option(
    "--prover",
    default="synthetic",
    show_default=True,
    help="synthetic, mock, or replay:DIR (receipts recorded by an earlier run).",
)
@click.option("--onchain", type=click.Choice(ONCHAIN_MODES), default="range", show_default=True)
@click.option("--backend", type=click.Choice(BACKENDS), default="auto", show_default=True)
@click.option("--rpc-url", default=None, help="JSON-RPC URL for --backend rpc.")
@click.option("--fork", default=DEFAULT_FORK, show_default=True)
@click.option("--txs-per-batch", type=int, default=100, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--verifier-artifact",
    type=click.Path(path_type=Path),
    default=None,
    help="Deploy this forge artifact (constructor (controlRoot, bn254ControlId)) "
    "as the Groth16 verifier.",
)
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
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
def command(
    proofs: int, strategy: str, compare: str | None, preset: str, prover: str, onchain: str,
    backend: str, rpc_url: str | None, fork: str, txs_per_batch: int, seed: int,
    verifier_artifact: Path | None, manifest: Path | None, out: Path | None, as_json: bool,
) -> None:  # fmt: skip
    """Deploy the stack, run PROOFS batches through the L2 model, commit, prove, submit, check."""
    config = RunConfig(
        proofs=proofs, strategy=strategy, preset=preset, prover=prover, onchain=onchain,
        txs_per_batch=txs_per_batch, seed=seed, verifier_artifact=verifier_artifact,
    )  # fmt: skip
    if manifest is not None and (backend != "rpc" or compare or verifier_artifact):
        raise UsageError("--manifest needs --backend rpc and no --compare or --verifier-artifact")
    recorded = load_manifest(manifest) if manifest is not None else None
    out = prepare_out_dir(out or default_out_dir())
    pool = make_pool(config)
    with (
        open_chain(backend, fork=fork, rpc_url=rpc_url) as chain,
        TxLog(out / "txs.jsonl", backend=chain.info.backend, fork=chain.info.fork) as txlog,
    ):
        receipts = out / "receipts"
        deployed = None
        if recorded is not None:
            selector = pool.source.verifier().selector
            deployed = attach(chain, recorded, manifest, seed=seed, selector=selector)
        summary = run_scenario(
            chain, config, txlog=txlog, receipts_dir=receipts, pool=pool, deployed=deployed
        )
        if compare is not None:
            other = RunConfig(**{**config.__dict__, "strategy": compare})
            summary["compared"] = run_scenario(
                chain, other, txlog=txlog, receipts_dir=receipts, scenario=f"compare-{compare}",
                pool=pool,
            )  # fmt: skip
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo(run_summary(summary))
    click.echo(f"\nrecords   {out}/txs.jsonl, {out}/summary.json, {out}/receipts/")
