"""The calibrated model's predictions printed beside the cost model's (``model --calibrated``),
and set mode's line (:mod:`harness.costmodel.set_mode`) at the calibrated inclusion cost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from harness.aggregation.strategies import Strategy
from harness.costmodel.calibrated_decider import cheapest_strategy
from harness.costmodel.calibrated_file import CalibratedFile
from harness.costmodel.estimator import GAS_PER_VERIFICATION, Estimate, estimate
from harness.costmodel.presets import Preset
from harness.costmodel.set_mode import SET_MODEL_LABEL, set_mode_line
from harness.reports.numbers import percent, whole
from harness.reports.wording import SEED_MODEL, share

_COLUMNS = (
    "proofs",
    "fork/mode",
    "strategy",
    "proofs on chain",
    "settlement gas",
    "batch data gas",
    "all L1 gas",
    "model gas",
)
_LEFT = {"fork/mode", "strategy"}


def _strategies(est: Estimate, cheapest: Strategy, preset: Preset) -> list[Strategy]:
    """No aggregation, the model's strategy and the cheapest, without repeats."""
    candidates = (preset.strategy("none"), est.strategy, cheapest)
    return list({strategy.name: strategy for strategy in candidates}.values())


def calibrated_rows(
    estimates: Sequence[Estimate], calibrated: CalibratedFile, preset: Preset
) -> list[dict[str, Any]]:
    """Per proof count and calibrated model: no aggregation, the model's strategy and the
    calibrated decider's cheapest strategy, with predicted and model gas."""
    rows = []
    for est in estimates:
        for model in calibrated.models:
            cheapest = cheapest_strategy(est.proofs, model, preset)
            for strategy in _strategies(est, cheapest, preset):
                prefix = "cheapest: " if strategy == cheapest else ""
                predicted = model.predict(est.proofs, strategy)
                rows.append(
                    {
                        "proofs": est.proofs,
                        "fork": model.fork,
                        "onchain": model.onchain,
                        "strategy": strategy.name,
                        "label": prefix + strategy.description,
                        "cheapest": strategy == cheapest,
                        "verifications": predicted.verifications,
                        "settlement_gas": predicted.settlement_gas,
                        "data_gas": predicted.data_gas,
                        "total_gas": predicted.total_gas,
                        "model_gas": estimate(est.proofs, strategy).aggregated_gas,
                        "txs_per_batch": model.txs_per_batch,
                    }
                )
    return rows


def render_calibrated(rows: Sequence[dict[str, Any]], calibrated: CalibratedFile, path: str) -> str:
    """The rows as an aligned table, with where the calibration came from."""
    table = [_COLUMNS] + [
        (
            whole(row["proofs"]),
            f"{row['fork']}/{row['onchain']}",
            row["label"],
            whole(row["verifications"]),
            whole(row["settlement_gas"]),
            whole(row["data_gas"]),
            whole(row["total_gas"]),
            whole(row["model_gas"]),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if _COLUMNS[i] in _LEFT else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in table
    ]
    source = calibrated.source
    holdouts = ", ".join(
        f"{m.fork}/{m.onchain} {percent(m.holdout.max_abs_error_percent, signed=False)} of the "
        "measured gas"
        for m in calibrated.models
        if m.holdout is not None
    )
    sizes = sorted({row["txs_per_batch"] for row in rows})
    return "\n".join(
        [
            f"Calibrated model ({path}: measured on {source.get('backend', '?')}, "
            f"{source.get('prover', '?')} prover), L1 gas beside the cost model's; batches of "
            f"{', '.join(whole(size) for size in sizes)} transfers.",
            *lines,
            f"Largest hold-out error: {holdouts or 'not evaluated'}. The cost model leaves "
            'batch data out; "cheapest" is the calibrated decider\'s choice.',
        ]
    )


_SET_COLUMNS = (
    "proofs",
    "fork",
    "strategy",
    "settled k",
    "set model gas",
    "seed's model gas",
    "per settled proof",
    "set model against the seed's",
)


def set_mode_rows(
    estimates: Sequence[Estimate], calibrated: CalibratedFile, preset: Preset
) -> list[dict[str, Any]]:
    """Per proof count and set-mode calibrated model: set mode's line for the proofs no
    aggregation and the model's strategy would settle under one root (one root verification
    at the seed's price, ``k`` inclusions at the calibrated inclusion cost)."""
    rows = []
    for est in estimates:
        for model in calibrated.models:
            if model.onchain != "set":
                continue
            strategies = {s.name: s for s in (preset.strategy("none"), est.strategy)}
            for strategy in strategies.values():
                settled = estimate(est.proofs, strategy).aggregated_count
                line = set_mode_line(settled, model)
                rows.append(
                    {
                        "proofs": est.proofs,
                        "fork": model.fork,
                        "strategy": strategy.name,
                        "description": strategy.description,
                        **line.to_json(),
                    }
                )
    return rows


def render_set_mode(rows: Sequence[dict[str, Any]]) -> str:
    """The set-mode rows as an aligned table under the line's formula, one per fork."""
    table = [_SET_COLUMNS] + [
        (
            whole(row["proofs"]),
            row["fork"],
            row["description"],
            whole(row["settled"]),
            whole(row["settlement_gas"]),
            whole(row["seed_gas"]),
            whole(row["per_settled_proof"]),
            share((row["settlement_gas"] - row["seed_gas"]) / row["seed_gas"] * 100, "the seed's"),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(_SET_COLUMNS))]
    left = {"fork", "strategy"}
    formulas = {
        row["fork"]: f"  {row['fork']}: the seed's {whole(row['root_gas'])} for the root + k × "
        f"{whole(row['inclusion_gas'])} per inclusion ({row['inclusion_source']})"
        for row in rows
    }
    return "\n".join(
        [
            f"{SET_MODEL_LABEL.capitalize()}, --onchain set: the k settled proofs under one "
            f"set-builder root, beside {SEED_MODEL}'s k × {whole(GAS_PER_VERIFICATION)} "
            "(docs/model.md#set-mode).",
            *formulas.values(),
            *(
                "  ".join(
                    cell.ljust(width) if _SET_COLUMNS[i] in left else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(line, widths, strict=True))
                )
                for line in table
            ),
        ]
    )
