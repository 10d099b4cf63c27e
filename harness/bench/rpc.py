"""The harness's transactions per second against anvil, next to two raw JSON-RPC loops.

All three send the same transaction (a rollup ``commitBatch`` of a small fixed batch) the same
number of times, each waiting for its receipt, on the same node, with the JSON-RPC method the
harness sends with (``eth_sendTransactionSync`` on anvil, which answers with the receipt).
A raw loop is the least a client can do: one request per transaction (the prepared
transaction with its nonce) on one kept-alive connection. The first raw loop posts through
the standard library's ``http.client``; the second through the harness's own lean HTTP/1.1
exchange (:class:`~harness.chain.http11.Http11Connection`), so that the harness's rate beside
it shows the harness's own work per transaction (encoding, the receipt's result, the
record) and nothing of the transport. Each raw loop sends from a chain account of its own to
a rollup of its own whose sequencer that account is, so the loops never take each other's
nonces and their transactions cost the same gas. The loops take turns, one transaction each
(which goes first rotates), and only the sends are timed, so a node that slows down as its
chain grows, or a machine whose load changes, weighs on all alike.
"""

from __future__ import annotations

import gc
import itertools
import json
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from typing import Any
from urllib.parse import urlsplit

from harness.chain.base import Chain
from harness.chain.direct import RECEIPT, SEND, SYNC_SEND
from harness.chain.http11 import Http11Connection
from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID
from harness.common.errors import ChainError
from harness.l2.workload import batches
from harness.onchain.rollup import RollupClient, deploy_rollup
from harness.onchain.stack import VerifierStack
from harness.records.txlog import TxLog
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool

#: The raw loop's pause between two receipt polls (without the synchronous send).
RAW_POLL_S = 0.001
JSON_HEADERS = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class RpcBench:
    """Transactions per second by the harness and by the two raw JSON-RPC loops."""

    transactions: int
    method: str
    harness_seconds: float
    #: The raw loop over ``http.client``.
    raw_seconds: float
    #: The raw loop over the harness's own HTTP/1.1 exchange.
    lean_raw_seconds: float

    @property
    def harness_tps(self) -> float:
        """Harness transactions per second."""
        return self.transactions / self.harness_seconds

    @property
    def raw_tps(self) -> float:
        """The ``http.client`` raw loop's transactions per second."""
        return self.transactions / self.raw_seconds

    @property
    def lean_raw_tps(self) -> float:
        """The lean raw loop's transactions per second."""
        return self.transactions / self.lean_raw_seconds

    @property
    def ratio(self) -> float:
        """The harness's rate as a fraction of the ``http.client`` raw loop's."""
        return self.raw_seconds / self.harness_seconds

    @property
    def lean_ratio(self) -> float:
        """The harness's rate as a fraction of the lean raw loop's."""
        return self.lean_raw_seconds / self.harness_seconds

    def to_json(self) -> dict[str, Any]:
        """The rates, the ratios and what was measured, as one JSON object."""
        return {
            "transactions": self.transactions,
            "method": self.method,
            "harness_seconds": round(self.harness_seconds, 6),
            "raw_seconds": round(self.raw_seconds, 6),
            "lean_raw_seconds": round(self.lean_raw_seconds, 6),
            "harness_tx_per_s": round(self.harness_tps, 1),
            "raw_tx_per_s": round(self.raw_tps, 1),
            "lean_raw_tx_per_s": round(self.lean_raw_tps, 1),
            "ratio": round(self.ratio, 3),
            "ratio_to_lean_raw": round(self.lean_ratio, 3),
        }


