"""The `rollup-harness` command line: a thin layer that parses, calls the library and prints.

Each command lives in its own module under :mod:`harness.commands` and exposes a click
command named ``command``; they are listed in the order of :data:`COMMANDS`. A command's
module is imported when the command is called (or when help lists them all), so a command that
needs no chain, such as ``model``, starts without loading web3 and the chain's packages.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NoReturn

import click

from harness import __version__
from harness.common.errors import HarnessError

#: Modules under harness.commands, each defining a click command called ``command``.
COMMANDS = ("doctor", "model", "run", "replay", "bench", "gas", "deploy", "devnet", "sweep")


def _usage_error(exc: click.UsageError) -> NoReturn:
    """Print a command-line mistake as one line, with where to read the command's options."""
    where = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None else ""
    click.echo(f"error: {exc.format_message().rstrip('.')}{where}", err=True)
    sys.exit(exc.exit_code)


class HarnessGroup(click.Group):
    """A click group that loads each command of :data:`COMMANDS` when it is asked for, and
    turns every :class:`HarnessError`, and every command-line mistake click finds, into one
    line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: D102 - click hook
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: D102 - click hook
        if cmd_name not in COMMANDS:
            return None
        return importlib.import_module(f"harness.commands.{cmd_name}").command

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:  # noqa: D102 - click hook
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            _usage_error(exc)

    def invoke(self, ctx: click.Context) -> Any:  # noqa: D102 - click hook
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            _usage_error(exc)
        except HarnessError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)


@click.group(
    "rollup-harness", cls=HarnessGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="rollup-harness")
def main() -> None:
    """Measure what settling RISC Zero proofs on Ethereum costs, on a real EVM."""
