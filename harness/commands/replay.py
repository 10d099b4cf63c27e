"""`rollup-harness replay FILE...`: verify real RISC Zero receipts on chain and show the gas."""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from harness.chain.backends import open_chain
from harness.commands.options import (
    backend_option,
    fork_option,
    rpc_url_option,
    verifier_artifact_option,
)
from harness.common.errors import UsageError
from harness.common.files import prepare_out_dir
from harness.onchain.receipt_stack import deploy_for_receipts
from harness.onchain.stack import STACK_CONTRACTS
from harness.records.txlog import TxLog
from harness.risc0.receipts import read_corpus_entries
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.replay import REJECTED, ReplayResult, replay_receipt, screen
from harness.toolchain.forge_artifact import load_forge_artifact, load_forge_build
from harness.toolchain.solc import Artifact, project_artifacts


def _verdict(verified: bool | None) -> str:
    return {True: "ok", False: "FAILED", None: "-"}[verified]


def _stack_artifacts(out_dir: Path | None, verifier: Artifact | None) -> dict[str, Artifact]:
    """The contracts to deploy: the project's, with the stack's taken from ``out_dir``."""
    if out_dir is None:
        return project_artifacts()
    if verifier is not None:
        raise UsageError("give --stack-artifacts or --verifier-artifact, not both")
    return project_artifacts() | load_forge_build(out_dir, STACK_CONTRACTS)


def _row(result: ReplayResult) -> str:
    """The table line of one entry, and under it why it failed or was rejected."""
    gas = f"{result.gas_used:,}" if result.gas_used is not None else "-"
    on_chain = "rejected" if result.verdict == REJECTED else _verdict(result.verified)
    line = (
        f"{result.id[:54]:<54} {result.version:<24} "
        f"{_verdict(result.python_verified):>6} {on_chain:>9} {gas:>10}"
    )
    if result.error:
        line += f"\n    {'rejected' if result.verdict == REJECTED else 'reverted'}: {result.error}"
    return line


@click.command("replay")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@backend_option
@fork_option
@rpc_url_option
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the results as a JSON list to this file.",
)
@verifier_artifact_option
@click.option(
    "--stack-artifacts",
    type=click.Path(path_type=Path),
    default=None,
    help="Deploy the router, emergency stop, Groth16 verifier and set verifier from this forge "
    "out/ folder (a build of RISC Zero's contracts) instead of the project's own.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also record every mined transaction in OUT/txs.jsonl (a new or empty folder).",
)
@click.option(
    "--python-check/--no-python-check",
    default=True,
    show_default=True,
    help="Also verify each receipt in Python (py_ecc) before sending it.",
)
def command(
    files: tuple[Path, ...],
    backend: str,
    fork: str,
    rpc_url: str | None,
    json_out: Path | None,
    verifier_artifact: Path | None,
    stack_artifacts: Path | None,
    out: Path | None,
    python_check: bool,
) -> None:
    """Verify every receipt in FILES (the RISC Zero receipt-corpus format) on chain.

    Every entry gets a verdict: ok, FAILED (reverted) or rejected (an entry that cannot be read
    or has no known verifier; the others still run). Exits 0 only if every receipt verified.
    """
    if json_out is not None and not os.access(json_out.parent.resolve(), os.W_OK):
        raise UsageError(f"cannot write --json {json_out}: its folder is missing or read-only")
    screened = screen(entry for path in files for entry in read_corpus_entries(path))
    if not screened:
        raise UsageError("the receipt files hold no receipts")
    receipts = [item for item in screened if not isinstance(item, ReplayResult)]
    artifact = load_forge_artifact(verifier_artifact) if verifier_artifact else None
    artifacts = _stack_artifacts(stack_artifacts, artifact)
    out = prepare_out_dir(out) if out is not None else None
    with open_chain(backend, fork=fork, rpc_url=rpc_url) as chain, ExitStack() as closing:
        record = None
        if out is not None:
            info = chain.info
            txlog = closing.enter_context(
                TxLog(out / "txs.jsonl", backend=info.backend, fork=info.fork)
            )
            record = ScenarioRecorder(txlog, "replay", "")
        stack = deploy_for_receipts(
            chain, receipts, artifacts=artifacts, verifier_artifact=artifact, record=record
        )
        built = f" (built in {stack_artifacts})" if stack_artifacts else ""
        click.echo(
            f"{len(screened)} corpus entries on {chain.info.backend} ({chain.info.client}), "
            f"fork {chain.info.fork}; verify() through router → emergency stop → verifier{built}"
        )
        header = f"{'receipt':<54} {'version':<24} {'python':>6} {'on chain':>9} {'gas used':>10}"
        click.echo(header)
        results = []
        for item in screened:
            if not isinstance(item, ReplayResult):
                item = replay_receipt(stack, item, check_in_python=python_check)
            results.append(item)
            click.echo(_row(item))
    if json_out is not None:
        try:
            json_out.write_text(json.dumps([r.to_json() for r in results], indent=2) + "\n")
        except OSError as exc:
            raise UsageError(f"cannot write --json {json_out}: {exc.strerror}") from None
    verified = sum(r.verified for r in results)
    rejected = sum(r.verdict == REJECTED for r in results)
    failed = len(results) - verified - rejected
    click.echo(f"{verified} verified, {failed} failed, {rejected} rejected")
    if verified < len(results):
        sys.exit(1)
