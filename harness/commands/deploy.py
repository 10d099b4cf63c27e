"""`rollup-harness deploy`: the verifier stack and a rollup on any JSON-RPC chain, recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from harness.chain.backends import DEFAULT_KEY_ENV, open_chain
from harness.commands.options import config_option, fork_option, rpc_url_choice
from harness.deploy.deployer import DeployRequest, checksum, deploy
from harness.deploy.manifest import read_manifest
from harness.deploy.summary import deploy_summary
from harness.deploy.verifiers import VERIFIER_CHOICES, parse_verifier
from harness.onchain.config import load_config

#: Where a manifest goes when no --manifest is given: one file per chain id.
DEPLOYMENTS_DIR = Path("deployments")


def verifier_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """The repeatable ``--verifier`` option shared by deploy and devnet."""
    return click.option(
        "--verifier",
        "verifiers",
        multiple=True,
        default=("synthetic",),
        show_default=True,
        help=f"Verifier to deploy and route: {', '.join(VERIFIER_CHOICES)}; repeat for several.",
    )(function)


def deploy_request(
    verifiers: tuple[str, ...], seed: int, sequencer: str | None, owner: str | None
) -> DeployRequest:
    """The deploy request the shared options describe."""
    return DeployRequest(
        verifiers=tuple(parse_verifier(choice) for choice in verifiers),
        seed=seed,
        sequencer=checksum(sequencer, "--sequencer") if sequencer else None,
        owner=checksum(owner, "--owner") if owner else None,
    )


@click.command("deploy")
@rpc_url_choice(required=True, help="JSON-RPC URL of the chain to deploy to.")
@click.option(
    "--private-key-env",
    default=DEFAULT_KEY_ENV,
    show_default=True,
    help="Environment variable holding the deployer's private key (never pass the key itself).",
)
@click.option(
    "--keystore",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Encrypted keystore instead; its password in <private-key-env>_PASSWORD.",
)
@verifier_option
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Manifest to write, or to complete [default: deployments/<chain id>.json].",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Workload seed of genesis.")
@click.option("--sequencer", default=None, help="Account allowed to commit [default: deployer].")
@click.option("--owner", default=None, help="Owner to hand every contract to [default: deployer].")
@fork_option
@config_option
def command(
    rpc_url: str,
    private_key_env: str,
    keystore: Path | None,
    verifiers: tuple[str, ...],
    manifest: Path | None,
    seed: int,
    sequencer: str | None,
    owner: str | None,
    fork: str,
    config_file: Path | None,
) -> None:
    """Deploy router → estop → verifier(s), the set verifier and the rollup; write a manifest.

    With a manifest of an earlier deploy to the same chain, checks the code at each address
    and deploys only what is missing.
    """
    request = deploy_request(verifiers, seed, sequencer, owner)
    target = load_config(config_file).target
    if manifest is not None:
        read_manifest(manifest)  # a corrupt manifest is refused before anything is sent
    with open_chain(
        "rpc", rpc_url=rpc_url, key_env=private_key_env, keystore=keystore, fork=fork
    ) as chain:
        path = manifest or DEPLOYMENTS_DIR / f"{chain.info.chain_id}.json"
        result = deploy(chain, request, path, target=target)
        click.echo(deploy_summary(result, chain.info, path))
