"""The decider: which strategy the model picks for a number of proofs (docs/model.md, "The
decider")."""

from __future__ import annotations

from harness.aggregation.choice import StrategyChoice
from harness.aggregation.strategies import Strategy, StrategyKind, require_proof_count
from harness.costmodel.presets import DEFAULT_PRESET, Preset

#: Largest proof count settled with a single-level tree.
SINGLE_LEVEL_MAX_PROOFS = 50
#: Largest proof count settled with a two-level tree; above it, three levels.
TWO_LEVEL_MAX_PROOFS = 500
#: Why the decider settles small proof counts without aggregation.
NO_AGGREGATION_REASON = "aggregation costs more than it saves"


def decide(proofs: int, preset: Preset = DEFAULT_PRESET) -> Strategy:
    """The strategy, with ``preset``'s batch sizes, that the model chooses for ``proofs`` proofs.

    Below the preset's ``min_proofs_for_aggregation`` nothing is aggregated; up to 50 proofs one
    level; up to 500 two levels; beyond that three.
    """
    require_proof_count(proofs)
    if proofs < preset.min_proofs_for_aggregation:
        kind = StrategyKind.NONE
    elif proofs <= SINGLE_LEVEL_MAX_PROOFS:
        kind = StrategyKind.SINGLE
    elif proofs <= TWO_LEVEL_MAX_PROOFS:
        kind = StrategyKind.TWO
    else:
        kind = StrategyKind.THREE
    return preset.strategy(kind)


def choose(choice: StrategyChoice, proofs: int, preset: Preset = DEFAULT_PRESET) -> Strategy:
    """The strategy ``choice`` means for ``proofs`` proofs: its shape with ``preset``'s batch
    sizes, or the decider's pick for ``auto``."""
    return decide(proofs, preset) if choice.kind is None else preset.strategy(choice.kind)
