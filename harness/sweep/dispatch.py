"""Run a sweep: its units on workers (this process, local processes or a Dask cluster), their
records gathered into one ``txs.jsonl`` and one manifest.

The units are fixed by the plan, and each runs on a chain and with a prover cache of its own, so
what it returns does not depend on which worker ran it, beside which others, or how often it
was started. The sweep writes each unit's records to ``txs.jsonl`` in plan order, as soon as the
unit and every unit before it have finished (a unit's records reach the file when the unit
ends, all at once), and assembles the manifest in plan order: ``txs.jsonl``, ``manifest.json``
and the reports are the same whatever the workers. A unit run again (a cluster worker died) is
recorded once: only the result of the attempt that finished is written.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from harness import __version__
from harness.costmodel.fees import DEFAULT_FEES, Fees
from harness.provers.pool import ProverStats
from harness.provers.sources import seal_source
from harness.records.sweep_manifest import MANIFEST_FORMAT, SweepManifest, save_manifest
from harness.records.txlog import append_txlog
from harness.reports.progress import WorkerReport
from harness.reports.pyplot import pyplot
from harness.scenario.config import RunConfig
from harness.scenario.runs import RECEIPTS_DIR, TXS_FILE
from harness.sweep.grid import SweepPlan, sweep_target
from harness.sweep.reporting import Channel, Finished, run_reported
from harness.sweep.runner import (
    UNIT_PROVER_WORKERS,
    SweepUnit,
    UnitResult,
    plan_units,
    planned_scenarios,
    planned_transactions,
)


class SweepProgress(Protocol):
    """Told how much work a sweep plans and how it goes (a progress display, or nothing)."""

    def start(self, planned: int, scenarios: int, workers: int) -> None:
        """The sweep plans ``planned`` transactions and ``scenarios`` on ``workers`` workers."""

    def report(self, report: WorkerReport) -> None:
        """A worker's latest report on its unit."""

    def finish(self, recorded: int) -> str:
        """The sweep is done, having recorded ``recorded`` transactions; the last word."""


class SilentProgress:
    """A :class:`SweepProgress` that shows nothing."""

    def start(self, planned: int, scenarios: int, workers: int) -> None:
        """Ignore the plan."""

    def report(self, report: WorkerReport) -> None:
        """Ignore the report."""

    def finish(self, recorded: int) -> str:
        """Say nothing."""
        return ""


class UnitExecutor(Protocol):
    """Runs a sweep's units somewhere and hands back their results."""

    #: How many units run at once.
    workers: int

    def start(self, units: Sequence[SweepUnit]) -> None:
        """Get ready to run ``units`` (before the sweep starts any thread)."""

    def run(
        self, plan: SweepPlan, units: Sequence[SweepUnit], receipts: Path, channel: Channel
    ) -> Iterator[Finished]:
        """Run every unit of ``units``, seals to ``receipts`` and reports to ``channel``;
        yields each result as its unit finishes, in any order."""


class InProcess:
    """Runs the units one after another in this process."""

    workers = 1

    def start(self, units: Sequence[SweepUnit]) -> None:
        """Nothing to start."""

    def run(
        self, plan: SweepPlan, units: Sequence[SweepUnit], receipts: Path, channel: Channel
    ) -> Iterator[Finished]:
        """Run each unit in turn."""
        for unit in units:
            yield run_reported(plan, unit, receipts, channel, worker=f"pid {os.getpid()}")


def largest_first(plan: SweepPlan, units: Sequence[SweepUnit]) -> list[SweepUnit]:
    """``units`` in the order that spreads them best over workers: the longest first."""
    return sorted(units, key=lambda unit: -planned_transactions(plan, unit))


