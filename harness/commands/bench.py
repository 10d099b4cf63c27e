"""`rollup-harness bench`: benchmarks that print numbers (run all, or one subcommand)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from harness.bench.provers import bench_provers
from harness.bench.rpc import bench_rpc
from harness.bench.verifier_gas import bench_verifier_gas
from harness.chain.backends import DEFAULT_FORK, open_chain
from harness.commands.options import backend_choice, rpc_url_option
from harness.records.txlog import TxLog
from harness.reports.numbers import decimal, percent, whole


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
def rpc(transactions: int) -> None:
    """The harness's transactions per second on anvil against a raw JSON-RPC loop."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_chain("anvil", fork=DEFAULT_FORK) as chain,
        TxLog(Path(tmp) / "txs.jsonl", backend="anvil", fork=DEFAULT_FORK) as txlog,
    ):
        result = bench_rpc(chain, txlog, transactions)
    click.echo(f"anvil, {whole(transactions)} commitBatch transactions each, waiting for receipts")
    click.echo(f"  harness (web3 + records): {decimal(result.harness_tps):>8} tx/s")
    click.echo(f"  raw JSON-RPC loop:        {decimal(result.raw_tps):>8} tx/s")
    click.echo(f"  harness / raw:            {decimal(result.harness_tps / result.raw_tps, 2):>8}")


@command.command("gas")
@backend_choice(default="anvil", help="Chain to measure on; rpc needs --rpc-url and a key.")
@rpc_url_option
def gas(backend: str, rpc_url: str | None) -> None:
    """Mined gas of each verification path, beside RISC Zero's own contracts' figures."""
    with open_chain(backend, fork=DEFAULT_FORK, rpc_url=rpc_url) as chain:
        rows = bench_verifier_gas(chain)
        click.echo(f"verification gas on {chain.info.backend}, fork {chain.info.fork} (mined txs)")
    click.echo(f"  {'transaction':<60}{'ours':>10}{'reference':>11}{'diff':>10}")
    for row in rows:
        reference = whole(row.reference) if row.reference is not None else "-"
        diff = row.difference_percent
        diff_text = percent(diff) if diff is not None else ""
        click.echo(f"  {row.what:<60}{whole(row.gas_used):>10}{reference:>11}{diff_text:>10}")
    click.echo("  reference: RISC Zero's 3.0 contracts on anvil prague (reference values, not")
    click.echo("  reproduced here); for the synthetic seal, the real 3.0 seal through the same")
    click.echo("  path")