class RawLoop:
    """Sends one prepared transaction again and again as bare JSON-RPC requests, on one
    kept-alive connection: ``http.client``'s, or with ``lean`` the harness's own."""

    def __init__(self, url: str, tx: dict[str, str], method: str, *, lean: bool = False) -> None:
        parts = urlsplit(url)
        host, port, path = parts.hostname or "", parts.port or 80, parts.path or "/"
        self._lean = Http11Connection(host, port, path, timeout=30) if lean else None
        self._standard = None if lean else HTTPConnection(host, port, timeout=30)
        self._path = path
        self._ids = itertools.count()
        self._method = method
        self._tx = tx
        self._nonce = int(self._rpc("eth_getTransactionCount", [tx["from"], "pending"]), 16)

    def _rpc(self, method: str, params: list[Any]) -> Any:
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        if self._standard is not None:
            self._standard.request("POST", self._path, json.dumps(body), JSON_HEADERS)
            answer = json.loads(self._standard.getresponse().read())
        else:
            assert self._lean is not None
            answer = json.loads(self._lean.post(json.dumps(body).encode()).body)
        if "error" in answer:
            raise ChainError(f"the raw loop's {method} failed: {answer['error']}")
        return answer["result"]

    def run(self, count: int) -> float:
        """Send the transaction ``count`` times, each mined before the next; the seconds taken."""
        started = time.perf_counter()
        for _ in range(count):
            params = [{**self._tx, "nonce": hex(self._nonce)}]
            self._nonce += 1
            if self._method == SYNC_SEND:
                receipt = self._rpc(SYNC_SEND, params)
            else:
                tx_hash = self._rpc(SEND, params)
                while (receipt := self._rpc(RECEIPT, [tx_hash])) is None:
                    time.sleep(RAW_POLL_S)
            if receipt["status"] != "0x1":
                raise ChainError(
                    f"the raw loop's transaction {receipt['transactionHash']} reverted"
                )
        return time.perf_counter() - started

    def close(self) -> None:
        """Close the connection."""
        for connection in (self._standard, self._lean):
            if connection is not None:
                connection.close()


def _stack(chain: Chain, txlog: TxLog) -> VerifierStack:
    config = RunConfig(proofs=1, prover="mock")
    return deploy_stack(chain, config, make_pool(config), ScenarioRecorder(txlog, "bench", ""))


def _rollup(stack: VerifierStack, sequencer: str) -> RollupClient:
    return deploy_rollup(
        stack,
        batch_image_id=BATCH_IMAGE_ID,
        aggregator_image_id=AGGREGATOR_IMAGE_ID,
        genesis_state_root=b"\x00" * 32,
        sequencer=sequencer,
    )


def bench_rpc(chain: Chain, txlog: TxLog, transactions: int = 300) -> RpcBench:
    """Send ``transactions`` commits through the harness and as many through each raw
    JSON-RPC loop, taking turns on ``chain`` (an anvil the harness started)."""
    if chain.direct is None:
        raise ChainError("bench rpc needs a node that signs for the senders (anvil)")
    stack = _stack(chain, txlog)
    ours = _rollup(stack, chain.sender)
    data = batches(1, 10)[0].encode()
    ours.commit(1, data)  # the harness's first send learns the sender's nonce and the method
    loops = [
        _raw_loop(chain, stack, account, data, lean) for account, lean in ((1, False), (2, True))
    ]
    # A full pass of the garbage collector over what the setup left (the compiled contracts,
    # web3's tables) takes a good part of a second: have it now, not inside one loop's timing.
    gc.collect()
    seconds = [0.0, 0.0, 0.0]
    try:
        for index in range(2, transactions + 2):
            for turn in range(3):
                which = (index + turn) % 3
                started = time.perf_counter()
                if which == 0:
                    ours.commit(index, data)
                else:
                    loops[which - 1].run(1)
                seconds[which] += time.perf_counter() - started
    finally:
        for loop in loops:
            loop.close()
    return RpcBench(transactions, chain.direct.send_method, *seconds)


def _raw_loop(chain: Chain, stack: VerifierStack, account: int, data: bytes, lean: bool) -> RawLoop:
    """A raw loop sending ``data``'s commit from chain account ``account`` to a rollup of its
    own, its first transaction sent (untimed)."""
    assert chain.direct is not None
    sender = chain.accounts[account]
    rollup = _rollup(stack, sender)
    calldata = bytes.fromhex(rollup.contract.encode_abi("commitBatch", args=[data])[2:])
    loop = RawLoop(
        chain.w3.provider.endpoint_uri,  # type: ignore[attr-defined]
        {
            "from": sender,
            "to": rollup.address,
            "data": "0x" + calldata.hex(),
            "gas": hex(chain.tx_gas_limit),
        },
        chain.direct.send_method,
        lean=lean,
    )
    loop.run(1)
    return loop
