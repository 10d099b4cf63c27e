"""Click options that several commands share, defined once, so that each means the same in every
command: ``--backend`` offers the same choices, ``--fork`` the same forks, and ``--rpc-url`` is
checked to be a URL before anything starts."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from harness.aggregation.choice import CHOICE_NAMES, StrategyChoice
from harness.chain.selection import BACKENDS, DEFAULT_FORK, KNOWN_FORKS, check_rpc_url
from harness.common.errors import UsageError
from harness.l2.workload import DEFAULT_TXS_PER_BATCH

FC = TypeVar("FC", bound=Callable[..., Any])

BACKEND_HELP = (
    "Chain backend: anvil, eth-tester (py-evm in process), rpc, or auto (anvil if installed)."
)


def backend_choice(default: str | None = "auto", help: str = BACKEND_HELP) -> Any:
    """``--backend``, one of :data:`~harness.chain.selection.BACKENDS`, with its own default."""
    return click.option(
        "--backend",
        type=click.Choice(BACKENDS),
        default=default,
        show_default=default is not None,
        help=help,
    )


def url_checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: refuse a ``value`` that is not an http(s) URL."""
    if value is not None:
        try:
            check_rpc_url(value)
        except UsageError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None
    return value


def _rpc_url_checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--rpc-url``'s callback: :func:`url_checked`, and refuse a missing URL beside
    ``--backend rpc`` (click processes the options given before those left out)."""
    if value is None and ctx.params.get("backend") == "rpc":
        raise click.UsageError("--backend rpc needs --rpc-url, the node's JSON-RPC URL", ctx)
    return url_checked(ctx, param, value)


def rpc_url_choice(*, required: bool = False, help: str = "JSON-RPC URL for --backend rpc.") -> Any:
    """``--rpc-url``, refused at once when it is not an http(s) URL."""
    return click.option("--rpc-url", required=required, callback=_rpc_url_checked, help=help)


backend_option = backend_choice()
txs_per_batch_option = click.option(
    "--txs-per-batch",
    type=click.IntRange(min=1),
    default=DEFAULT_TXS_PER_BATCH,
    show_default=True,
    help="L2 transfers per batch.",
)
seed_option = click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed of the L2 workload.",
)
rpc_url_option = rpc_url_choice()
fork_option = click.option(
    "--fork",
    type=click.Choice(KNOWN_FORKS),
    default=DEFAULT_FORK,
    show_default=True,
    help="Hard fork to run (osaka on anvil only); with --backend rpc, the fork the node runs.",
)
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


def price_check(
    positive: bool,
) -> Callable[[click.Context, click.Parameter, float | None], float | None]:
    """A click callback that refuses a price that is not a finite number of at least 0 (above
    0 if ``positive``)."""

    def check(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
        if value is not None and (
            not math.isfinite(value) or value < 0 or (positive and not value)
        ):
            bound = "a number above 0" if positive else "a number of at least 0"
            raise click.BadParameter(f"must be {bound}, got {value:g}", ctx, param)
        return value

    return check
