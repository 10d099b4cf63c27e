"""End to end on Proposals.sol, through rollup-harness's pytest fixtures only.

Every aggregation strategy settles in range and in set mode and ends at the state root the
reference model computes; the first proof of each range run costs what gas-snapshot.json says.
"""

from __future__ import annotations

import pytest

#: Batches per strategy: enough for each to aggregate, few enough to stay quick.
PROOFS = {"none": 3, "single": 4, "two": 4, "three": 4}


def _settles(summary, proofs: int) -> None:
    assert summary.outcome.onchain_state_root == summary.reference_state_root
    assert summary.batches_finalized == proofs
    assert summary.verifications == summary.outcome.model.aggregated_count


@pytest.mark.parametrize("chain", ["anvil"], indirect=True)
@pytest.mark.parametrize("onchain", ["range", "set"])
@pytest.mark.parametrize("strategy", list(PROOFS))
def test_every_strategy_settles_on_anvil(rollup_run, gas_snapshot, strategy, onchain):
    proofs = PROOFS[strategy]
    _settles(rollup_run(proofs, strategy=strategy, onchain=onchain, txs_per_batch=10), proofs)
    gas_snapshot.record(f"{onchain}/{strategy}/first-prove", kind="finalize")


@pytest.mark.parametrize("chain", ["eth-tester"], indirect=True)
@pytest.mark.parametrize(("strategy", "onchain"), [("single", "range"), ("two", "set")])
def test_py_evm_settles_the_same_way(rollup_run, strategy, onchain):
    _settles(rollup_run(3, strategy=strategy, onchain=onchain, txs_per_batch=10), 3)


@pytest.mark.parametrize("chain", ["anvil"], indirect=True)
def test_proposing_costs_what_the_snapshot_says(rollup_run, gas_snapshot):
    rollup_run(2, strategy="none", txs_per_batch=100)
    gas_snapshot.record("propose/100-transfers", kind="commit")
    gas_snapshot.record("deploy/Proposals", kind="deploy", label="Proposals")
