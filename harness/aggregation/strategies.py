"""Aggregation strategies of the cost model: how many proofs one submitted proof stands for.

A strategy is a list of fan-outs, one per aggregation level, bottom level first. ``NoAggregation``
has no level; ``SingleLevel{batch_size}`` has one; ``TwoLevel{first, second}`` two;
``ThreeLevel{a, b, c}`` three. Their product is the total aggregation factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from harness.common.errors import UsageError


class StrategyKind(StrEnum):
    """The four strategy shapes, valued by their short names (the ``strategy`` metric label)."""

    NONE = "none"
    SINGLE = "single"
    TWO = "two"
    THREE = "three"


#: Number of aggregation levels each kind has.
LEVEL_COUNTS: dict[StrategyKind, int] = {
    StrategyKind.NONE: 0,
    StrategyKind.SINGLE: 1,
    StrategyKind.TWO: 2,
    StrategyKind.THREE: 3,
}

#: Fan-out of every level when a caller gives none (docs/model.md: 10, 10 × 10, 10 × 10 × 10).
DEFAULT_FAN_OUT = 10

#: The largest proof count a strategy is built for (far beyond any rollup; floats stay exact).
MAX_PROOFS = 10**12


def require_proof_count(proofs: int) -> None:
    """Reject a proof count the model has no meaning for (it needs at least one proof)."""
    if proofs < 1:
        raise UsageError(f"the proof count must be a positive integer, got {proofs}")
    if proofs > MAX_PROOFS:
        raise UsageError(f"the proof count must be at most {MAX_PROOFS:,}")


_LEVEL_NAMES = {
    StrategyKind.SINGLE: "single-level",
    StrategyKind.TWO: "two-level",
    StrategyKind.THREE: "three-level",
}


@dataclass(frozen=True)
class Strategy:
    """One aggregation strategy: its kind and the fan-out of each level, bottom level first."""

    kind: StrategyKind
    levels: tuple[int, ...]

    def __post_init__(self) -> None:
        expected = LEVEL_COUNTS[self.kind]
        if len(self.levels) != expected:
            raise ValueError(
                f"a {self.kind.value} strategy has {expected} level(s), got {len(self.levels)}"
            )
        if any(fan_out < 2 for fan_out in self.levels):
            raise ValueError(f"every aggregation level must merge at least 2 proofs: {self.levels}")

    @classmethod
    def of(cls, kind: StrategyKind | str, levels: tuple[int, ...] | None = None) -> Strategy:
        """Build a strategy of ``kind``; without ``levels`` every level has the default fan-out."""
        kind = StrategyKind(kind)
        if levels is None:
            levels = (DEFAULT_FAN_OUT,) * LEVEL_COUNTS[kind]
        return cls(kind, tuple(levels))

    @property
    def name(self) -> str:
        """Short name: ``none``, ``single``, ``two`` or ``three``."""
        return self.kind.value

    @property
    def aggregation_factor(self) -> int:
        """How many leaf proofs one top-level proof covers (1 without aggregation)."""
        return math.prod(self.levels)

    @property
    def description(self) -> str:
        """Human description, e.g. ``two-level (100 → 10 → 1)``."""
        if self.kind is StrategyKind.NONE:
            return "no aggregation"
        # Proof counts left after each level for one full tree: factor, …, 1.
        counts = [math.prod(self.levels[i:]) for i in range(len(self.levels) + 1)]
        return f"{_LEVEL_NAMES[self.kind]} ({' → '.join(str(c) for c in counts)})"
