"""The short human summary a run prints: model against measurement, side by side."""

from __future__ import annotations

from typing import Any

from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.reports.numbers import decimal, gas, percent, whole


def _row(label: str, *cells: str) -> str:
    return f"  {label:<30}" + "".join(f"{cell:>18}" for cell in cells)


def run_header(summary: dict[str, Any]) -> list[str]:
    """What the run ran on: backend, fork, client, prover and verifier."""
    return [
        f"chain     {summary['backend']} ({summary['client']}), fork {summary['fork']}, "
        f"chain id {summary['chain_id']}",
        f"prover    {summary['prover']}; verifier {summary['verifier']}, "
        "behind router → emergency stop",
        f"workload  {summary['proofs']} batches of {summary['txs_per_batch']} L2 transfers "
        f"(seed {summary['seed']}), {summary['onchain_mode']} proofs on chain",
    ]


def scenario_block(summary: dict[str, Any]) -> list[str]:
    """Model and measured figures of one scenario."""
    model = summary["model"]
    settlement = summary["gas"]["finalize"] + summary["gas"]["submit_root"]
    tree = summary["tree"]
    proving = summary["proving"]
    return [
        f"{summary['strategy_description']}: {summary['verifications']} proof(s) submitted, "
        f"tree depth {tree['depth']}, {whole(tree['node_count'])} nodes proved",
        _row("", "model", "measured", "deviation"),
        _row(
            "settlement (verification) gas",
            gas(model["aggregated_gas"]),
            gas(settlement),
            percent(summary["deviation_percent"]),
        ),
        _row(
            "gas per verification",
            gas(GAS_PER_VERIFICATION),
            gas(summary["measured_gas_per_verification"]),
        ),
        _row("batch data (commit) gas", "not modelled", gas(summary["gas"]["commit"])),
        _row("all settlement + data gas", "", gas(summary["gas"]["total"])),
        _row(
            "proving",
            "",
            _seals(proving),
            f"{decimal(proving['cache_hit_rate'] * 100, 0)} % cache hits",
        ),
        f"  state root 0x{summary['onchain_state_root'][2:14]}… = the reference model's; "
        f"{summary['batches_finalized']} batches finalised",
    ]


def _seals(proving: dict[str, Any]) -> str:
    """Seals made, and those reused from recorded receipts (replay, resume) if any."""
    reused = proving.get("seals_reused", 0)
    made = f"{whole(proving['seals_made'])} seals"
    return f"{made} + {whole(reused)} reused" if reused else made


def run_summary(summary: dict[str, Any]) -> str:
    """The whole printed summary of a run (and of its comparison scenario, if any)."""
    lines = run_header(summary) + [""] + scenario_block(summary)
    compared = summary.get("compared")
    if compared:
        lines += [""] + scenario_block(compared)
        saved = compared["gas"]["total"] - summary["gas"]["total"]
        model_saved = compared["model"]["aggregated_gas"] - summary["model"]["aggregated_gas"]
        lines += [
            "",
            f"{summary['strategy']} against {compared['strategy']}: the model says it saves "
            f"{gas(model_saved)}; measured, it saves {gas(saved)} "
            f"({decimal(saved / compared['gas']['total'] * 100)} % of all settlement + data gas).",
        ]
    return "\n".join(lines)
