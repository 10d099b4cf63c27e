"""A node that refuses, stalls or fails: the harness retries within its bounds, then stops with
one line, never hangs, and never records (or mines) a transaction twice.

The faults come from local fakes on 127.0.0.1: a closed port, a socket that accepts and never
answers, and a proxy in front of anvil that can answer HTTP 503 or drop a forwarded answer.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from command_line import assert_one_line_error, invoke
from node_requests import rpc
from rpc_proxy import FAIL, FORWARD, LOSE_ANSWER, Proxy

from harness.chain.anvil import AnvilProcess
from harness.chain.backends import LOCAL_ACCOUNTS, LOCAL_BALANCE_WEI, open_chain
from harness.chain.transport import RPC_RETRIES_ENV, RPC_TIMEOUT_ENV, RpcPolicy
from harness.common.errors import UsageError
from harness.records.txlog import read_txlog

pytestmark = pytest.mark.slow

KEY = "0x" + "00" * 31 + "01"  # the key of LOCAL_ACCOUNTS[0]
SENDER = LOCAL_ACCOUNTS[0]
#: Short timeouts keep every failure in this file within a few seconds.
FAST = {RPC_TIMEOUT_ENV: "0.5", RPC_RETRIES_ENV: "2"}
#: For a node that never answers: every try waits out its timeout, so a shorter one.
NO_ANSWER = {RPC_TIMEOUT_ENV: "0.2", RPC_RETRIES_ENV: "2"}
#: What the harness may spend beyond its retry bound on its own work within a timed span
#: (reading options, making the chain client, writing records, printing the error): a tenth
#: of a second on an idle machine, still well under a second with every core busy (the other
#: test workers); far below the 30 s one request takes with the default timeout.
OWN_WORK_ALLOWANCE_S = 3.0


def _harness(*args: str, env: dict[str, str] | None = None) -> Result:
    """``rollup-harness ARGS`` in this process, with the test key and ``env`` set for it; an
    exception other than the command's exit is raised here, with its traceback."""
    result = invoke(*args, env={"ROLLUP_HARNESS_PRIVATE_KEY": KEY, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def _bound(env: dict[str, str]) -> float:
    policy = RpcPolicy(float(env[RPC_TIMEOUT_ENV]), int(env[RPC_RETRIES_ENV]))
    return policy.worst_case_seconds


# -- nobody answers ----------------------------------------------------------------------------
def _run_failing_within_the_retry_bound(url: str, out: Path) -> str:
    """``run`` against ``url`` with short timeouts: its one error line, checked to have come
    within the retry bound (and the harness's own work)."""
    began = time.monotonic()  # the monotonic clock: the command's own span, in this process
    result = _harness(
        "run",
        "--backend",
        "rpc",
        "--rpc-url",
        url,
        "--proofs",
        "1",
        "--out",
        str(out),
        env=NO_ANSWER,
    )
    ended = time.monotonic()
    line = assert_one_line_error(result, "error: ")
    assert ended - began < _bound(NO_ANSWER) + OWN_WORK_ALLOWANCE_S
    return line


def test_a_refused_connection_ends_the_run_with_one_line_within_the_retry_bound(
    refused_url, tmp_path
):
    line = _run_failing_within_the_retry_bound(refused_url, tmp_path / "out")
    assert f"no JSON-RPC node answers at {refused_url}" in line
    assert "after 2 retries" in line


@pytest.fixture
def stalled_url() -> Iterator[str]:
    """A port that accepts connections and never answers a request."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


def test_a_stalled_node_ends_the_run_with_one_line_within_the_retry_bound(stalled_url, tmp_path):
    line = _run_failing_within_the_retry_bound(stalled_url, tmp_path / "out")
    assert "no answer within 0.2 s" in line and "after 2 retries" in line


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_timeout_setting_is_a_usage_error(monkeypatch, value):
    monkeypatch.setenv(RPC_TIMEOUT_ENV, value)
    with pytest.raises(UsageError, match=RPC_TIMEOUT_ENV):
        RpcPolicy.from_env()


# -- a proxy in front of anvil -----------------------------------------------------------------
@pytest.fixture
def node() -> Iterator[str]:
    """A fresh anvil whose first account (the test key's) is funded."""
    anvil = AnvilProcess(fork="prague", gas_limit=60_000_000, tx_gas_cap=False, chain_id=31337)
    try:
        rpc(anvil.url, "anvil_setBalance", [SENDER, hex(LOCAL_BALANCE_WEI)])
        yield anvil.url
    finally:
        anvil.stop()


@pytest.fixture
def proxy(node) -> Iterator[Proxy]:
    served = Proxy(node)
    yield served
    served.close()


def _run_via(proxy: Proxy, out: Path, *extra: str, env=FAST) -> Result:
    return _harness(
        "run",
        "--backend",
        "rpc",
        "--rpc-url",
        proxy.url,
        "--prover",
        "mock",
        "--strategy",
        "none",
        "--proofs",
        "4",
        "--txs-per-batch",
        "5",
        "--da",
        "calldata",
        "--out",
        str(out),
        *extra,
        env=env,
    )


def _assert_every_sent_tx_recorded_once(node: str, out: Path) -> list[str]:
    hashes = [record.tx_hash for record in read_txlog(out / "txs.jsonl")]
    assert len(hashes) == len(set(hashes)), "a transaction is recorded twice"
    sent = int(rpc(node, "eth_getTransactionCount", [SENDER, "latest"]), 16)
    assert sent == len(hashes), f"{sent} transactions mined, {len(hashes)} recorded"
    return hashes


def _assert_settled(out: Path) -> None:
    summary = json.loads((out / "summary.json").read_text())
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    assert summary["batches_finalized"] == 4


def test_a_node_that_fails_for_a_moment_does_not_stop_the_run(proxy, node, tmp_path):
    proxy.decide = lambda method, number: FAIL if number in (12, 13, 30) else FORWARD
    result = _run_via(proxy, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    _assert_settled(tmp_path / "out")
    _assert_every_sent_tx_recorded_once(node, tmp_path / "out")


def test_a_send_whose_answer_is_lost_is_mined_and_recorded_once(proxy, node, tmp_path):
    lost: list[int] = []

    def decide(method: str, number: int) -> str:
        if method == "eth_sendRawTransaction" and len(lost) < 3 and proxy.seen[method] % 4 == 2:
            lost.append(number)
            return LOSE_ANSWER
        return FORWARD

    proxy.decide = decide
    result = _run_via(proxy, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert len(lost) == 3
    _assert_settled(tmp_path / "out")
    _assert_every_sent_tx_recorded_once(node, tmp_path / "out")


def test_a_node_that_stays_down_stops_the_run_with_one_line_and_resume_finishes_it(
    proxy, node, tmp_path
):
    out = tmp_path / "out"
    proxy.decide = lambda method, number: FORWARD if number <= 60 else FAIL
    result = _run_via(proxy, out)
    ended = time.monotonic()  # the clock the proxy's thread stamps its first failure with
    line = assert_one_line_error(result, "error: ")
    assert proxy.first_failure is not None
    assert ended - proxy.first_failure < _bound(FAST) + OWN_WORK_ALLOWANCE_S
    assert "HTTP 503" in line and f"--resume {out}" in line
    recorded = [record.tx_hash for record in read_txlog(out / "txs.jsonl")]
    mined = int(rpc(node, "eth_getTransactionCount", [SENDER, "latest"]), 16)
    assert recorded and all(rpc(node, "eth_getTransactionReceipt", [h]) for h in recorded)
    assert mined - len(recorded) in (0, 1), "only the transaction in flight may be unrecorded"

    proxy.decide = lambda method, number: FORWARD
    resumed = _harness("run", "--resume", str(out), env=FAST)
    assert resumed.exit_code == 0, resumed.stderr
    _assert_settled(out)
    assert _assert_every_sent_tx_recorded_once(node, out)[: len(recorded)] == recorded


def test_a_send_after_another_client_used_the_account_takes_the_next_nonce(node, monkeypatch):
    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", KEY)
    with open_chain("rpc", rpc_url=node) as chain:
        first = chain.send(SENDER, b"\x01")
        rpc(node, "anvil_impersonateAccount", [SENDER])
        rpc(node, "eth_sendTransaction", [{"from": SENDER, "to": SENDER, "gas": "0x5208"}])
        second = chain.send(SENDER, b"\x02")
    assert second.block > first.block + 1
    assert int(rpc(node, "eth_getTransactionCount", [SENDER, "latest"]), 16) == 3


def test_a_run_on_a_deployed_rollup_resumes_where_its_records_left_it(proxy, node, tmp_path):
    manifest = tmp_path / "manifest.json"
    deployed = _harness(
        "deploy", "--rpc-url", node, "--verifier", "mock", "--manifest", str(manifest)
    )
    assert deployed.exit_code == 0, deployed.stderr
    out = tmp_path / "out"
    proxy.decide = lambda method, number: (
        FAIL if method == "eth_sendRawTransaction" and proxy.seen[method] > 2 else FORWARD
    )
    assert_one_line_error(_run_via(proxy, out, "--manifest", str(manifest)), "error: ")
    assert [r.kind for r in read_txlog(out / "txs.jsonl")] == ["commit", "commit"]

    proxy.decide = lambda method, number: FORWARD
    resumed = _harness("run", "--resume", str(out), env=FAST)
    assert resumed.exit_code == 0, resumed.stderr
    _assert_settled(out)
    hashes = [record.tx_hash for record in read_txlog(out / "txs.jsonl")]
    assert len(hashes) == len(set(hashes)) == 8
