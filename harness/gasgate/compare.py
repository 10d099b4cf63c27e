"""Compare measured gas with the baseline, entry by entry, under a tolerance in percent.

An entry that rose by more than the tolerance is a regression; one that fell is an improvement;
an entry only in the measurement (new) or only in the baseline (missing) means the baseline no
longer describes the pinned scenarios. Any of regression, new or missing fails the check.
Percentages are compared exactly (as fractions), so a tolerance equal to a rise passes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from harness.common.errors import HarnessError, UsageError


class Status(StrEnum):
    """What happened to one entry."""

    UNCHANGED = "unchanged"
    WITHIN = "within tolerance"
    REGRESSION = "regression"
    IMPROVEMENT = "improvement"
    NEW = "new"
    MISSING = "missing"


#: Statuses that fail a check.
FAILING = (Status.REGRESSION, Status.NEW, Status.MISSING)


class GasRegression(HarnessError):
    """Entries rose beyond the tolerance, or the baseline does not match the scenarios."""


@dataclass(frozen=True)
class Row:
    """One entry's baseline and measured gas, and its status under the tolerance."""

    name: str
    baseline: int | None
    now: int | None
    status: Status

    @property
    def delta(self) -> int | None:
        """Measured minus baseline gas (None unless both exist)."""
        if self.baseline is None or self.now is None:
            return None
        return self.now - self.baseline

    @property
    def percent(self) -> float | None:
        """The change relative to the baseline, in percent."""
        if self.delta is None or not self.baseline:
            return None
        return self.delta * 100 / self.baseline

    def to_json(self) -> dict[str, Any]:
        """The row as ``gas check --json`` prints it (``percent`` is of the baseline)."""
        return {
            "entry": self.name,
            "baseline": self.baseline,
            "now": self.now,
            "delta": self.delta,
            "percent": self.percent,
            "status": self.status.value,
        }


@dataclass(frozen=True)
class Comparison:
    """Every entry's row, in baseline order then new entries, under one tolerance."""

    rows: tuple[Row, ...]
    tolerance: float

    def having(self, *statuses: Status) -> tuple[Row, ...]:
        """The rows with any of ``statuses``."""
        return tuple(row for row in self.rows if row.status in statuses)

    @property
    def failed(self) -> bool:
        """Whether the check fails: a regression, or a baseline that does not match."""
        return bool(self.having(*FAILING))

    def to_json(self) -> dict[str, Any]:
        """The verdict, the tolerance (percent of each baseline entry) and every row."""
        return {
            "passed": not self.failed,
            "tolerance_percent": self.tolerance,
            "entries": [row.to_json() for row in self.rows],
        }

    def failure(self) -> GasRegression:
        """The one-line error naming every failing entry."""
        parts = []
        regressions = self.having(Status.REGRESSION)
        if regressions:
            named = ", ".join(
                f"{r.name} (+{r.delta:,} gas, {r.percent:+.2f} % of its baseline)"
                for r in regressions
            )
            parts.append(
                f"{len(regressions)} entr{'y' if len(regressions) == 1 else 'ies'} rose beyond "
                f"the tolerance of {self.tolerance:.2f} % of the baseline: {named}"
            )
        stale = self.having(Status.NEW, Status.MISSING)
        if stale:
            named = ", ".join(f"{r.name} ({r.status})" for r in stale)
            parts.append(
                f"the baseline does not match the pinned scenarios: {named}; "
                "run 'rollup-harness gas update'"
            )
        return GasRegression("; ".join(parts))


def _status(baseline: int, now: int, tolerance: Fraction) -> Status:
    if now == baseline:
        return Status.UNCHANGED
    if now < baseline:
        return Status.IMPROVEMENT
    if (now - baseline) * 100 > tolerance * baseline:
        return Status.REGRESSION
    return Status.WITHIN


def check_tolerance(tolerance: float) -> None:
    """Refuse a tolerance that is not a finite percentage of at least 0."""
    if not (math.isfinite(tolerance) and tolerance >= 0):
        raise UsageError(f"tolerance must be a percentage >= 0, got {tolerance}")


def compare(baseline: dict[str, int], now: dict[str, int], tolerance: float = 0.0) -> Comparison:
    """Compare ``now`` with ``baseline`` (gas by entry name); ``tolerance`` is in percent."""
    check_tolerance(tolerance)
    allowed = Fraction(str(tolerance))
    rows = []
    for name, gas in baseline.items():
        if name in now:
            rows.append(Row(name, gas, now[name], _status(gas, now[name], allowed)))
        else:
            rows.append(Row(name, gas, None, Status.MISSING))
    new = (name for name in now if name not in baseline)
    rows.extend(Row(name, None, now[name], Status.NEW) for name in new)
    return Comparison(tuple(rows), tolerance)
