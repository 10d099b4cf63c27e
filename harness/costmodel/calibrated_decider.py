"""The calibrated decider: the strategy whose settlement the calibrated model says costs least."""

from __future__ import annotations

from harness.aggregation.strategies import LEVEL_COUNTS, Strategy, StrategyKind
from harness.costmodel.calibration import CalibratedModel
from harness.costmodel.presets import DEFAULT_PRESET, Preset


def cheapest_strategy(
    proofs: int,
    model: CalibratedModel,
    preset: Preset = DEFAULT_PRESET,
    txs_per_batch: int | None = None,
) -> Strategy:
    """The preset's strategy with the least predicted gas for ``proofs`` proofs.

    Strategies that submit equally many proofs cost the same on chain; of those, the one with
    fewer aggregation levels wins, since it has less to prove off chain.
    """
    candidates = [preset.strategy(kind) for kind in StrategyKind]
    return min(
        candidates,
        key=lambda s: (
            round(model.predict(proofs, s, txs_per_batch).total_gas),
            LEVEL_COUNTS[s.kind],
        ),
    )
