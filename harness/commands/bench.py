"""`rollup-harness bench`: benchmarks that print numbers (run all, or one subcommand)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from harness.bench.provers import bench_provers
from harness.bench.rpc import bench_rpc
from harness.bench.verifier_gas import bench_verifier_gas, render_verifier_gas
from harness.chain.backends import DEFAULT_FORK, open_chain
from harness.commands.options import backend_choice, rpc_url_option
from harness.records.txlog import TxLog
from harness.reports.numbers import decimal, whole


@click.group("bench", invoke_without_command=True)
@click.pass_context
def command(ctx: click.Context) -> None:
    """Benchmarks: prover throughput, harness vs raw JSON-RPC, and verifier gas."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(provers)
        ctx.invoke(rpc)
        ctx.invoke(gas)


@command.command("provers")
@click.option(
    "--seals",
    type=click.IntRange(min=1),
    default=400,
    show_default=True,
    help="Distinct claims to prove, with each worker count.",
)
def provers(seals: int) -> None:
    """Synthetic seals per second with 1 worker and with every CPU."""
    click.echo(f"synthetic prover: {whole(seals)} distinct claims (worker start-up not timed)")
    for result in bench_provers(seals):
        click.echo(
            f"  {result.workers} worker(s): {decimal(result.seals_per_second):>8} seals/s "
            f"({decimal(result.seconds, 2)} s)"
        )


@command.command("rpc")
@click.option(
    "--transactions",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="commitBatch transactions to send, with the harness and with the raw loop.",
)
@click.option("--json", "as_json", is_flag=True, help="Print both rates and their ratio as JSON.")
def rpc(transactions: int, as_json: bool) -> None:
    """The harness's transactions per second on anvil against a raw JSON-RPC loop."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_chain("anvil", fork=DEFAULT_FORK) as chain,
        TxLog(Path(tmp) / "txs.jsonl", backend="anvil", fork=DEFAULT_FORK) as txlog,
    ):
        result = bench_rpc(chain, txlog, transactions)
        client = chain.info.client
    if as_json:
        click.echo(json.dumps({"backend": "anvil", "client": client, **result.to_json()}))
        return
    click.echo(
        f"anvil, {whole(transactions)} commitBatch transactions each, waiting for receipts "
        f"({result.method}), taking turns"
    )
    click.echo(f"  harness (calls + records): {decimal(result.harness_tps):>8} tx/s")
    click.echo(f"  raw JSON-RPC loop:         {decimal(result.raw_tps):>8} tx/s")
    click.echo(f"  harness / raw:             {decimal(result.ratio, 2):>8}")


@command.command("gas")
@backend_choice(default="anvil", help="Chain to measure on; rpc needs --rpc-url and a key.")
@rpc_url_option
def gas(backend: str, rpc_url: str | None) -> None:
    """Mined gas of each verification path, beside RISC Zero's own contracts' figures."""
    with open_chain(backend, fork=DEFAULT_FORK, rpc_url=rpc_url) as chain:
        rows = bench_verifier_gas(chain)
        click.echo(render_verifier_gas(rows, chain.info.backend, chain.info.fork))
