"""Click options that several commands share, defined once."""

from __future__ import annotations

from pathlib import Path

import click

from harness.chain.backends import BACKENDS, DEFAULT_FORK

backend_option = click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default="auto",
    show_default=True,
    help="Chain backend: anvil, eth-tester (py-evm in process), rpc, or auto (anvil if installed).",
)
fork_option = click.option(
    "--fork",
    default=DEFAULT_FORK,
    show_default=True,
    help="Hard fork to run (cancun, prague, osaka).",
)
rpc_url_option = click.option("--rpc-url", default=None, help="JSON-RPC URL for --backend rpc.")
verifier_artifact_option = click.option(
    "--verifier-artifact",
    type=click.Path(path_type=Path),
    default=None,
    help="Deploy this forge artifact (constructor (controlRoot, bn254ControlId)) as the Groth16 "
    "verifier instead of the project's own.",
)
