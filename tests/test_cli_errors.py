"""Bad input reaches the user as one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

KEY = "0x" + "11" * 32


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _assert_one_line_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and needle in lines[0], lines[0]


def test_unknown_backend_is_a_one_line_error():
    _assert_one_line_error(_run("doctor", "--backend", "geth"), "'geth' is not one of 'auto'")


def test_rpc_url_nobody_answers_is_a_one_line_error(refused_url):
    import os

    env = dict(os.environ, ROLLUP_HARNESS_PRIVATE_KEY=KEY)
    result = _run("doctor", "--backend", "rpc", "--rpc-url", refused_url, env=env)
    _assert_one_line_error(result, f"no JSON-RPC node answers at {refused_url}")


def test_missing_anvil_binary_is_a_one_line_error():
    import os

    env = dict(os.environ, ANVIL="/nonexistent/anvil")
    _assert_one_line_error(_run("doctor", "--backend", "anvil", env=env), "anvil is not installed")


@pytest.mark.parametrize("fork", ["osaka", "london"])
def test_a_fork_the_backend_lacks_is_a_one_line_error(fork):
    _assert_one_line_error(_run("doctor", "--backend", "eth-tester", "--fork", fork), fork)
