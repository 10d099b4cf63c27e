"""What a sweep's scenarios cost in ETH at the sweep's fees: settlement and batch data priced
from the records (execution gas at the base fee, blob gas at the blob base fee)."""

from __future__ import annotations

from typing import Any

from harness.costmodel.fees import Fees, L1Cost
from harness.reports.measured import SCENARIO_KEY_COLUMNS, ScenarioMeasurement
from harness.reports.numbers import eth, markdown_table, usd, whole
from harness.reports.sweep_analysis import SweepAnalysis


def scenario_cost(s: ScenarioMeasurement, fees: Fees) -> L1Cost:
    """Settlement and batch data of ``s`` (with its commits' blob gas) at ``fees``."""
    return L1Cost(fees, s.total_gas, s.commit_blob_gas)


def cost_json(s: ScenarioMeasurement, fees: Fees) -> dict[str, Any]:
    """The scenario's cost as ``summary.json`` holds it (its fees are the sweep's)."""
    cost = scenario_cost(s, fees)
    document = cost.to_json()
    del document["fees"]
    return document | {
        "settlement_eth": L1Cost(fees, s.settlement_gas, 0).total_eth,
        "batch_data_eth": L1Cost(fees, s.commit_gas, s.commit_blob_gas).total_eth,
        "eth_per_l2_transfer": cost.total_eth / (s.proofs * s.txs_per_batch),
    }


def cost_table(analysis: SweepAnalysis) -> list[str]:
    """``report.md``'s section on cost: the fees, where they came from, and what each of the
    decider's chosen scenarios cost at them."""
    fees = analysis.manifest.fees
    rows = []
    for s in analysis.main:
        if not s.decider_choice:
            continue
        cost = cost_json(s, fees)
        rows.append(
            (
                s.fork,
                s.da,
                s.onchain,
                whole(s.proofs),
                s.strategy_description,
                eth(cost["settlement_eth"]),
                eth(cost["batch_data_eth"]),
                eth(cost["blob_eth"]),
                eth(cost["total_eth"]),
                usd(cost["usd"]),
                f"{cost['eth_per_l2_transfer']:.3g} ETH",
            )
        )
    return [
        "## What it costs at these fees",
        "",
        f"Fees: {fees.describe()}. Execution gas (settlement and commits) is priced at the base "
        "fee and blob gas at the blob base fee, tips left out; deploys are not counted. Rows: "
        "the model's decider's choice at each proof count, in each data-availability mode (DA).",
        "",
        *markdown_table(
            [
                *SCENARIO_KEY_COLUMNS,
                ("settlement", "r"),
                ("batch data", "r"),
                ("of which blob gas", "r"),
                ("total", "r"),
                ("total in USD", "r"),
                ("per L2 transfer", "r"),
            ],
            rows,
        ),
    ]
