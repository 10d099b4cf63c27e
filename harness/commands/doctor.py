"""`rollup-harness doctor`: what toolchain and backends this machine has."""

from __future__ import annotations

import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from harness.chain.backends import describe_backend
from harness.chain.selection import (
    ANVIL_FORKS,
    DEFAULT_FORK,
    ETH_TESTER_FORKS,
    resolve_backend,
    run_fork,
)
from harness.commands.options import backend_choice, fork_option, rpc_url_option
from harness.common.errors import HarnessError
from harness.common.paths import tool_path
from harness.toolchain.solc import compiler_binary

PACKAGES = ("web3", "eth-tester", "py-evm", "py-ecc", "py-solc-x", "eth-abi", "click")


def _tool_version(path: Path | None, *args: str) -> str:
    if path is None:
        return "not installed"
    try:
        out = subprocess.run(
            [str(path), *args], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"broken ({type(exc).__name__})"
    lines = [line for line in out.splitlines() if line.strip()]
    line = next((x for x in lines if "Version" in x), lines[0] if lines else "?")
    return f"{line.strip()}  [{path}]"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


@click.command("doctor")
@backend_choice(
    default=None,
    help="Also start this backend (or, for rpc, ask the node at --rpc-url; no key needed) and "
    "describe the chain; --rpc-url alone means rpc.",
)
@fork_option
@rpc_url_option
def command(backend: str | None, fork: str, rpc_url: str | None) -> None:
    """Print the versions of the tools and Python packages, and the backends."""
    try:
        solc = _tool_version(compiler_binary(), "--version")
    except HarnessError as exc:
        solc = str(exc)
    anvil = tool_path("anvil", "ANVIL")
    click.echo("toolchain")
    click.echo(f"  solc     {solc}")
    click.echo(f"  anvil    {_tool_version(anvil, '--version')}")
    click.echo(f"  forge    {_tool_version(tool_path('forge', 'FORGE'), '--version')}")
    setpriv = shutil.which("setpriv")
    click.echo(f"  setpriv  {_tool_version(Path(setpriv) if setpriv else None, '--version')}")
    click.echo("python packages")
    for name in PACKAGES:
        click.echo(f"  {name:<11}{_package_version(name)}")
    click.echo("backends")
    click.echo(f"  eth-tester  available   forks {', '.join(ETH_TESTER_FORKS)}")
    state = "available" if anvil else "missing  "
    click.echo(f"  anvil       {state}   forks {', '.join(ANVIL_FORKS)}")
    click.echo("  rpc         needs --rpc-url (and, to send transactions, a key in an env var)")
    click.echo(
        f"  auto        -> {resolve_backend('auto')}; run and sweep take fork {run_fork('auto')}, "
        f"the other commands {DEFAULT_FORK}"
    )
    if backend is not None or rpc_url is not None:
        info = describe_backend(backend or "auto", fork=fork, rpc_url=rpc_url)
        told = " (as --fork says: a node does not report its fork)" if info.backend == "rpc" else ""
        click.echo(
            f"connected: {info.backend} fork {info.fork}{told}, chain id {info.chain_id}, "
            f"block gas limit {info.block_gas_limit:,}, client {info.client}"
        )
