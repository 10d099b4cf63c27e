"""The aggregation cost model of MODEL.md: strategies, presets, decider, estimator and forests."""

from harness.model.decider import decide
from harness.model.estimator import Estimate, estimate
from harness.model.presets import DEFAULT_PRESET, PRESETS, Preset, get_preset
from harness.model.strategies import Strategy, StrategyKind
from harness.model.tree import Forest, Node, build_forest

__all__ = [
    "DEFAULT_PRESET",
    "PRESETS",
    "Estimate",
    "Forest",
    "Node",
    "Preset",
    "Strategy",
    "StrategyKind",
    "build_forest",
    "decide",
    "estimate",
    "get_preset",
]
