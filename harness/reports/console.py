"""The short human summary a run prints: model against measurement, side by side.

Every deviation names its base: a cell ``-2.34 % of model`` is a share of the model's figure in
the same row. Set mode is set beside its own model line (:mod:`harness.costmodel.set_mode`) and
the seed's; the first finalise's cold storage is shown apart under each deviation it moves.
"""

from __future__ import annotations

from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.costmodel.set_mode import SET_MODEL_LABEL, SetModeLine
from harness.records.outcome import ProvingStats
from harness.records.run_summary import RunSummary
from harness.reports.deviation import Deviation
from harness.reports.numbers import decimal, eth, gas, usd, whole
from harness.reports.wording import (
    BEHIND_ROUTER,
    PER_SETTLED_PROOF,
    ROW_MODEL,
    SEED_MODEL,
    points,
    share,
)

#: Widths of the model, measured and deviation columns.
_WIDTHS = (18, 18, 20)


def _row(label: str, *cells: str) -> str:
    return f"  {label:<30}" + "".join(
        f"{cell:>{width}}" for cell, width in zip(cells, _WIDTHS, strict=False)
    )


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
        *([f"fees      {summary.fees.describe()}"] if summary.fees is not None else []),
    ]


def _deviation_rows(label: str, deviation: Deviation) -> list[str]:
    """A model line against the measured settlement, and where the first finalise's cold
    storage was measured, that part and the settlement without it."""
    rows = [
        _row(label, gas(deviation.model), gas(deviation.measured), _of_model(deviation.percent))
    ]
    cold, without = deviation.cold_storage_points, deviation.without_cold_storage
    if cold is None or without is None or deviation.cold_storage is None:
        return rows
    return rows + [
        _row(
            "  1st finalise's cold storage",
            "",
            gas(deviation.cold_storage),
            points(cold, ROW_MODEL),
        ),
        _row(
            "  settlement without it",
            gas(deviation.model),
            gas(without),
            _of_model(deviation.percent_without_cold_storage or 0.0),
        ),
    ]


def _of_model(value: float) -> str:
    return share(value, ROW_MODEL)


def _range_rows(summary: RunSummary) -> list[str]:
    """Settlement against the seed's model: ``k × 300,000``."""
    outcome = summary.outcome
    settlement = Deviation(
        summary.gas.settlement,
        outcome.model.aggregated_gas,
        summary.gas.first_finalize_cold_storage,
    )
    return [
        *_deviation_rows("settlement gas (whole txs)", settlement),
        *_breakdown_rows(summary),
        *_verification_part_row(summary),
        _row(
            "gas per verification (whole tx)",
            gas(GAS_PER_VERIFICATION),
            gas(summary.measured_gas_per_verification),
        ),
    ]


def _set_rows(summary: RunSummary, line: SetModeLine) -> list[str]:
    """Settlement as root submission + inclusion finalises, against set mode's own model
    line and against the seed's, and per settled proof."""
    cold = summary.gas.first_finalize_cold_storage
    measured = summary.gas.settlement
    per_proof = measured / line.settled
    return [
        _row("settlement gas (whole txs)", "", gas(measured)),
        _row("  = root submission", gas(line.root_gas), gas(summary.gas.submit_root)),
        *_root_verification_row(summary, line),
        _row(
            f"  + {whole(line.settled)} inclusion finalise(s)",
            gas(line.inclusions_gas),
            gas(summary.gas.finalize),
        ),
        *_breakdown_rows(summary),
        *_deviation_rows(
            "set model (harness extension)", Deviation(measured, line.settlement_gas, cold)
        ),
        *_deviation_rows(f"{SEED_MODEL} (k × 300K)", Deviation(measured, line.seed_gas, cold)),
        _row(
            PER_SETTLED_PROOF,
            gas(line.per_settled_proof),
            gas(per_proof),
            _of_model((per_proof - line.per_settled_proof) / line.per_settled_proof * 100),
        ),
        _row(
            "  against the seed's per proof",
            gas(GAS_PER_VERIFICATION),
            gas(per_proof),
            _of_model((per_proof - GAS_PER_VERIFICATION) / GAS_PER_VERIFICATION * 100),
        ),
        f"  {SET_MODEL_LABEL} = the seed's {whole(line.root_gas)} for the root + k × "
        f"{whole(line.inclusion_gas)} per inclusion ({line.inclusion_source}; docs/model.md)",
    ]


def scenario_block(summary: RunSummary) -> list[str]:
    """Model and measured figures of one scenario."""
    outcome = summary.outcome
    tree = outcome.tree
    line = summary.set_model
    settlement = _range_rows(summary) if line is None else _set_rows(summary, line)
    return [
        f"{outcome.strategy_description}: {summary.verifications} proof(s) submitted, "
        f"tree depth {tree.depth}, {whole(tree.node_count)} nodes proved",
        _row("", "model", "measured", "deviation"),
        *settlement,
        _row("batch data (commit) gas", "not modelled", gas(summary.gas.commit)),
        *_blob_rows(summary),
        _row("all settlement + data gas", "", gas(summary.gas.total)),
        *_cost_rows(summary),
        _row("proving", "", _seals(outcome.proving))
        + f"   {decimal(outcome.proving.cache_hit_rate * 100, 0)} % of proof requests from cache",
        f"  state root 0x{outcome.onchain_state_root[2:14]}… = the reference model's; "
        f"{summary.batches_finalized} batches finalised",
    ]


def _breakdown_rows(summary: RunSummary) -> list[str]:
    """The finalise transactions split by call frame (nothing where the backend could not
    trace them)."""
    parts = summary.gas.finalize_breakdown
    if parts is None:
        return []
    return [
        _row("  finalise = verification", "", gas(parts["verification"])),
        _row("           + rollup logic", "", gas(parts["rollup"])),
        _row("           + intrinsic", "", gas(parts["intrinsic"])),
    ]


def _root_verification_row(summary: RunSummary, line: SetModeLine) -> list[str]:
    """The root submission's verification frames against the 300K the set line charges for
    the root (nothing where the submission was not traced)."""
    parts = summary.gas.submit_root_breakdown
    if parts is None:
        return []
    measured = parts["verification"]
    return [
        _row(
            "    its verification part",
            gas(line.root_gas),
            gas(measured),
            _of_model((measured - line.root_gas) / line.root_gas * 100),
        )
    ]


def _verification_part_row(summary: RunSummary) -> list[str]:
    """The verification part per proof against the model's 300K, which prices verification
    alone (nothing where the finalise transactions were not traced)."""
    parts = summary.gas.finalize_breakdown
    if parts is None:
        return []
    per_proof = parts["verification"] / summary.verifications
    return [
        _row(
            "verification part per proof",
            gas(GAS_PER_VERIFICATION),
            gas(per_proof),
            _of_model((per_proof - GAS_PER_VERIFICATION) / GAS_PER_VERIFICATION * 100),
        )
    ]


def _cost_rows(summary: RunSummary) -> list[str]:
    """The settlement and data gas, and the blob gas, priced at the run's fees (nothing where
    it is not priced)."""
    cost = summary.cost
    if cost is None:
        return []
    return [
        _row("cost: gas × base fee", "", eth(cost.execution_eth)),
        _row("    + blob gas × blob base fee", "", eth(cost.blob_eth)),
        _row("    = L1 cost", "", eth(cost.total_eth), usd(cost.usd)),
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