def run_sweep(
    plan: SweepPlan,
    out: Path,
    progress: SweepProgress | None = None,
    executor: UnitExecutor | None = None,
    fees: Fees = DEFAULT_FEES,
) -> SweepManifest:
    """Run every scenario of ``plan`` on ``executor`` (default: in this process), writing
    ``out/txs.jsonl`` and ``out/receipts/``, then ``out/manifest.json``.

    Returns the sweep's manifest: what ran, on what, how long it took, and the ``fees`` its
    reports price the gas at.
    """
    progress = progress or SilentProgress()
    executor = executor or InProcess()
    started = time.perf_counter()
    started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    units = plan_units(plan)
    target = sweep_target(plan.config)
    source = seal_source(RunConfig(proofs=1, preset=plan.preset, seed=plan.seed).prover)
    executor.start(units)
    progress.start(
        sum(planned_transactions(plan, unit) for unit in units),
        sum(planned_scenarios(plan, unit) for unit in units),
        executor.workers,
    )
    gathered = _Gathered(units, out / TXS_FILE)
    channel = _to_display(progress)
    # After this many results a worker has no unit left, and its core is free.
    first_idle = len(units) - executor.workers + 1
    ordered = largest_first(plan, units)
    for done, finished in enumerate(executor.run(plan, ordered, out / RECEIPTS_DIR, channel), 1):
        channel(finished.report)
        gathered.add(finished.result)
        if done == first_idle and executor.workers > 1:
            _import_pyplot_meanwhile()
    manifest = {
        "format": MANIFEST_FORMAT,
        "harness_version": __version__,
        "started_at": started_at,
        "plan": plan.to_json(),
        "rollup": {
            "name": target.name,
            "contract": target.contract,
            "config": None if plan.config is None else str(plan.config),
        },
        "prover": {
            "name": source.name,
            "verifier": source.verifier().label,
            "workers": UNIT_PROVER_WORKERS,
        },
    } | gathered.manifest(plan)
    manifest["wall_seconds"] = time.perf_counter() - started
    manifest["fees"] = fees.to_json()
    record = SweepManifest.from_json(manifest)
    save_manifest(out, record)
    progress.finish(gathered.recorded)
    return record


def _import_pyplot_meanwhile() -> None:
    """Import the reports' plotting library in the background, on the core a worker that has
    run out of units leaves free, while the last units run: the figure needs it once they have
    ended (some 1 s of the reports' time)."""
    threading.Thread(target=pyplot, name="import pyplot", daemon=True).start()


def _to_display(progress: SweepProgress) -> Channel:
    """A channel that hands each report to ``progress``."""

    def show(data: dict[str, Any]) -> None:
        progress.report(WorkerReport.from_json(data))

    return show


class _Gathered:
    """The units' results as they come, written to ``txs`` in plan order."""

    def __init__(self, units: Sequence[SweepUnit], txs: Path) -> None:
        self._units = sorted(units, key=lambda unit: unit.index)
        self._txs = txs
        self._results: dict[int, UnitResult] = {}
        self._written = 0
        self.recorded = 0

    def add(self, result: UnitResult) -> None:
        """Take ``result`` (the first one of its unit) and write every result now in order."""
        self._results.setdefault(result.unit.index, result)
        while self._written < len(self._units):
            ready = self._results.get(self._units[self._written].index)
            if ready is None:
                break
            append_txlog(self._txs, ready.records)
            self.recorded += len(ready.records)
            self._written += 1

    def manifest(self, plan: SweepPlan) -> dict[str, Any]:
        """The manifest's parts that the units made, in plan order."""
        results = [self._results[unit.index] for unit in self._units]
        return {
            "chains": [r.chain for r in results if r.unit.records_fork],
            "scenarios": _in_plan_order(plan, [entry for r in results for entry in r.scenarios]),
            "verify_probes": [n for r in results if r.unit.records_fork for n in r.verify_probes],
            "set_depth_probes": {k: v for r in results for k, v in r.set_depth_probes.items()},
            "splits": [split for r in results for split in r.splits],
            "proving": _total(r.proving for r in results).to_json(),
        }


def _in_plan_order(plan: SweepPlan, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Scenario entries by fork, data-availability mode, batch sequence, proof count, then
    on-chain mode (a unit holds one mode; the grid's order puts the modes of one proof count
    together)."""
    sizes = (plan.txs_per_batch, *plan.extra_batch_sizes)
    forks, modes = tuple(plan.forks or ()), tuple(plan.da or ())

    def key(entry: dict[str, Any]) -> tuple[int, int, int, int, int]:
        return (
            forks.index(entry["fork"]),
            modes.index(entry["da"]),
            sizes.index(entry["requested_txs_per_batch"]),
            plan.proofs.index(entry["requested_proofs"]),
            plan.onchain.index(entry["onchain"]),
        )

    return sorted(entries, key=key)


def _total(stats: Iterator[ProverStats]) -> ProverStats:
    """The proving statistics of every unit together."""
    total = ProverStats(workers=UNIT_PROVER_WORKERS)
    for part in stats:
        total.requests += part.requests
        total.cache_hits += part.cache_hits
        total.seals_made += part.seals_made
        total.seals_reused += part.seals_reused
        total.seconds += part.seconds
    return total
