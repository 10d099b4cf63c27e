"""End to end: every strategy and on-chain mode finalises the reference model's state root on
anvil, replayed receipts reproduce a run's seals and gas, and eth-tester (py-evm) records a
replayed run with the gas anvil did, transaction by transaction.

The strategies are not run on py-evm here: that it gives anvil's gas for every kind of
transaction they send (each strategy's finalise with range proofs, a set-root submission and a
finalise by set inclusion) is checked by the gas gate's backend comparison (test_gasgate.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.aggregation.choice import StrategyChoice
from harness.records.run_summary import RunSummary
from harness.records.txlog import TxLog, read_txlog
from harness.scenario.config import RunConfig
from harness.scenario.run import run_scenario

#: Batches per strategy: enough for the strategy to aggregate, small enough to stay fast.
PROOFS = {"none": 3, "single": 12, "two": 12, "three": 12}


def _run(chain, tmp_path: Path, name: str, **fields) -> tuple[RunSummary, list]:
    fields.setdefault("txs_per_batch", 10)
    fields["strategy"] = StrategyChoice.parse(fields.get("strategy", "auto"))
    log_path = tmp_path / f"{name}.jsonl"
    with TxLog(log_path, backend=chain.info.backend, fork=chain.info.fork) as txlog:
        summary = run_scenario(
            chain, RunConfig(**fields), txlog=txlog, receipts_dir=tmp_path / f"{name}-receipts"
        )
    return summary, list(read_txlog(log_path))


@pytest.mark.parametrize("onchain", ["range", "set"])
@pytest.mark.parametrize("strategy", list(PROOFS))
def test_every_strategy_finalises_the_reference_state_root(
    chain_factory, tmp_path, strategy, onchain
):
    proofs = PROOFS[strategy]
    summary, records = _run(
        chain_factory("anvil"), tmp_path, "run", proofs=proofs, strategy=strategy, onchain=onchain
    )
    assert summary.outcome.onchain_state_root == summary.reference_state_root
    assert summary.batches_finalized == proofs
    assert summary.verifications == summary.outcome.model.aggregated_count
    finalized = sorted(tuple(r.batches) for r in records if r.kind == "finalize")
    covered = [b for first, last in finalized for b in range(first, last + 1)]
    assert covered == list(range(1, proofs + 1))


def test_replayed_receipts_give_identical_gas_on_eth_tester_and_anvil(chain_factory, tmp_path):
    fields = {"proofs": 3, "strategy": "single", "onchain": "set"}
    _, on_anvil = _run(chain_factory("anvil"), tmp_path, "anvil", **fields)
    replay = f"replay:{tmp_path / 'anvil-receipts'}"
    _, on_tester = _run(chain_factory("eth-tester"), tmp_path, "tester", prover=replay, **fields)
    assert [(r.kind, r.label, r.gas_used) for r in on_tester] == [
        (r.kind, r.label, r.gas_used) for r in on_anvil
    ]


def test_replaying_recorded_receipts_reproduces_seals_and_gas(chain_factory, tmp_path):
    fields = {"proofs": 12, "strategy": "single"}
    _, made = _run(chain_factory("anvil"), tmp_path, "made", **fields)
    replay = f"replay:{tmp_path / 'made-receipts'}"
    summary, replayed = _run(chain_factory("anvil"), tmp_path, "replayed", prover=replay, **fields)
    assert [r.gas_used for r in replayed] == [r.gas_used for r in made]
    assert summary.outcome.proving.seals_made == 0
    assert summary.outcome.proving.seals_reused == summary.outcome.tree.node_count
    for original in (tmp_path / "made-receipts").glob("*.json"):
        again = json.loads((tmp_path / "replayed-receipts" / original.name).read_text())
        assert again["seal"] == json.loads(original.read_text())["seal"]


def test_aggregation_depth_does_not_change_finalisation_gas(chain_factory, tmp_path):
    chain = chain_factory("anvil")
    results = {}
    for strategy in ("two", "three"):
        summary, records = _run(chain, tmp_path, strategy, proofs=100, strategy=strategy)
        assert summary.verifications == 1
        results[strategy] = (summary.outcome.tree.depth, summary.gas.finalize)
    (depth_two, gas_two), (depth_three, gas_three) = results["two"], results["three"]
    assert depth_two != depth_three
    assert abs(gas_two - gas_three) / gas_two < 0.001
