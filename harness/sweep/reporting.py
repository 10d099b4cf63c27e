"""How a unit tells the sweep how it goes: a :class:`WorkerReport` now and then, over a channel.

A channel is any callable that takes the report as a plain object: a queue to the sweep's
process, a cluster's event log, or the progress display itself when the unit runs in the
sweep's own process. Reports go out at most every :data:`REPORT_INTERVAL_S` seconds, and once
more when the unit ends, so a unit's last report has its final counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import HarnessError
from harness.reports.progress import WorkerReport
from harness.sweep.grid import SweepPlan
from harness.sweep.runner import (
    COUNTED_KINDS,
    SweepUnit,
    UnitResult,
    planned_transactions,
    run_unit,
)

#: Takes one report (``WorkerReport.to_json()``) to the sweep's progress display.
Channel = Callable[[dict[str, Any]], None]
#: Seconds between two reports of a unit.
REPORT_INTERVAL_S = 0.25


class UnitReporter:
    """Counts what a unit does and reports it over ``channel`` (a :class:`UnitProgress`)."""

    def __init__(self, channel: Channel, *, worker: str, unit: str, planned: int) -> None:
        self._channel = channel
        self._worker, self._unit, self._planned = worker, unit, planned
        self._started = time.monotonic()
        self._sent = 0.0
        self._doing = "starting"
        self._mined = self._counted = self._scenarios = 0

    def describe(self, text: str) -> None:
        """The unit is now working on ``text``."""
        self._doing = text
        self._send()

    def mined(self, kind: str) -> None:
        """One transaction of ``kind`` was mined."""
        self._mined += 1
        self._counted += kind in COUNTED_KINDS
        self._send()

    def scenario_done(self) -> None:
        """One scenario was settled."""
        self._scenarios += 1
        self._send()

    def finish(self) -> dict[str, Any]:
        """The unit is done: send its final counts, and return them."""
        self._doing = "done"
        return self._send(force=True)

    def _send(self, *, force: bool = False) -> dict[str, Any]:
        now = time.monotonic()
        if not force and now - self._sent < REPORT_INTERVAL_S:
            return {}
        self._sent = now
        report = WorkerReport(
            worker=self._worker,
            unit=self._unit,
            doing=self._doing,
            mined=self._mined,
            counted=self._counted,
            planned=self._planned,
            scenarios=self._scenarios,
            seconds=now - self._started,
        ).to_json()
        self._channel(report)
        return report


@dataclass(frozen=True)
class Finished:
    """A unit's result, with its last report (a report sent over a cluster's event log may
    arrive after the result: this one says how the unit ended)."""

    result: UnitResult
    report: dict[str, Any]


def run_reported(
    plan: SweepPlan, unit: SweepUnit, receipts: Path, channel: Channel, *, worker: str
) -> Finished:
    """Run ``unit`` of ``plan``, reporting to ``channel`` as ``worker``."""
    reporter = UnitReporter(
        channel, worker=worker, unit=unit.name, planned=planned_transactions(plan, unit)
    )
    result = run_unit(plan, unit, receipts, reporter)
    return Finished(result, reporter.finish())


class UnitFailed(HarnessError):
    """A unit failed on its worker: the worker's error, as it said it, and its exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[type[UnitFailed], tuple[str, int]]:
        return (UnitFailed, (str(self), self.exit_code))


def run_portable(
    plan: SweepPlan, unit: SweepUnit, receipts: Path, channel: Channel, *, worker: str
) -> Finished:
    """:func:`run_reported`, for another process: a harness error comes back as a
    :class:`UnitFailed` naming the unit, which any process can rebuild."""
    try:
        return run_reported(plan, unit, receipts, channel, worker=worker)
    except HarnessError as exc:
        raise UnitFailed(f"{unit.name}: {exc}", exc.exit_code) from None
