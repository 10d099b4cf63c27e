"""Bad input reaches the user as one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from command_line import assert_one_line_error, invoke

from harness.chain.transport import RPC_RETRIES_ENV

KEY = "0x" + "11" * 32


def test_the_entry_point_prints_one_line_and_no_traceback():
    """``python -m harness`` as a user starts it: an error raised deep in the library (here: no
    anvil binary) leaves the process as one line and a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-m", "harness", "doctor", "--backend", "anvil"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, ANVIL="/nonexistent/anvil"),
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and "anvil is not installed" in lines[0], lines[0]


def test_unknown_backend_is_a_one_line_error():
    assert_one_line_error(invoke("doctor", "--backend", "geth"), "'geth' is not one of 'auto'")


def test_rpc_url_nobody_answers_is_a_one_line_error(refused_url):
    env = {"ROLLUP_HARNESS_PRIVATE_KEY": KEY, RPC_RETRIES_ENV: "0"}
    result = invoke("doctor", "--backend", "rpc", "--rpc-url", refused_url, env=env)
    assert_one_line_error(result, f"no JSON-RPC node answers at {refused_url}")


@pytest.mark.parametrize("fork", ["osaka", "london"])
def test_a_fork_the_backend_lacks_is_a_one_line_error(fork):
    assert_one_line_error(invoke("doctor", "--backend", "eth-tester", "--fork", fork), fork)
