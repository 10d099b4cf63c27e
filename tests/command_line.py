"""The command line run inside the test's own process, and the one-line error it must give.

``harness.cli.main`` turns every HarnessError and every command-line mistake into one line and
an exit code inside the click group, so click's runner goes through the same error path as the
installed command without the seconds a new interpreter takes to import web3. Tests about the
process itself (the entry point, killed or timed processes, settings read at import) start one.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping

from click.testing import CliRunner, Result

from harness.cli import main


def invoke(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
    """``rollup-harness ARGS`` in this process, stdout and stderr captured apart; ``env`` sets
    (or, with None, removes) environment variables for the call only."""
    return CliRunner().invoke(main, list(args), env=env)


def assert_one_line_error(result: Result, needle: str, exit_code: int | None = None) -> str:
    """Assert that ``result`` ended with a non-zero exit (``exit_code`` if given), no exception
    but the exit, and exactly one line on stderr: ``error: ...`` containing
    ``needle``. Returns that line."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"the command raised instead of exiting:\n{trace}")
    assert result.exit_code != 0, (result.stdout, result.stderr)
    if exit_code is not None:
        assert result.exit_code == exit_code, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and needle in lines[0], lines[0]
    return lines[0]
