"""Aggregation forests: ranges, roots and proving work of every strategy."""

from __future__ import annotations

import math
import operator
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.aggregation.forest import Forest, Node, build_forest
from harness.aggregation.strategies import Strategy, StrategyKind
from harness.common.errors import UsageError
from harness.costmodel.estimator import aggregated_count

pytestmark = pytest.mark.slow

MAX_LEAVES = 1200


def assert_tiles(nodes: tuple[Node, ...], first: int, last: int) -> None:
    """``nodes`` cover ``first..last`` exactly once, contiguously and in order."""
    starts = [node.first for node in nodes]
    ends = [node.last for node in nodes]
    assert (starts[0], ends[-1]) == (first, last)
    assert all(map(operator.le, starts, ends))
    assert starts[1:] == [end + 1 for end in ends[:-1]]


def assert_well_formed(forest: Forest, first: int, leaf_count: int) -> None:
    """Every level tiles the batches and every aggregator is the union of its children.

    Each level is checked whole, not node by node (the exhaustive test below builds some
    700,000 nodes): the children of a level's aggregators, in order, are the very nodes of
    the level below, and each aggregator spans its first child's first batch to its last
    child's last.
    """
    last = first + leaf_count - 1
    assert [(leaf.first, leaf.last) for leaf in forest.leaves] == [
        (index, index) for index in range(first, last + 1)
    ]
    for height, level in enumerate(forest.levels):
        assert_tiles(level, first, last)
        assert {node.level for node in level} == {height}
    for below, level in pairwise(forest.levels):
        children = [child for node in level for child in node.children]
        assert len(children) == len(below) and all(map(operator.is_, children, below))
        assert [(node.first, node.last) for node in level] == [
            (node.children[0].first, node.children[-1].last) for node in level
        ]


@pytest.mark.parametrize("kind", list(StrategyKind))
def test_roots_tile_every_batch_count_up_to_1200(kind: StrategyKind) -> None:
    strategy = Strategy.of(kind)
    for leaf_count in range(1, MAX_LEAVES + 1):
        forest = build_forest(leaf_count, strategy)
        assert_well_formed(forest, 1, leaf_count)
        assert len(forest.roots) == aggregated_count(leaf_count, strategy)
        assert len(forest.roots) == math.ceil(leaf_count / strategy.aggregation_factor)


@pytest.mark.parametrize("leaf_count", [1, 7, 1200])
def test_no_aggregation_roots_are_the_leaves(leaf_count: int) -> None:
    forest = build_forest(leaf_count, Strategy.of(StrategyKind.NONE))
    assert forest.roots == forest.leaves
    assert len(forest.roots) == leaf_count
    assert (forest.depth, forest.max_fan_out, forest.aggregator_count) == (0, 0, 0)


fan_outs = st.lists(st.integers(min_value=2, max_value=12), min_size=0, max_size=3)
kinds_by_depth = [StrategyKind.NONE, StrategyKind.SINGLE, StrategyKind.TWO, StrategyKind.THREE]


@given(
    levels=fan_outs,
    leaf_count=st.integers(min_value=1, max_value=MAX_LEAVES),
    first=st.integers(min_value=1, max_value=10_000),
)
def test_any_fan_out_builds_a_forest_of_contiguous_ranges(
    levels: list[int], leaf_count: int, first: int
) -> None:
    strategy = Strategy(kinds_by_depth[len(levels)], tuple(levels))
    forest = build_forest(leaf_count, strategy, first_batch=first)
    assert_well_formed(forest, first, leaf_count)
    assert len(forest.roots) == aggregated_count(leaf_count, strategy)
    assert forest.depth == len(levels)
    for node in forest.aggregators():
        assert 1 <= len(node.children) <= levels[node.level - 1]
    # Level k holds ceil(N / product of the first k fan-outs) proofs.
    assert forest.node_count == sum(
        math.ceil(leaf_count / math.prod(levels[:k])) for k in range(len(levels) + 1)
    )


def test_three_level_forest_over_1200_batches_records_its_proving_work() -> None:
    forest = build_forest(1200, Strategy.of(StrategyKind.THREE))
    assert forest.to_json() == {
        "strategy": "three",
        "leaves": 1200,
        "depth": 3,
        "max_fan_out": 10,
        "node_count": 1200 + 120 + 12 + 2,
        "roots": [[1, 1000], [1001, 1200]],
    }
    assert forest.aggregator_count == 134


def test_nodes_come_after_their_children() -> None:
    forest = build_forest(37, Strategy.of(StrategyKind.TWO, (3, 4)))
    seen: set[tuple[int, int, int]] = set()
    for node in forest.nodes():
        assert all((c.level, c.first, c.last) in seen for c in node.children)
        seen.add((node.level, node.first, node.last))
    assert len(seen) == forest.node_count


def test_small_batch_count_under_a_deep_strategy_still_has_one_root_per_level() -> None:
    forest = build_forest(6, Strategy.of(StrategyKind.THREE))
    assert [len(level) for level in forest.levels] == [6, 1, 1, 1]
    assert (forest.roots[0].first, forest.roots[0].last, forest.roots[0].size) == (1, 6, 6)


@pytest.mark.parametrize("leaf_count", [0, -3])
def test_forest_needs_at_least_one_batch(leaf_count: int) -> None:
    with pytest.raises(UsageError):
        build_forest(leaf_count, Strategy.of(StrategyKind.SINGLE))


def test_forest_rejects_batch_index_zero() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        build_forest(3, Strategy.of(StrategyKind.SINGLE), first_batch=0)
