"""A sweep's progress on stderr (rich): the whole sweep, and each worker as it goes.

Workers report on the unit of work they run (:class:`WorkerReport`); the display adds them up.
The whole sweep's bar counts the planned transactions mined so far against all of them, with
the scenarios settled, the rate and the time left; each worker's row shows the unit it runs,
the scenarios it has settled, the transactions it has mined, its own rate and when its unit
will end. A unit run again (its worker died) starts from nothing again: the bar goes back, the
dead worker's row keeps what it mined. The last line says how many transactions were mined
in how many seconds, and so how many per second. On a stderr that is not a terminal the lines
are printed every :data:`PLAIN_INTERVAL_S` seconds instead of redrawn.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Column

from harness.reports.numbers import decimal, whole

BAR_WIDTH = 12
#: Where stderr is not a terminal (a log file, CI), the display cannot redraw itself: it
#: prints its lines afresh this often instead (seconds).
PLAIN_INTERVAL_S = 10.0


@dataclass(frozen=True)
class WorkerReport:
    """What one worker has done so far on the unit of work it runs."""

    #: Who runs the unit (a process id, a cluster worker's address).
    worker: str
    #: The unit's name.
    unit: str
    #: What runs now.
    doing: str
    #: Transactions mined for the unit so far, of every kind.
    mined: int
    #: Of those, the planned ones (commits, settlements, probes).
    counted: int
    #: Planned transactions of the whole unit.
    planned: int
    #: Scenarios settled so far.
    scenarios: int
    #: Seconds since the worker started the unit.
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The report as a plain object (what crosses a process or a network)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorkerReport:
        """The report a plain object holds."""
        return cls(**data)


def rate(count: int, seconds: float) -> float:
    """``count`` per second over ``seconds`` (0 before any time has passed)."""
    return count / seconds if seconds > 0 else 0.0


def duration(seconds: float | None) -> str:
    """Seconds as ``m:ss`` (``h:mm:ss`` past an hour), or ``-:--`` when unknown."""
    if seconds is None:
        return "-:--"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def time_left(done: int, total: int, seconds: float) -> float | None:
    """Seconds left at the pace so far (None before anything is done)."""
    if done <= 0:
        return None
    return max(0, total - done) * seconds / done


class ProgressBar:
    """The sweep's progress on stderr; use as a context manager, :meth:`start` it once the work
    is planned, feed it :class:`WorkerReport` objects (from any thread), then :meth:`finish`."""

    def __init__(self) -> None:
        self._console = Console(stderr=True)
        self._progress = Progress(
            BarColumn(bar_width=BAR_WIDTH),
            TextColumn(
                "{task.description}", table_column=Column(no_wrap=True, overflow="ellipsis")
            ),
            console=self._console,
            transient=False,
        )
        self._lock = threading.Lock()
        self._started: float | None = None
        self._planned = self._scenarios = self._workers = 0
        self._task: TaskID | None = None
        #: The latest report of each unit (a unit run again replaces its earlier attempt).
        self._units: dict[str, WorkerReport] = {}
        #: The latest report of each worker on each unit it ran.
        self._work: dict[tuple[str, str], WorkerReport] = {}
        self._rows: dict[str, TaskID] = {}
        self._printed = 0.0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if self._started is None:
            return
        if exc_type is not None and not self._units:
            # A sweep that failed before any worker reported leaves its error line alone: the
            # display is taken down without its last frame (or the blank line after it).
            self._progress.live.transient = True
            self._progress.live.stop()
        else:
            self._progress.stop()

    def start(self, planned: int, scenarios: int, workers: int) -> None:
        """Show the sweep: ``planned`` transactions and ``scenarios`` on ``workers`` workers."""
        self._planned, self._scenarios = planned, scenarios
        self._started = time.monotonic()
        self._workers = workers
        self._task = self._progress.add_task("starting", total=planned)
        self._progress.start()

    def report(self, report: WorkerReport) -> None:
        """Take a worker's latest report on its unit."""
        with self._lock:
            held = self._work.get((report.worker, report.unit))
            if held is not None and held.seconds > report.seconds:
                return  # an older report that arrived late
            self._units[report.unit] = report
            self._work[(report.worker, report.unit)] = report
            self._show_worker(report)
            self._show_sweep()
            self._print_plain()

    def finish(self, recorded: int) -> str:
        """Stop the display and print the last line (also returned): what was mined in how
        long, and ``recorded``, the transactions written to the sweep's log."""
        with self._lock:
            self._show_sweep()
            seconds = self._elapsed()
            mined = self._mined()
            line = (
                f"swept {whole(self._settled())} scenarios: {whole(mined)} transactions mined "
                f"in {decimal(seconds)} s, {decimal(rate(mined, seconds))} tx/s "
                f"({self._workers} worker(s); {whole(recorded)} recorded)"
            )
        if self._started is not None:
            self._progress.stop()
            self._started = None
        self._console.print(line, highlight=False, soft_wrap=True)
        return line

    def _print_plain(self) -> None:
        """Print every line now and then, where the display cannot redraw itself."""
        now = time.monotonic()
        if self._console.is_terminal or now - self._printed < PLAIN_INTERVAL_S:
            return
        self._printed = now
        for task in self._progress.tasks:
            self._console.print(task.description, highlight=False, soft_wrap=True)

    def _elapsed(self) -> float:
        return time.monotonic() - self._started if self._started is not None else 0.0

    def _mined(self) -> int:
        """Transactions every worker mined, on every unit it ran (a unit run again too)."""
        return sum(r.mined for r in self._work.values())

    def _settled(self) -> int:
        return sum(r.scenarios for r in self._units.values())

    def _show_sweep(self) -> None:
        if self._task is None:
            return
        counted = min(self._planned, sum(r.counted for r in self._units.values()))
        seconds = self._elapsed()
        mined = self._mined()
        description = (
            f"sweep: {whole(counted)}/{whole(self._planned)} txs, "
            f"{self._settled()}/{self._scenarios} scenarios, "
            f"{decimal(rate(mined, seconds), 0)} tx/s, {duration(seconds)}, "
            f"ETA {duration(time_left(counted, self._planned, seconds))}"
        )
        self._progress.update(self._task, completed=counted, description=description)

    def _show_worker(self, report: WorkerReport) -> None:
        mine = [r for (worker, _), r in self._work.items() if worker == report.worker]
        busy = sum(r.seconds for r in mine)
        mined = sum(r.mined for r in mine)
        unit_left = time_left(report.counted, report.planned, report.seconds)
        description = (
            f"{report.worker}: {sum(r.scenarios for r in mine)} scenarios, {whole(mined)} txs, "
            f"{decimal(rate(mined, busy), 0)} tx/s, unit ETA {duration(unit_left)}; "
            f"{report.doing}"
        )
        row = self._rows.get(report.worker)
        if row is None:
            row = self._progress.add_task(description, total=report.planned)
            self._rows[report.worker] = row
        self._progress.update(
            row, description=description, total=report.planned, completed=report.counted
        )
