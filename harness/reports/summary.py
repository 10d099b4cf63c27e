"""``summary.json``: the sweep report's figures, machine-readable, each naming its records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from harness.records.txlog import TXS_FILE
from harness.reports.costs import cost_json
from harness.reports.findings import findings
from harness.reports.measured import SETTLEMENT_KINDS, ScenarioMeasurement
from harness.reports.sweep_analysis import SweepAnalysis
from harness.reports.sweep_da import da_findings

FORMAT = "rollup-harness/sweep-summary@1"


def scenario_json(analysis: SweepAnalysis, s: ScenarioMeasurement) -> dict[str, Any]:
    """One scenario: parameters, the model's figures, the measured ones and their records."""
    rate = analysis.throughput(s)
    return {
        "name": s.name,
        "fork": s.fork,
        "da": s.da,
        "onchain": s.onchain,
        "proofs": s.proofs,
        "requested_proofs": s.requested_proofs,
        "txs_per_batch": s.txs_per_batch,
        "requested_txs_per_batch": s.requested_txs_per_batch,
        "strategy": s.strategy,
        "strategy_description": s.strategy_description,
        "aggregation_factor": s.aggregation_factor,
        "decider_choice": s.decider_choice,
        "model": s.model.to_json(),
        "measured": {
            "verifications": s.verifications,
            "finalize_gas": s.finalize_gas,
            "submit_root_gas": s.submit_root_gas,
            "settlement_gas": s.settlement_gas,
            "commit_gas": s.commit_gas,
            "commit_blob_gas": s.commit_blob_gas,
            "commit_blobs": s.commit_blobs,
            "commits": s.commits,
            "total_gas": s.total_gas,
            "gas_per_verification": s.gas_per_verification,
            "deviation_percent": s.deviation_percent,
            "settlement_calldata_bytes": s.settlement_calldata_bytes,
            "commit_calldata_bytes": s.commit_calldata_bytes,
            "largest_settlement_tx_gas": s.largest_settlement_tx_gas,
            "largest_commit_gas": s.largest_commit_gas,
            "over_tx_cap": list(s.cap_breakers),
        },
        "cost": cost_json(s, analysis.manifest.fees),
        "throughput": asdict(rate),
        "records": {
            "settlement": {"scenario": s.name, "kinds": list(SETTLEMENT_KINDS)},
            "batch_data": {
                "scenario": s.commit_scenario,
                "kind": "commit",
                "batches": [1, s.proofs],
            },
        },
        "tree": {"depth": s.tree_depth, "node_count": s.node_count, "set_depth": s.set_depth},
        "proving": {
            "seconds": s.proving_seconds,
            "cache_hit_rate": s.cache_hit_rate,
            "workers": s.workers,
        },
        "seconds": s.seconds,
    }


def summary(analysis: SweepAnalysis) -> dict[str, Any]:
    """The whole summary document."""
    manifest = analysis.manifest.to_json()
    run = {k: v for k, v in manifest.items() if k not in ("scenarios", "format")}
    return {
        "format": FORMAT,
        "run": run,
        "txs": {"file": TXS_FILE, "records": analysis.record_count},
        "fees": analysis.manifest.fees.to_json(),
        "scenarios": [scenario_json(analysis, s) for s in analysis.scenarios],
        "verification": [
            asdict(cost)
            | {
                "execution_gas": cost.execution_gas,
                "records": {
                    "scenario": f"{cost.fork}/verify/{cost.receipt}",
                    "kind": "verify",
                    "label": cost.path,
                },
            }
            for cost in analysis.verify
        ],
        "finalize": [asdict(cost) for cost in analysis.finalize],
        "batch_data": [
            asdict(stats) | {"gas_per_l2_tx": stats.gas_per_l2_tx} for stats in analysis.commits
        ],
        "set_depth": [
            asdict(row) | {"depth": row.depth, "per_batch_gas": row.per_batch_gas}
            for row in analysis.depth
        ],
        "commit_lines": [asdict(line) for line in analysis.commit_lines],
        "calibration": [model.to_json() for model in analysis.models],
        "findings": findings(analysis),
        "da_findings": [f.to_json(analysis.manifest.fees) for f in da_findings(analysis)],
    }
