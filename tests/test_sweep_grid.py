"""The sweep's grid: what it runs, and the bad input it refuses before any work."""

from __future__ import annotations

import pytest

from harness.aggregation.choice import StrategyChoice
from harness.common.errors import UsageError
from harness.costmodel.decider import decide
from harness.sweep.grid import EXTRA_MAX_PROOFS, SweepPlan


def test_plan_refuses_an_empty_proof_list():
    with pytest.raises(UsageError, match="proofs is empty"):
        SweepPlan(proofs=(), backend="anvil")


def test_plan_refuses_a_fork_the_backend_lacks():
    with pytest.raises(UsageError, match="eth-tester cannot run fork 'osaka'"):
        SweepPlan(proofs=(3,), forks=("prague", "osaka"), backend="eth-tester")


def test_an_unknown_strategy_is_refused_where_it_is_parsed():
    with pytest.raises(UsageError, match="unknown strategy 'four'"):
        StrategyChoice.parse("four")


def _choices(*names: str) -> tuple[StrategyChoice, ...]:
    return tuple(StrategyChoice.parse(name) for name in names)


def test_plan_sorts_proof_counts_and_drops_repeats():
    plan = SweepPlan(proofs=(50, 3, 50, 10), backend="anvil")
    assert plan.proofs == (3, 10, 50)


@pytest.mark.parametrize("proofs", [3, 6, 50, 51, 500, 501])
def test_auto_runs_the_deciders_strategy_once(proofs):
    plan = SweepPlan(
        proofs=(proofs,),
        strategies=_choices("auto", "none", "single", "two", "three"),
        backend="anvil",
    )
    names = [strategy.name for strategy in plan.strategies_for(proofs)]
    assert sorted(names) == sorted({"none", "single", "two", "three"})
    assert len(names) == len(set(names))
    assert decide(proofs).name in names


def test_exactly_one_scenario_per_proof_count_is_the_deciders_choice():
    plan = SweepPlan(proofs=(3, 150), backend="anvil")
    for proofs in plan.proofs:
        chosen = [s for s in plan.scenarios("prague", "range", proofs, 100) if s.decider_choice]
        assert [s.strategy for s in chosen] == [decide(proofs)]


def test_extra_batch_sizes_run_only_the_small_proof_counts():
    plan = SweepPlan(proofs=(3, 50, 150), extra_batch_sizes=(50, 100, 400), backend="anvil")
    groups = plan.groups("prague")
    assert [(g.txs_per_batch, g.proofs) for g in groups] == [
        (100, (3, 50, 150)),
        (50, (3, 50)),
        (400, (3, 50)),
    ]
    assert all(max(g.proofs) <= EXTRA_MAX_PROOFS for g in groups[1:])


def test_scenario_names_say_fork_batch_size_mode_count_and_strategy():
    plan = SweepPlan(proofs=(150,), strategies=_choices("two"), backend="anvil")
    (spec,) = plan.scenarios("osaka", "set", 150, 100)
    assert spec.name == "osaka/t100/set/n150/two"
