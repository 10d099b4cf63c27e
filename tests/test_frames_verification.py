"""Verification gas read from call frames: finalises split into intrinsic, verification and the
rollup's own execution, to the gas unit, on both local EVMs."""

from __future__ import annotations

import pytest

from harness.aggregation.choice import StrategyChoice
from harness.l2.workload import genesis
from harness.onchain.attribution import frames_field, gas_breakdown
from harness.onchain.receipt_stack import deploy_for_receipts
from harness.onchain.target import HARNESS_TARGET
from harness.records.txlog import TxLog, read_txlog
from harness.risc0.reference import reference_groth16
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool, run_scenario


def _settle(chain, tmp_path, **fields):
    """Run a small scenario on ``chain``; returns its verifier stack and the mined
    transactions by kind."""
    config = RunConfig(txs_per_batch=2, strategy=StrategyChoice.parse("none"), **fields)
    name = f"{chain.info.backend}-{config.onchain}"
    log = tmp_path / f"{name}.jsonl"
    info = chain.info
    with make_pool(config) as pool, TxLog(log, backend=info.backend, fork=info.fork) as txlog:
        stack = deploy_stack(chain, config, pool, ScenarioRecorder(txlog, "main", "none"))
        deployed = HARNESS_TARGET.deploy(stack, genesis(config.seed).root())
        run_scenario(
            chain,
            config,
            txlog=txlog,
            receipts_dir=tmp_path / f"{name}-receipts",
            pool=pool,
            deployed=deployed,
        )
    txs: dict[str, list] = {}
    for record in read_txlog(log):
        txs.setdefault(record.kind, []).append(chain.mined(record.tx_hash))
    return stack, txs


def test_a_groth16_finalise_splits_into_parts_that_add_up_on_anvil(chain_factory, tmp_path):
    stack, txs = _settle(chain_factory("anvil"), tmp_path, proofs=2)
    for tx in txs["finalize"]:
        parts = gas_breakdown(stack, tx)
        assert parts.total == tx.gas_used
        assert parts.intrinsic == tx.calldata.intrinsic_gas  # no floor, no refund
        calls = parts.frames.root.calls  # the rollup hashes its journal, then calls the router
        (router_call,) = [call for call in calls if call.callee in stack.roles]
        assert router_call.callee == stack.router.address
        assert parts.verification == router_call.gas_used
        assert parts.rollup == parts.frames.execution_gas - router_call.gas_used > 0
        roles = parts.own_gas_by_role()
        assert set(roles) == {"router", "emergency stop", "Groth16 verifier"}
    for tx in txs["commit"]:  # no verification; the calldata floor binds
        parts = gas_breakdown(stack, tx)
        assert parts.verification == 0 and parts.total == tx.gas_used
        assert parts.intrinsic == max(
            tx.calldata.intrinsic_gas, tx.gas_used - parts.frames.root.gas_used
        )


def test_routed_verification_is_the_bare_verify_plus_the_routing_frames(chain_factory):
    chain = chain_factory("anvil")
    real = reference_groth16()
    stack = deploy_for_receipts(chain, [real])
    args = (real.seal, real.image_id, real.journal_digest)
    bare = chain.transact(stack.verifiers[real.seal[:4]], "verify", *args)
    routed = gas_breakdown(stack, chain.transact(stack.router, "verify", *args))
    routing = routed.own_gas_by_role()
    bare_execution = bare.gas_used - bare.calldata.intrinsic_gas
    assert routed.verification == bare_execution + routing["router"] + routing["emergency stop"]
    assert (routed.intrinsic, routed.rollup) == (bare.calldata.intrinsic_gas, 0)
    assert gas_breakdown(stack, bare).verification == bare_execution


@pytest.mark.ethtester
@pytest.mark.parametrize("onchain", ["range", "set"])
def test_frames_agree_on_anvil_and_eth_tester(chain_factory, tmp_path, onchain):
    fields = {"proofs": 1, "onchain": onchain}
    on_anvil = _settle(chain_factory("anvil"), tmp_path, **fields)
    on_tester = _settle(chain_factory("eth-tester"), tmp_path, **fields)
    settling = ("finalize", "submit_root")

    def fields_of(settled):
        stack, txs = settled
        return [frames_field(stack, tx) for kind in settling for tx in txs.get(kind, [])]

    assert fields_of(on_tester) == fields_of(on_anvil)
    assert len(fields_of(on_anvil)) == (1 if onchain == "range" else 2)
