"""``metrics.prom``: the sweep as a Prometheus text file, with docs/model.md's metric names.

Every metric carries the scenario's labels (``scenario``, ``fork``, ``onchain``, ``proofs``,
``strategy``). Savings carry ``source="model"`` or ``source="measured"`` (measured against the
no-aggregation scenario of the same proof count, when the sweep ran it); the L1 gas carries
``part="settlement"``, ``"data"`` or ``"total"``.
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

from harness.reports.measured import ScenarioMeasurement
from harness.reports.sweep_analysis import SweepAnalysis

LABELS = ("scenario", "fork", "onchain", "proofs", "strategy")

#: docs/model.md's metric names with their help texts (and any label beyond :data:`LABELS`).
METRICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "l2_aggregation_strategy": ("1 for the strategy the scenario settled with", ()),
    "l2_aggregation_duration_seconds": ("Seconds to prove, aggregate and settle", ()),
    "l2_aggregation_batch_size": ("Proofs one submitted proof stands for (factor)", ()),
    "l2_aggregation_proof_count": ("Proofs (batches) the scenario settled", ()),
    "l2_tps_improvement_ratio": ("The model's verification-time TPS improvement", ("source",)),
    "l2_gas_savings_percent": (
        "Settlement gas saved, in percent of no aggregation's settlement gas",
        ("source",),
    ),
    "l2_proof_size_savings_percent": (
        "Proof bytes saved, in percent of no aggregation's proof bytes "
        "(measured: settlement calldata)",
        ("source",),
    ),
    "l2_cache_hit_rate": ("Proof-cache hits per proving request", ()),
    "l2_parallel_workers_active": ("Proving worker processes", ()),
    "l2_proof_generation_duration_seconds": ("Seconds spent making seals", ()),
    "l2_l1_submission_gas_used": ("L1 gas used, from txs.jsonl", ("part",)),
}


def _baseline(analysis: SweepAnalysis, s: ScenarioMeasurement) -> ScenarioMeasurement | None:
    for other in analysis.scenarios:
        same = (other.fork, other.onchain, other.txs_per_batch, other.proofs)
        if other.strategy == "none" and same == (s.fork, s.onchain, s.txs_per_batch, s.proofs):
            return other
    return None


def registry_for(analysis: SweepAnalysis) -> CollectorRegistry:
    """A registry holding every scenario's metrics."""
    registry = CollectorRegistry()
    gauges = {
        name: Gauge(name, help_text, (*LABELS, *extra), registry=registry)
        for name, (help_text, extra) in METRICS.items()
    }
    for s in analysis.scenarios:
        labels = {
            "scenario": s.name,
            "fork": s.fork,
            "onchain": s.onchain,
            "proofs": str(s.proofs),
            "strategy": s.strategy,
        }
        gauges["l2_aggregation_strategy"].labels(**labels).set(1)
        gauges["l2_aggregation_duration_seconds"].labels(**labels).set(s.seconds)
        gauges["l2_aggregation_batch_size"].labels(**labels).set(s.aggregation_factor)
        gauges["l2_aggregation_proof_count"].labels(**labels).set(s.proofs)
        gauges["l2_tps_improvement_ratio"].labels(**labels, source="model").set(
            s.model.tps_improvement
        )
        gauges["l2_gas_savings_percent"].labels(**labels, source="model").set(
            s.model.gas_savings_percent
        )
        gauges["l2_proof_size_savings_percent"].labels(**labels, source="model").set(
            s.model.size_savings_percent
        )
        baseline = _baseline(analysis, s)
        if baseline is not None:
            gauges["l2_gas_savings_percent"].labels(**labels, source="measured").set(
                (1 - s.settlement_gas / baseline.settlement_gas) * 100
            )
            gauges["l2_proof_size_savings_percent"].labels(**labels, source="measured").set(
                (1 - s.settlement_calldata_bytes / baseline.settlement_calldata_bytes) * 100
            )
        gauges["l2_cache_hit_rate"].labels(**labels).set(s.cache_hit_rate)
        gauges["l2_parallel_workers_active"].labels(**labels).set(s.workers)
        gauges["l2_proof_generation_duration_seconds"].labels(**labels).set(s.proving_seconds)
        for part, gas in (
            ("settlement", s.settlement_gas),
            ("data", s.commit_gas),
            ("total", s.total_gas),
        ):
            gauges["l2_l1_submission_gas_used"].labels(**labels, part=part).set(gas)
    return registry


def write_metrics(analysis: SweepAnalysis, path: Path) -> None:
    """Write the Prometheus text file."""
    write_to_textfile(str(path), registry_for(analysis))
