"""Aggregation forests: the off-chain proving work a strategy implies (DESIGN §6).

Leaves are batch proofs, one per batch index. Level ``k`` groups ``levels[k-1]`` consecutive
nodes of level ``k-1`` under one aggregator node, whose range is the union of its children's
contiguous ranges. The top level's nodes are the roots submitted on chain; without aggregation the
leaves themselves are the roots. What a node's journal contains is decided from its range
elsewhere; a forest only fixes the ranges and who proves over whom.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from harness.aggregation.strategies import Strategy, require_proof_count


@dataclass(frozen=True, slots=True)
class Node:
    """One proof of the forest: a batch proof (level 0) or an aggregator over ``children``."""

    level: int
    first: int
    last: int
    children: tuple[Node, ...] = ()

    @property
    def is_leaf(self) -> bool:
        """True for a batch proof, False for an aggregator."""
        return not self.children

    @property
    def size(self) -> int:
        """Number of batches the node's range covers."""
        return self.last - self.first + 1


@dataclass(frozen=True)
class Forest:
    """The nodes of an aggregation forest, level by level: ``levels[0]`` leaves, last the roots."""

    strategy: Strategy
    levels: tuple[tuple[Node, ...], ...]

    @property
    def leaves(self) -> tuple[Node, ...]:
        """The batch proofs, in batch order."""
        return self.levels[0]

    @property
    def roots(self) -> tuple[Node, ...]:
        """The proofs submitted on chain, in batch order: ``ceil(N / factor)`` of them."""
        return self.levels[-1]

    @property
    def depth(self) -> int:
        """Number of aggregation levels above the leaves (0 without aggregation)."""
        return len(self.levels) - 1

    @property
    def node_count(self) -> int:
        """Every proof to generate, batch proofs and aggregators: the proving work."""
        return sum(len(level) for level in self.levels)

    @property
    def aggregator_count(self) -> int:
        """Aggregation proofs to generate (node count less the batch proofs)."""
        return self.node_count - len(self.leaves)

    @property
    def max_fan_out(self) -> int:
        """Most children any aggregator has (0 without aggregation)."""
        return max((len(node.children) for node in self.aggregators()), default=0)

    def nodes(self) -> Iterator[Node]:
        """Every node bottom-up, so each node comes after all of its children."""
        for level in self.levels:
            yield from level

    def aggregators(self) -> Iterator[Node]:
        """Every aggregator node bottom-up."""
        for level in self.levels[1:]:
            yield from level

    def to_json(self) -> dict[str, Any]:
        """The forest's shape for a run record: strategy, counts and the roots' ranges."""
        return {
            "strategy": self.strategy.name,
            "leaves": len(self.leaves),
            "depth": self.depth,
            "max_fan_out": self.max_fan_out,
            "node_count": self.node_count,
            "roots": [[root.first, root.last] for root in self.roots],
        }


def build_forest(leaf_count: int, strategy: Strategy, *, first_batch: int = 1) -> Forest:
    """The forest ``strategy`` builds over ``leaf_count`` batches numbered from ``first_batch``."""
    require_proof_count(leaf_count)
    if first_batch < 1:
        raise ValueError(f"batch indices start at 1, got first_batch={first_batch}")
    level = tuple(Node(0, index, index) for index in range(first_batch, first_batch + leaf_count))
    levels = [level]
    for height, fan_out in enumerate(strategy.levels, start=1):
        level = tuple(
            Node(height, group[0].first, group[-1].last, group)
            for group in (level[i : i + fan_out] for i in range(0, len(level), fan_out))
        )
        levels.append(level)
    return Forest(strategy, tuple(levels))
