"""A sweep's findings per data-availability mode: for each fork, mode and batch size, the
decider's scenario (else the grid's first) at the sequence's largest proof count, worded as a
run's are (:mod:`harness.reports.da_findings`).

Each finding is of one scenario, named: its settlement (its ``finalize`` and ``submit_root``
lines) beside the batch data it was settled on (the commits of batches 1..N with their blob gas),
priced at the sweep's fees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.costmodel.fees import Fees
from harness.ethereum.blobs import DATA_BYTES_PER_BLOB
from harness.reports.da_findings import ModeCost, mode_findings
from harness.reports.measured import ScenarioMeasurement
from harness.reports.sweep_analysis import SweepAnalysis


def mode_cost(s: ScenarioMeasurement) -> ModeCost:
    """Scenario ``s``'s commits and settlement as one data-availability mode's cost."""
    return ModeCost(
        mode=s.da,
        commits=s.commits,
        transfers=s.commits * s.txs_per_batch,
        blobs=s.commit_blobs,
        commit_gas=s.commit_gas,
        blob_gas=s.commit_blob_gas,
        settlement_gas=s.settlement_gas,
    )


@dataclass(frozen=True)
class ModeFinding:
    """One data-availability mode's finding, of the scenario it was measured on."""

    scenario: ScenarioMeasurement
    cost: ModeCost
    text: str

    def to_json(self, fees: Fees) -> dict[str, Any]:
        """The finding as ``summary.json`` holds it: the figures and the sentence."""
        c, s = self.cost, self.scenario
        data = c.data_cost(fees).total_eth
        settlement = c.settlement_cost(fees).total_eth
        total = data + settlement
        return {
            "scenario": s.name,
            "fork": s.fork,
            "da": c.mode,
            "txs_per_batch": s.txs_per_batch,
            "commits": c.commits,
            "l2_transfers": c.transfers,
            "blobs": c.blobs,
            "commit_gas": c.commit_gas,
            "blob_gas": c.blob_gas,
            "settlement_gas": c.settlement_gas,
            "batch_data_eth": data,
            "settlement_eth": settlement,
            "batch_data_percent_of_l1_cost": data / total * 100 if total else None,
            "settlement_percent_of_l1_cost": settlement / total * 100 if total else None,
            "bytes_per_blob": c.data_bytes / c.blobs if c.blobs else None,
            "l2_transfers_per_blob": c.transfers / c.blobs if c.blobs else None,
            "blob_fill_percent_of_blob_data_bytes": (
                c.data_bytes / (c.blobs * DATA_BYTES_PER_BLOB) * 100 if c.blobs else None
            ),
            "eth_per_l2_transfer": total / c.transfers if c.transfers else None,
            "text": self.text,
        }


def headline_scenarios(analysis: SweepAnalysis) -> list[ScenarioMeasurement]:
    """Per fork, data-availability mode and batch size: the scenario at the largest proof
    count, in the plan's first on-chain mode — the decider's choice, or where the grid lacks
    it, the grid's first strategy there."""
    onchain = analysis.manifest.plan.onchain[0]
    best: dict[tuple[str, str, int], ScenarioMeasurement] = {}
    for s in analysis.scenarios:
        if s.onchain != onchain:
            continue
        key = (s.fork, s.da, s.requested_txs_per_batch)
        held = best.get(key)
        if held is None or (s.proofs, s.decider_choice) > (held.proofs, held.decider_choice):
            best[key] = s
    return list(best.values())


def da_findings(analysis: SweepAnalysis) -> list[ModeFinding]:
    """The sweep's findings per data-availability mode, at its fees."""
    fees = analysis.manifest.fees
    found = []
    for s in headline_scenarios(analysis):
        cost = mode_cost(s)
        (text,) = mode_findings([cost], fees)
        found.append(ModeFinding(s, cost, f"`{s.name}`: {text}"))
    return found


def da_section(analysis: SweepAnalysis) -> list[str]:
    """``report.md``'s section on data-availability modes."""
    return [
        "## Batch data by data-availability mode",
        "",
        "Per fork, mode and batch size, the decider's choice at the largest proof count (the "
        "grid's first strategy there, where the grid lacks the decider's): its "
        "settlement against the batch data it was settled on (commit gas at the base fee plus "
        f"blob gas at the blob base fee), and how full its blobs are. Fees: "
        f"{analysis.manifest.fees.describe()}.",
        "",
        *[f"- {finding.text}" for finding in da_findings(analysis)],
    ]
