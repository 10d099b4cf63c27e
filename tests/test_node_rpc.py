"""Transactions to anvil as plain JSON-RPC on one kept-alive connection: the transactions and
results web3 gives, one request per transaction, and faults, reverts and transactions the
node does not mine handled as through web3.

The faults come from local fakes on 127.0.0.1: a closed port, a socket that accepts and never
answers, and a proxy in front of anvil (:mod:`rpc_proxy`).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from rpc_proxy import FAIL, FORWARD, LOSE_ANSWER, NO_METHOD, Proxy

from harness.chain.anvil import AnvilProcess, free_port
from harness.chain.backends import LOCAL_CHAIN_ID, anvil_node_chain
from harness.chain.base import Chain, Reverted
from harness.chain.direct import SEND, SYNC_SEND
from harness.chain.keepalive import KeepAliveProvider
from harness.chain.transport import (
    RPC_RETRIES_ENV,
    RPC_TIMEOUT_ENV,
    NodeUnavailable,
    NotMined,
    RpcPolicy,
)

pytestmark = [pytest.mark.anvil, pytest.mark.slow]

FAST = {RPC_TIMEOUT_ENV: "0.5", RPC_RETRIES_ENV: "2"}
BOUND_S = RpcPolicy(0.5, 2).worst_case_seconds + 2.0
#: For a node that never answers: each try ends at its timeout, so a short one keeps the test
#: short (some 1.4 s in all, against 2.3 s with FAST's).
NO_ANSWER = RpcPolicy(0.2, 2)
#: How long a test waits for a transaction the node holds unmined.
NOT_MINED_S = 0.3
GAS_LIMIT = 60_000_000


@pytest.fixture
def anvil() -> Iterator[AnvilProcess]:
    process = AnvilProcess(
        fork="prague", gas_limit=GAS_LIMIT, tx_gas_cap=False, chain_id=LOCAL_CHAIN_ID
    )
    yield process
    process.stop()


@pytest.fixture
def proxy(anvil) -> Iterator[Proxy]:
    served = Proxy(anvil.url)
    yield served
    served.close()


@pytest.fixture
def fast(monkeypatch) -> None:
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def chain_at(fast) -> Iterator:
    """Open chains on a node URL with the short transport policy; closed after the test."""
    opened: list[Chain] = []

    def open_at(url: str) -> Chain:
        chain = anvil_node_chain(url, "prague", GAS_LIMIT)
        opened.append(chain)
        return chain

    yield open_at
    for chain in opened:
        chain.close()


def _sent(chain: Chain) -> int:
    return chain.w3.eth.get_transaction_count(chain.sender, "latest")


# -- the same transactions as through web3 -----------------------------------------------------
def test_a_direct_send_mines_what_web3_sends_and_reads_back_the_same(chain_factory, probe_artifact):
    direct, through_web3 = chain_factory("anvil"), chain_factory("anvil")
    through_web3.direct = None
    results = []
    for chain in (direct, through_web3):
        deployed = chain.deploy(probe_artifact, 3)
        heavy = chain.transact(deployed.contract, "heavy", b"", b"\x01" * 300)
        with pytest.raises(Reverted) as reverted:
            chain.transact(deployed.contract, "need", 100)
        assert (reverted.value.error.name, reverted.value.error.args) == ("Insufficient", (8, 100))
        results.append((deployed.tx, heavy, reverted.value.tx))
    assert results[0] == results[1], "hashes, blocks, gas and created address must agree"
    for ours, theirs in zip(results[0], results[1], strict=True):
        assert [_event(log) for log in ours.logs] == [_event(log) for log in theirs.logs]
        read_back = direct.mined(ours.tx_hash)
        assert read_back == ours and read_back.logs == ours.logs, "web3's own reading"
    assert results[0][1].logs, "heavy emits an event"


def _event(log) -> tuple:
    """What a log says, apart from its block's hash and time (the two chains' clocks differ)."""
    return log.address, log.topics, log.data, log.logIndex, log.transactionHash


def test_a_send_is_one_request(proxy, chain_at):
    chain = chain_at(proxy.url)
    chain.send(chain.sender, b"\x01")
    before = sum(proxy.seen.values())
    chain.send(chain.sender, b"\x02")
    assert sum(proxy.seen.values()) - before == 1
    assert chain.direct is not None and chain.direct.send_method == SYNC_SEND


def test_a_node_without_the_sync_send_gets_a_send_and_receipt_polls(proxy, chain_at):
    proxy.decide = lambda method, number: NO_METHOD if method == SYNC_SEND else FORWARD
    chain = chain_at(proxy.url)
    first = chain.send(chain.sender, b"\x01")
    second = chain.send(chain.sender, b"\x02")
    assert chain.mined(first.tx_hash) == first and chain.mined(second.tx_hash) == second
    assert chain.direct is not None and chain.direct.send_method == SEND
    assert proxy.seen[SYNC_SEND] == 1, "a node that lacks the method is asked once"
    assert proxy.seen[SEND] == 2 and proxy.seen["eth_getTransactionReceipt"] >= 2


# -- faults ------------------------------------------------------------------------------------
def test_failures_for_a_moment_are_retried(proxy, chain_at):
    chain = chain_at(proxy.url)
    failing = {proxy.seen[SYNC_SEND] + 1, proxy.seen[SYNC_SEND] + 3}

    def decide(method: str, number: int) -> str:
        return FAIL if method == SYNC_SEND and proxy.seen[method] in failing else FORWARD

    proxy.decide = decide
    results = [chain.send(chain.sender, bytes([i])) for i in range(1, 5)]
    assert [chain.mined(r.tx_hash) for r in results] == results
    assert _sent(chain) == 4


def test_a_send_whose_answer_is_lost_is_mined_once(proxy, chain_at):
    chain = chain_at(proxy.url)
    lost: list[int] = []

    def decide(method: str, number: int) -> str:
        if method == SYNC_SEND and proxy.seen[method] in (2, 4):
            lost.append(number)
            return LOSE_ANSWER
        return FORWARD

    proxy.decide = decide
    results = [chain.send(chain.sender, bytes([i])) for i in range(1, 5)]
    assert len(lost) == 2
    assert len({r.tx_hash for r in results}) == 4 and _sent(chain) == 4
    assert [chain.mined(r.tx_hash) for r in results] == results


def test_a_node_that_stays_down_is_one_line_within_the_retry_bound(proxy, chain_at):
    chain = chain_at(proxy.url)
    proxy.decide = lambda method, number: FAIL
    started = time.monotonic()
    with pytest.raises(NodeUnavailable) as raised:
        chain.send(chain.sender, b"\x01")
    assert time.monotonic() - started < BOUND_S
    message = str(raised.value)
    assert f"the node at {proxy.url} stopped answering" in message
    assert "HTTP 503" in message and "after 2 retries" in message and "\n" not in message


def test_a_request_that_is_not_retried_fails_at_once_and_says_so(proxy, chain_at):
    chain = chain_at(proxy.url)
    snapshot = chain.snapshot()
    proxy.decide = lambda method, number: FAIL if method == "evm_revert" else FORWARD
    with pytest.raises(NodeUnavailable, match="evm_revert is not retried"):
        chain.revert(snapshot)
    assert proxy.seen["evm_revert"] == 1


def test_a_refused_connection_is_one_line_within_the_retry_bound():
    provider = KeepAliveProvider(f"http://127.0.0.1:{free_port()}", RpcPolicy(0.5, 2))
    started = time.monotonic()
    with pytest.raises(NodeUnavailable, match="connection refused or dropped, after 2 retries"):
        provider.make_request("eth_chainId", [])
    assert time.monotonic() - started < BOUND_S
    assert provider.is_connected() is False


def test_a_stalled_node_is_one_line_within_the_retry_bound():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        provider = KeepAliveProvider(url, NO_ANSWER)
        started = time.monotonic()
        with pytest.raises(NodeUnavailable, match=r"no answer within 0\.2 s, after 2 retries"):
            provider.make_request("eth_blockNumber", [])
        assert time.monotonic() - started < NO_ANSWER.worst_case_seconds + 2.0
        provider.close()


# -- not mined ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sync", [True, False], ids=["sync-send", "receipt-polls"])
def test_a_transaction_the_node_does_not_mine_is_not_mined_within_the_timeout(
    anvil, chain_at, sync
):
    chain = chain_at(anvil.url)
    assert chain.direct is not None
    chain.direct.sync = sync
    chain.receipt_timeout = NOT_MINED_S
    chain.w3.provider.make_request("evm_setAutomine", [False])
    started = time.monotonic()
    with pytest.raises(NotMined, match=f"not mined within {NOT_MINED_S:g} s"):
        chain.send(chain.sender, b"\x01")
    assert time.monotonic() - started < BOUND_S + NOT_MINED_S
    chain.w3.provider.make_request("evm_setAutomine", [True])
    chain.w3.provider.make_request("evm_mine", [])
    assert _sent(chain) == 1, "the transaction the node held is mined once it mines"
    assert chain.send(chain.sender, b"\x02").status == 1


def test_a_nonce_held_by_a_transaction_the_node_does_not_mine_names_the_nodes_answer(
    anvil, chain_at
):
    chain = chain_at(anvil.url)
    chain.receipt_timeout = NOT_MINED_S
    chain.w3.provider.make_request("evm_setAutomine", [False])
    chain.w3.provider.make_request("eth_sendTransaction", [{"from": chain.sender, "nonce": "0x0"}])
    chain._nonces[chain.sender] = 0  # as if the held transaction were unknown to the harness
    with pytest.raises(
        NotMined,
        match=r'the node answered "[^"]+" and holds a transaction of .* '
        rf"with nonce 0 that was not mined within {NOT_MINED_S:g} s",
    ):
        chain.send(chain.sender, b"\x01")
    chain.w3.provider.make_request("evm_setAutomine", [True])
    chain.w3.provider.make_request("evm_mine", [])
    assert _sent(chain) == 1
