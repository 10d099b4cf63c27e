"""Click options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from harness.aggregation.choice import CHOICE_NAMES, StrategyChoice
from harness.chain.backends import BACKENDS, DEFAULT_FORK

FC = TypeVar("FC", bound=Callable[..., Any])

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


def strategy_option(*names: str, **kwargs: Any) -> Callable[[FC], FC]:
    """A ``--strategy``-like option whose value arrives parsed as a :class:`StrategyChoice`."""
    return click.option(
        *names,
        type=click.Choice(kwargs.pop("choices", CHOICE_NAMES)),
        callback=lambda _ctx, _param, value: None if value is None else StrategyChoice.parse(value),
        **kwargs,
    )


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The team's config file naming the rollup to drive (rollup-harness.toml, or a "
    "pyproject.toml with [tool.rollup-harness]) [default: the one in the working directory, "
    "else the harness's own Rollup.sol].",
)
