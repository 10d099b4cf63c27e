"""The sweep's progress display: what it adds up from the workers' reports, and its last line."""

from __future__ import annotations

import pytest

from harness.reports import progress as progress_module
from harness.reports.progress import ProgressBar, WorkerReport, duration, time_left


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _report(
    worker: str, unit: str, mined: int, counted: int, seconds: float, **more
) -> WorkerReport:
    fields = {"doing": "settling", "planned": 100, "scenarios": 0} | more
    return WorkerReport(worker, unit, mined=mined, counted=counted, seconds=seconds, **fields)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    return clock


def test_the_last_line_counts_every_mined_transaction_and_its_rate(clock, capsys):
    with ProgressBar() as bar:
        bar.start(planned=200, scenarios=6, workers=2)
        bar.report(_report("pid 1", "a", mined=40, counted=30, seconds=5, scenarios=1))
        bar.report(_report("pid 2", "b", mined=10, counted=10, seconds=5))
        # pid 2 died: unit b starts again on pid 1, from nothing.
        bar.report(_report("pid 1", "b", mined=60, counted=50, seconds=8, scenarios=3))
        bar.report(_report("pid 1", "a", mined=120, counted=100, seconds=20, scenarios=3))
        # A report older than one already taken changes nothing.
        bar.report(_report("pid 1", "a", mined=50, counted=45, seconds=7, scenarios=1))
        clock.now += 23
        line = bar.finish(recorded=150)
    assert line == (
        "swept 6 scenarios: 190 transactions mined in 23.0 s, 8.3 tx/s (2 worker(s); 150 recorded)"
    )
    assert capsys.readouterr().err.splitlines()[-1] == line


def test_a_worker_row_gives_its_own_rate_and_when_its_unit_ends(clock):
    with ProgressBar() as bar:
        bar.start(planned=200, scenarios=6, workers=1)
        bar.report(_report("pid 1", "a", mined=30, counted=25, seconds=10, scenarios=2))
        rows = [task.description for task in bar._progress.tasks]
        bar.finish(recorded=0)
    assert rows[1] == "pid 1: 2 scenarios, 30 txs, 3 tx/s, unit ETA 0:30; settling"
    assert rows[0].startswith("sweep: 25/200 txs, 2/6 scenarios, ")


@pytest.mark.parametrize(
    ("done", "total", "seconds", "left"),
    [(0, 10, 5.0, None), (5, 10, 5.0, 5.0), (10, 10, 7.0, 0.0), (12, 10, 7.0, 0.0)],
)
def test_time_left_is_the_pace_so_far(done, total, seconds, left):
    assert time_left(done, total, seconds) == left


def test_durations_read_as_a_clock():
    assert [duration(s) for s in (None, 0, 59.6, 61, 3725)] == [
        "-:--",
        "0:00",
        "1:00",
        "1:01",
        "1:02:05",
    ]
