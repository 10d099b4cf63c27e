"""`rollup-harness devnet`: anvil on loopback with everything deployed, until Ctrl-C."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType

import click

from harness.chain.backends import DEFAULT_KEY_ENV
from harness.commands.deploy import DEPLOYMENTS_DIR, deploy_request, verifier_option
from harness.commands.options import fork_option
from harness.deploy.devnet import DEVNET_CHAIN_ID, dev_account, start_devnet
from harness.deploy.summary import deploy_summary


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command("devnet")
@verifier_option
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Manifest to write; must not exist [default: deployments/devnet-<UTC time>.json].",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Workload seed of genesis.")
@click.option("--sequencer", default=None, help="Account allowed to commit [default: deployer].")
@fork_option
@click.option(
    "--chain-id",
    type=click.IntRange(min=1),
    default=DEVNET_CHAIN_ID,
    show_default=True,
    help="Chain id of the devnet.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port on 127.0.0.1 for the devnet's JSON-RPC [default: a free one].",
)
@click.option(
    "--private-key-env",
    default=DEFAULT_KEY_ENV,
    show_default=True,
    help="Deploy from this variable's key when it is set (funded on the devnet), "
    "else from anvil's dev account 0.",
)
def command(
    verifiers: tuple[str, ...],
    manifest: Path | None,
    seed: int,
    sequencer: str | None,
    fork: str,
    chain_id: int,
    port: int | None,
    private_key_env: str,
) -> None:
    """Start anvil on 127.0.0.1, deploy the stack and a rollup, and keep running until Ctrl-C."""
    request = deploy_request(verifiers, seed, sequencer, None)
    path = manifest or DEPLOYMENTS_DIR / time.strftime("devnet-%Y%m%d-%H%M%S.json", time.gmtime())
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        devnet = start_devnet(
            request, path, fork=fork, key_env=private_key_env, chain_id=chain_id, port=port
        )
        try:
            click.echo(deploy_summary(devnet.result, devnet.chain.info, path))
            if devnet.chain.sender == dev_account().address:
                click.echo("deployer  anvil's dev account 0 (its key is anvil's published dev key)")
            click.echo(f"rpc-url   {devnet.url}")
            click.echo(
                f"run on it {private_key_env}=<sequencer's key> rollup-harness run --backend rpc "
                f"--rpc-url {devnet.url} --manifest {path} --proofs N"
            )
            click.echo("devnet running; Ctrl-C stops it")
            devnet.wait()
        except KeyboardInterrupt:
            click.echo("devnet stopped")
        finally:
            devnet.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
