"""Run a sweep's units in local worker processes, each unit on a chain of its own.

The workers are forked from the sweep's process when :meth:`LocalWorkers.start` is called,
before the sweep starts a thread of its own (the progress display's), and never outlive it:
each asks the kernel for SIGKILL when its parent ends, whatever ends it (``kill -9`` included),
and exits at once if its parent ended before that was arranged; each worker's anvil ends with
its worker the same way. Workers report progress through a queue that a thread of the sweep's
process hands to the display.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.queues import SimpleQueue
from pathlib import Path
from typing import Any

from harness.common.errors import HarnessError, UsageError
from harness.common.lifetime import die_with_parent
from harness.sweep.grid import SweepPlan
from harness.sweep.reporting import Channel, Finished, run_portable
from harness.sweep.runner import SweepUnit

_reports: SimpleQueue[dict[str, Any] | None] | None = None


def _init_worker(owner: int, reports: SimpleQueue[dict[str, Any] | None]) -> None:
    """Set a worker up: it ends with ``owner`` (the sweep's process) and reports to
    ``reports``."""
    global _reports
    die_with_parent(signal.SIGKILL, owner)
    _reports = reports


def _ready() -> int:
    return os.getpid()


def _run_in_worker(plan: SweepPlan, unit: SweepUnit, receipts: Path) -> Finished:
    if _reports is None:
        raise HarnessError("a sweep worker started without its report queue")
    return run_portable(plan, unit, receipts, _reports.put, worker=f"pid {os.getpid()}")


def _forward(reports: SimpleQueue[dict[str, Any] | None], channel: Channel) -> None:
    """Hand every report to ``channel`` until the end-of-reports mark (None)."""
    while (report := reports.get()) is not None:
        channel(report)


class LocalWorkers:
    """Runs a sweep's units in ``workers`` processes of this machine."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise UsageError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._context = multiprocessing.get_context("fork")
        self._reports: SimpleQueue[dict[str, Any] | None] = self._context.SimpleQueue()
        self._executor: ProcessPoolExecutor | None = None

    def start(self, units: Sequence[SweepUnit]) -> None:
        """Fork the workers (no more than there are ``units``), before this process starts
        any thread."""
        self.workers = min(self.workers, len(units))
        self._executor = ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_init_worker,
            initargs=(os.getpid(), self._reports),
        )
        # A forking pool starts all its processes on its first task.
        self._executor.submit(_ready).result()

    def run(
        self, plan: SweepPlan, units: Sequence[SweepUnit], receipts: Path, channel: Channel
    ) -> Iterator[Finished]:
        """Run ``units`` (in this order) on the workers; yields each result as it comes."""
        if self._executor is None:
            self.start(units)
        executor = self._executor
        assert executor is not None
        forwarder = threading.Thread(target=_forward, args=(self._reports, channel), daemon=True)
        forwarder.start()
        pending: dict[Future[Finished], SweepUnit] = {
            executor.submit(_run_in_worker, plan, unit, receipts): unit for unit in units
        }
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    unit = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        raise HarnessError(
                            f"a sweep worker process died while running {unit.name}"
                        ) from None
        finally:
            if pending:  # the sweep stops: so do the units still running
                _kill_workers(executor)
            executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            self._reports.put(None)
            forwarder.join()


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the worker processes of ``executor`` (it has no public way to stop running tasks)."""
    for process in list((executor._processes or {}).values()):
        process.kill()
