"""`rollup-harness bench`: benchmarks that print numbers (run all, or one subcommand)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from harness.bench.blob_fees import MULTIPLES, BlobFeeCurve, measure_blob_fees
from harness.bench.provers import bench_provers, bench_seal_checks
from harness.bench.rpc import bench_rpc
from harness.bench.verifier_gas import bench_verifier_gas, render_verifier_gas
from harness.chain.backends import open_chain
from harness.chain.selection import DEFAULT_FORK
from harness.commands.args import timestamped_out_dir
from harness.commands.options import backend_choice, rpc_url_option
from harness.common.errors import UsageError
from harness.records.txlog import TxLog
from harness.reports.blob_plot import write_blob_fee_plot
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
    """Synthetic seals per second with 1 worker and with every CPU, and seals checked per
    second."""
    click.echo(f"synthetic prover: {whole(seals)} distinct claims (worker start-up not timed)")
    for result in bench_provers(seals):
        click.echo(
            f"  {result.workers} worker(s): {decimal(result.seals_per_second):>8} seals/s "
            f"({decimal(result.seconds, 2)} s)"
        )
    checked = bench_seal_checks()
    click.echo(
        f"seal check (the Groth16 pairing check of an external prover's seal), one process: "
        f"{decimal(checked.seals_per_second)} seals/s "
        f"({decimal(1000 * checked.seconds / checked.seals, 1)} ms each)"
    )


@command.command("rpc")
@click.option(
    "--transactions",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="commitBatch transactions to send, with the harness and with each raw loop.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the three rates and both ratios as JSON."
)
def rpc(transactions: int, as_json: bool) -> None:
    """The harness's transactions per second on anvil against two raw JSON-RPC loops (over
    http.client and over the harness's own HTTP/1.1 exchange)."""
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
    click.echo(f"  harness (calls + records):         {decimal(result.harness_tps):>8} tx/s")
    click.echo(f"  raw JSON-RPC loop, http.client:    {decimal(result.raw_tps):>8} tx/s")
    click.echo(f"  raw JSON-RPC loop, lean HTTP/1.1:  {decimal(result.lean_raw_tps):>8} tx/s")
    click.echo(f"  harness / raw (http.client):       {decimal(result.ratio, 2):>8}")
    click.echo(f"  harness / raw (lean HTTP/1.1):     {decimal(result.lean_ratio, 2):>8}")


@command.command("gas")
@backend_choice(default="anvil", help="Chain to measure on; rpc needs --rpc-url and a key.")
@rpc_url_option
def gas(backend: str, rpc_url: str | None) -> None:
    """Mined gas of each verification path, beside RISC Zero's own contracts' figures."""
    with open_chain(backend, fork=DEFAULT_FORK, rpc_url=rpc_url) as chain:
        rows = bench_verifier_gas(chain)
        click.echo(render_verifier_gas(rows, chain.info.backend, chain.info.fork))


@command.command("blobs")
@click.option(
    "--blocks",
    type=click.IntRange(min=2),
    default=80,
    show_default=True,
    help="Consecutive full blob blocks to mine.",
)
@click.option(
    "--fork",
    type=click.Choice(("cancun", "prague", "osaka")),
    default="osaka",
    show_default=True,
    help="Fork anvil runs, and whose blob limits fill the blocks.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory for blob-fees.svg and blob-fees.json [default: bench/<timestamp>/].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the measurement as JSON.")
def blobs(blocks: int, fork: str, out: Path | None, as_json: bool) -> None:
    """The blob base fee under full blob blocks on anvil, against each schedule's formula."""
    out = out or timestamped_out_dir("bench")
    with open_chain("anvil", fork=fork) as chain:
        curve = measure_blob_fees(chain, blocks)
    try:
        out.mkdir(parents=True, exist_ok=True)
        document = json.dumps(curve.to_json(), indent=2) + "\n"
        (out / "blob-fees.json").write_text(document)
    except OSError as exc:
        raise UsageError(f"cannot write to {out}: {exc.strerror}") from None
    write_blob_fee_plot(
        out / "blob-fees.svg",
        curve.measured_fees,
        {check.schedule.fork: check.formula_fees for check in curve.checks},
        title=f"blob base fee under full blocks: {curve.client}, fork {fork}",
    )
    if as_json:
        click.echo(document, nl=False)
        return
    for line in blob_fee_lines(curve):
        click.echo(line)
    click.echo(f"wrote     {out / 'blob-fees.svg'}, {out / 'blob-fees.json'}")


def _blocks(count: int | None, mined: int) -> str:
    return f"{count} blocks" if count is not None else f"not within {mined} blocks"


def blob_fee_lines(curve: BlobFeeCurve) -> list[str]:
    """The printed report of a blob-fee bench."""
    mined = len(curve.blocks)
    fees = curve.measured_fees
    lines = [
        f"anvil ({curve.client}), fork {curve.fork}: {mined} blocks of {curve.blobs_per_block} "
        f"blobs ({curve.blobs_per_block // curve.blobs_per_tx} type-3 txs of "
        f"{curve.blobs_per_tx}), mined one by one",
        f"  measured blob base fee: {whole(fees[0])} wei before, {whole(fees[-1])} wei after; "
        + ", ".join(f"x{m} after {_blocks(curve.blocks_to(m), mined)}" for m in MULTIPLES),
        f"  {'schedule (target/max, fraction)':<38}{'matches':>8}"
        + "".join(f"{'x' + str(m):>22}" for m in MULTIPLES),
    ]
    for check in curve.checks:
        s = check.schedule
        name = (
            f"{s.fork} ({s.target_per_block}/{s.max_per_block}, {whole(s.update_fraction)}"
            + (", EIP-7918" if s.reserve_price else "")
            + ")"
        )
        lines.append(
            f"  {name:<38}{'yes' if check.matches else 'no':>8}"
            + "".join(f"{_blocks(check.blocks_to(m), mined):>22}" for m in MULTIPLES)
        )
    matching = ", ".join(curve.matching) or "none: the node's excess blob gas follows no schedule"
    lines.append(f"  schedule anvil applies: {matching}")
    return lines
