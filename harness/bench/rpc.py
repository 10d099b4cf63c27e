"""The harness's transactions per second against anvil, next to a raw JSON-RPC loop.

Both send the same transaction (a rollup ``commitBatch`` of a small fixed batch) the same
number of times, each waiting for its receipt, in the same run on the same node.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import requests

from harness.chain.base import Chain
from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID
from harness.l2.workload import batches
from harness.onchain.rollup import RollupClient, deploy_rollup
from harness.records.txlog import TxLog
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool


@dataclass(frozen=True)
class RpcBench:
    """Transactions per second by the harness and by a raw JSON-RPC loop."""

    transactions: int
    harness_seconds: float
    raw_seconds: float

    @property
    def harness_tps(self) -> float:
        """Harness transactions per second."""
        return self.transactions / self.harness_seconds

    @property
    def raw_tps(self) -> float:
        """Raw JSON-RPC transactions per second."""
        return self.transactions / self.raw_seconds


def _rollup(chain: Chain, txlog: TxLog) -> RollupClient:
    config = RunConfig(proofs=1, prover="mock")
    stack = deploy_stack(chain, config, make_pool(config), ScenarioRecorder(txlog, "bench", ""))
    return deploy_rollup(
        stack,
        batch_image_id=BATCH_IMAGE_ID,
        aggregator_image_id=AGGREGATOR_IMAGE_ID,
        genesis_state_root=b"\x00" * 32,
    )


def _raw_loop(url: str, sender: str, to: str, data: bytes, gas: int, count: int) -> float:
    session = requests.Session()
    ids = itertools.count()

    def rpc(method: str, params: list) -> object:
        body = {"jsonrpc": "2.0", "id": next(ids), "method": method, "params": params}
        return session.post(url, json=body, timeout=30).json()["result"]

    tx = {"from": sender, "to": to, "data": "0x" + data.hex(), "gas": hex(gas)}
    started = time.perf_counter()
    for _ in range(count):
        tx_hash = rpc("eth_sendTransaction", [tx])
        while rpc("eth_getTransactionReceipt", [tx_hash]) is None:
            time.sleep(0.001)
    return time.perf_counter() - started


def bench_rpc(chain: Chain, txlog: TxLog, transactions: int = 300) -> RpcBench:
    """Send ``transactions`` commits through the harness, then as many through raw JSON-RPC."""
    rollup = _rollup(chain, txlog)
    data = batches(1, 10)[0].encode()
    started = time.perf_counter()
    for index in range(1, transactions + 1):
        rollup.commit(index, data)
    harness_seconds = time.perf_counter() - started
    calldata = bytes.fromhex(rollup.contract.encode_abi("commitBatch", args=[data])[2:])
    url = chain.w3.provider.endpoint_uri  # type: ignore[attr-defined]
    raw_seconds = _raw_loop(
        url, chain.sender, rollup.address, calldata, chain.tx_gas_limit, transactions
    )
    return RpcBench(transactions, harness_seconds, raw_seconds)
