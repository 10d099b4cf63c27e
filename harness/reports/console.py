"""The short human summary a run prints: model against measurement, side by side."""

from __future__ import annotations

from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.records.outcome import ProvingStats
from harness.records.run_summary import RunSummary
from harness.reports.numbers import decimal, gas, percent, whole
from harness.reports.wording import BEHIND_ROUTER


def _row(label: str, *cells: str) -> str:
    return f"  {label:<30}" + "".join(f"{cell:>18}" for cell in cells)


#: How each data-availability mode posts a batch, in words.
DA_WORDS = {
    "calldata": "batch data as calldata",
    "blob": "batch data in blobs",
    "blob-kzg": "batch data in blobs, each opened by KZG point evaluation",
}


def run_header(summary: RunSummary) -> list[str]:
    """What the run ran on: backend, fork, client, prover and verifier, and the workload with
    where its batch data travelled."""
    return [
        f"chain     {summary.backend} ({summary.client}), fork {summary.fork}, "
        f"chain id {summary.chain_id}",
        f"prover    {summary.prover}; verifier {summary.verifier}, {BEHIND_ROUTER}",
        f"workload  {summary.outcome.proofs} batches of {summary.outcome.txs_per_batch} L2 "
        f"transfers (seed {summary.seed}), {summary.onchain_mode} proofs on chain, "
        f"{DA_WORDS[summary.da]}",
    ]


def scenario_block(summary: RunSummary) -> list[str]:
    """Model and measured figures of one scenario."""
    outcome = summary.outcome
    tree = outcome.tree
    return [
        f"{outcome.strategy_description}: {summary.verifications} proof(s) submitted, "
        f"tree depth {tree.depth}, {whole(tree.node_count)} nodes proved",
        _row("", "model", "measured", "deviation"),
        _row(
            "settlement gas (whole txs)",
            gas(outcome.model.aggregated_gas),
            gas(summary.gas.settlement),
            percent(summary.deviation_percent),
        ),
        *_breakdown_rows(summary),
        _row(
            "gas per verification (whole tx)",
            gas(GAS_PER_VERIFICATION),
            gas(summary.measured_gas_per_verification),
        ),
        _row("batch data (commit) gas", "not modelled", gas(summary.gas.commit)),
        *_blob_rows(summary),
        _row("all settlement + data gas", "", gas(summary.gas.total)),
        _row(
            "proving",
            "",
            _seals(outcome.proving),
            f"{decimal(outcome.proving.cache_hit_rate * 100, 0)} % cache hits",
        ),
        f"  state root 0x{outcome.onchain_state_root[2:14]}… = the reference model's; "
        f"{summary.batches_finalized} batches finalised",
    ]


def _breakdown_rows(summary: RunSummary) -> list[str]:
    """The finalise transactions split by call frame, and the verification part per proof
    against the model's 300K (nothing where the backend could not trace them)."""
    parts = summary.gas.finalize_breakdown
    if parts is None:
        return []
    per_proof = parts["verification"] / summary.verifications
    return [
        _row("  finalise = verification", "", gas(parts["verification"])),
        _row("           + rollup logic", "", gas(parts["rollup"])),
        _row("           + intrinsic", "", gas(parts["intrinsic"])),
        _row(
            "verification part per proof",
            gas(GAS_PER_VERIFICATION),
            gas(per_proof),
            percent((per_proof - GAS_PER_VERIFICATION) / GAS_PER_VERIFICATION * 100),
        ),
    ]


def _blob_rows(summary: RunSummary) -> list[str]:
    """The blob gas of the commits, priced apart from execution gas (none in calldata mode)."""
    if not summary.gas.blob:
        return []
    return [_row("  + blob gas (own fee market)", "", gas(summary.gas.blob))]


def _seals(proving: ProvingStats) -> str:
    """Seals made, and those reused from recorded receipts (replay, resume) if any."""
    made = f"{whole(proving.seals_made)} seals"
    return f"{made} + {whole(proving.seals_reused)} reused" if proving.seals_reused else made


def run_summary(summary: RunSummary) -> str:
    """The whole printed summary of a run (and of its comparison scenario, if any)."""
    lines = run_header(summary) + [""] + scenario_block(summary)
    compared = summary.compared
    if compared is not None:
        lines += [""] + scenario_block(compared)
        saved = compared.gas.total - summary.gas.total
        model_saved = compared.outcome.model.aggregated_gas - summary.outcome.model.aggregated_gas
        lines += [
            "",
            f"{summary.outcome.strategy} against {compared.outcome.strategy}: the model says it "
            f"saves {gas(model_saved)}; measured, it saves {gas(saved)} "
            f"({decimal(saved / compared.gas.total * 100)} % of the {compared.outcome.strategy} "
            "run's settlement + data gas).",
        ]
    return "\n".join(lines)
