"""Gas per call frame: the parts add up to gasUsed, follow the receipt, and agree across EVMs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from harness.chain.base import Reverted
from harness.chain.frames import FramesUnavailable, frames_from_parity, node_tracer
from harness.common.errors import ChainError
from harness.ethereum.calldata import calldata_cost
from harness.toolchain.solc import compile_sources

TESTS = Path(__file__).parent
#: EIP-3529: what clearing a slot that was non-zero before the transaction refunds.
SSTORE_CLEAR_REFUND = 4_800


@pytest.fixture(scope="module")
def probe_artifacts():
    return compile_sources([TESTS / "contracts" / "FrameProbe.sol"])


def _probe_txs(chain, artifacts):
    """The probe's transactions: a creation, refunds, a floor that binds, a caught revert,
    and one that runs out of gas; returns the callee's address and the mined transactions."""
    callee = chain.deploy(artifacts["FrameCallee"])
    probe = chain.deploy(artifacts["FrameProbe"], callee.address).contract
    txs = [
        callee.tx,
        chain.transact(probe, "clearBoth"),
        chain.transact(probe, "clearWith", b"\xff" * 4096),
        chain.transact(probe, "callRefused"),
    ]
    data = bytes.fromhex(probe.encode_abi("clearWith", args=[b"\xff" * 64])[2:])
    cost = calldata_cost(data, chain.info.fork)
    with pytest.raises(Reverted) as raised:  # too little gas for the cold slot's write
        chain.send(probe.address, data, gas=max(cost.intrinsic_gas, cost.floor_gas) + 3_000)
    return callee.address, [*txs, raised.value.tx]


def _traced(chain, artifacts):
    callee, txs = _probe_txs(chain, artifacts)
    return callee, [chain.frames(tx) for tx in txs]


def _check_parts(frames, callee: str) -> None:
    split = frames.split({callee})
    assert split.total == frames.gas_used
    assert split.chosen == frames.root.gas_in({callee})
    assert split.intrinsic >= frames.intrinsic_gas and split.rest >= 0
    if frames.gas_used > frames.floor_gas:  # the floor does not bind: a refund lowers the rest
        assert split.intrinsic == frames.intrinsic_gas
        assert split.rest == frames.execution_gas - split.chosen - frames.refund
    else:  # the floor binds: its excess over intrinsic + execution is intrinsic
        assert split.intrinsic == frames.gas_used - frames.execution_gas
        assert split.rest == frames.execution_gas - split.chosen


def test_parts_follow_the_receipt_with_refunds_floor_and_reverts(chain_factory, probe_artifacts):
    callee, traced = _traced(chain_factory("anvil"), probe_artifacts)
    for frames in traced:
        _check_parts(frames, callee)
    creation, clear_both, floor, caught, out_of_gas = traced
    assert creation.root.callee == callee and not creation.root.calls
    assert [frame.callee for frame in clear_both.root.calls] == [callee]
    spent = clear_both.intrinsic_gas + clear_both.execution_gas
    assert clear_both.refund == min(2 * SSTORE_CLEAR_REFUND, spent // 5)
    assert floor.gas_used == floor.floor_gas > floor.intrinsic_gas + floor.execution_gas
    assert [frame.callee for frame in caught.root.calls] == [callee] and caught.refund == 0
    assert out_of_gas.gas_used == out_of_gas.intrinsic_gas + out_of_gas.execution_gas


def test_probe_frames_are_identical_on_anvil_and_eth_tester(chain_factory, probe_artifacts):
    on_anvil = _traced(chain_factory("anvil"), probe_artifacts)
    on_tester = _traced(chain_factory("eth-tester"), probe_artifacts)
    assert _without_hashes(on_tester) == _without_hashes(on_anvil)


def _without_hashes(traced):
    callee, frames = traced
    return callee, [replace(f, tx_hash="") for f in frames]


def test_parity_traces_without_a_result_count_all_the_gas_they_had():
    traces = [
        {"type": "call", "traceAddress": [], "action": {"to": "0x" + "11" * 20, "gas": "0x100"},
         "result": {"gasUsed": "0x90"}},
        {"type": "call", "traceAddress": [0], "action": {"to": "0x" + "22" * 20, "gas": "0x40"},
         "error": "out of gas"},
    ]  # fmt: skip
    root = frames_from_parity(traces)
    assert (root.gas_used, root.calls[0].gas_used, root.own_gas) == (0x90, 0x40, 0x50)


def test_a_node_without_trace_methods_says_it_cannot_attribute(chain_factory):
    chain = chain_factory("eth-tester")  # web3's tester provider answers no trace_transaction
    with pytest.raises(FramesUnavailable, match="cannot trace transactions"):
        node_tracer(chain.w3)("0x" + "00" * 32)


@pytest.mark.parametrize("backend", ["anvil", "eth-tester"])
def test_a_transaction_the_chain_no_longer_has_cannot_be_traced(chain_factory, backend):
    chain = chain_factory(backend)
    snapshot = chain.snapshot()
    tx = chain.send(chain.accounts[1], b"")
    assert chain.frames(tx).execution_gas == 0
    chain.revert(snapshot)
    with pytest.raises(ChainError, match="is not on this chain"):
        chain.frames(tx)
    later = chain.send(chain.accounts[2], b"")  # mined where the first one was
    assert later.block == tx.block and chain.frames(later).root.callee == chain.accounts[2]
    with pytest.raises(ChainError, match="is not on this chain"):
        chain.frames(tx)
