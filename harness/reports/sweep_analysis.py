"""Everything a sweep report shows, computed once from ``txs.jsonl`` and the sweep's manifest,
with the calibrated models the sweep fitted to it.

The Markdown report, ``summary.json``, the plot and the metrics file all render this one
analysis, so they cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from harness.costmodel.calibration import CalibratedModel, Observation
from harness.costmodel.set_mode import SetModeLine, set_mode_line
from harness.records.sweep_manifest import CALLDATA, SweepManifest
from harness.records.txlog import TxRecord
from harness.reports.measured import (
    CommitStats,
    DepthRow,
    FinalizeCost,
    ScenarioMeasurement,
    VerifyCost,
    by_scenario,
    commit_stats,
    depth_rows,
    finalize_costs,
    measure_scenarios,
    verify_costs,
)
from harness.reports.throughput import Throughput, l1_throughput


@dataclass(frozen=True)
class CommitLine:
    """Gas of committing one batch against its transfers, fitted over the batch sizes run."""

    fork: str
    fixed: float
    per_transfer: float
    sizes: tuple[int, ...]

    def transfers_at(self, gas: int) -> int:
        """The most transfers one commit can carry within ``gas``."""
        return math.floor((gas - self.fixed) / self.per_transfer)


@dataclass(frozen=True)
class SweepAnalysis:
    """A sweep's measurements, calibrated models and limits, ready to render."""

    manifest: SweepManifest
    record_count: int
    scenarios: tuple[ScenarioMeasurement, ...]
    verify: tuple[VerifyCost, ...]
    finalize: tuple[FinalizeCost, ...]
    depth: tuple[DepthRow, ...]
    commit_lines: tuple[CommitLine, ...]
    commits: tuple[CommitStats, ...]
    #: The calibrated models fitted to the scenarios, one per fork and on-chain mode.
    models: tuple[CalibratedModel, ...] = ()
    #: (fork, on-chain mode) of the scenarios that measure too few proof counts to fit a model to.
    unfitted: tuple[tuple[str, str], ...] = ()

    def calibrated(
        self, models: Iterable[CalibratedModel], unfitted: Iterable[tuple[str, str]] = ()
    ) -> SweepAnalysis:
        """This analysis with the calibrated models fitted to its scenarios, and the fork and
        mode pairs whose scenarios could not be fitted."""
        return replace(self, models=tuple(models), unfitted=tuple(unfitted))

    @property
    def txs_per_batch(self) -> int:
        """The main batch size asked for."""
        return self.manifest.plan.txs_per_batch

    @property
    def main(self) -> list[ScenarioMeasurement]:
        """The scenarios at the main batch size (the others only serve the calibration)."""
        return [s for s in self.scenarios if s.requested_txs_per_batch == self.txs_per_batch]

    @property
    def extra(self) -> list[ScenarioMeasurement]:
        """The scenarios at the extra batch sizes."""
        return [s for s in self.scenarios if s.requested_txs_per_batch != self.txs_per_batch]

    def set_line(self, scenario: ScenarioMeasurement) -> SetModeLine | None:
        """Set mode's model line for a set-mode ``scenario``, its inclusion cost from the
        sweep's set-mode calibrated model of the scenario's fork where there is one (None for
        range proofs)."""
        if scenario.onchain != "set":
            return None
        calibrated = next(
            (m for m in self.models if (m.fork, m.onchain) == (scenario.fork, "set")), None
        )
        return set_mode_line(scenario.verifications, calibrated)

    @staticmethod
    def throughput(scenario: ScenarioMeasurement) -> Throughput:
        """The L1-bound throughput of ``scenario``'s workload."""
        return l1_throughput(
            commit_gas=scenario.commit_gas,
            settlement_gas=scenario.settlement_gas,
            batches=scenario.proofs,
            txs_per_batch=scenario.txs_per_batch,
        )


def observation(scenario: ScenarioMeasurement) -> Observation:
    """A measured scenario as the calibrated fit sees it."""
    return Observation(
        name=scenario.name,
        proofs=scenario.proofs,
        txs_per_batch=scenario.txs_per_batch,
        verifications=scenario.verifications,
        commit_calldata_bytes=scenario.commit_calldata_bytes,
        settlement_calldata_bytes=scenario.settlement_calldata_bytes,
        fixed_calldata_bytes=scenario.submit_root_calldata_bytes,
        settlement_gas=scenario.settlement_gas,
        data_gas=scenario.commit_gas,
    )


def observations(
    scenarios: Iterable[ScenarioMeasurement], da: str
) -> dict[tuple[str, str], list[Observation]]:
    """The scenarios whose batch data went in mode ``da`` as the calibrated fit sees them, by
    fork and on-chain mode: one fit never mixes data-availability modes (the gas of a commit
    and what it grows with differ between them)."""
    groups: dict[tuple[str, str], list[Observation]] = {}
    for scenario in scenarios:
        if scenario.da != da:
            continue
        groups.setdefault((scenario.fork, scenario.onchain), []).append(observation(scenario))
    return groups


def commit_lines(scenarios: Iterable[ScenarioMeasurement]) -> list[CommitLine]:
    """Per fork, the gas of committing a batch as calldata against its batch size (needs two
    sizes or more): what meets the gas limits as batches grow (a blob commit's gas does not
    grow with its batch)."""
    best: dict[tuple[str, int], ScenarioMeasurement] = {}
    for s in scenarios:
        if s.da != CALLDATA:
            continue
        key = (s.fork, s.txs_per_batch)
        if key not in best or s.commits > best[key].commits:
            best[key] = s
    lines = []
    for fork in sorted({fork for fork, _ in best}):
        points = sorted(
            (size, s.commit_gas_per_batch) for (f, size), s in best.items() if f == fork
        )
        if len(points) < 2:
            continue
        sizes, gas = zip(*points, strict=True)
        per_transfer, fixed = np.polyfit(sizes, gas, 1)
        lines.append(CommitLine(fork, float(fixed), float(per_transfer), tuple(sizes)))
    return lines


def analyse(records: Iterable[TxRecord], manifest: SweepManifest) -> SweepAnalysis:
    """Measure every scenario and probe of ``manifest`` from ``records``.

    The analysis holds no calibrated model: the sweep fits them to its :func:`observations`
    and adds them with :meth:`SweepAnalysis.calibrated`.
    """
    records = list(records)
    grouped = by_scenario(records)
    scenarios = measure_scenarios(grouped, manifest)
    main = [s for s in scenarios if s.requested_txs_per_batch == manifest.plan.txs_per_batch]
    return SweepAnalysis(
        manifest=manifest,
        record_count=len(records),
        scenarios=tuple(scenarios),
        verify=tuple(verify_costs(grouped, manifest)),
        finalize=tuple(finalize_costs(grouped, main)),
        depth=tuple(depth_rows(grouped, manifest)),
        commit_lines=tuple(commit_lines(scenarios)),
        commits=tuple(commit_stats(grouped, scenarios)),
    )
