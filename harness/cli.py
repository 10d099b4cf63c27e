"""The `rollup-harness` command line: a thin layer that parses, calls the library and prints.

Each command lives in its own module under :mod:`harness.commands` and exposes a click
command named ``command``; they are registered here in the order of :data:`COMMANDS`.
"""

from __future__ import annotations

import importlib
import sys

import click

from harness import __version__
from harness.common.errors import HarnessError

#: Modules under harness.commands, each defining a click command called ``command``.
COMMANDS = ("doctor", "model", "run", "replay", "bench", "gas", "deploy", "devnet", "sweep")


class HarnessGroup(click.Group):
    """A click group that turns every :class:`HarnessError` into one line and an exit code."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click hook
        try:
            return super().invoke(ctx)
        except HarnessError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)


@click.group(cls=HarnessGroup)
@click.version_option(__version__, prog_name="rollup-harness")
def main() -> None:
    """Measure what settling RISC Zero proofs on Ethereum costs, on a real EVM."""


for _name in COMMANDS:
    main.add_command(importlib.import_module(f"harness.commands.{_name}").command)
