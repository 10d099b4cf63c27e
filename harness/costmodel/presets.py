"""Configuration presets of the cost model (docs/model.md, "Configuration presets").

A preset fixes the decider's threshold, the fan-out of each strategy, how many provers run in
parallel and how many proofs the proof cache holds. ``small``, ``medium`` and ``large`` are also
known by their long names ``small_app``, ``medium_app`` and ``large_app``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from harness.aggregation.strategies import Strategy, StrategyKind
from harness.common.errors import UsageError
from harness.costmodel.estimator import estimate


@dataclass(frozen=True)
class Preset:
    """Every field of one configuration preset."""

    name: str
    min_proofs_for_aggregation: int
    single_level_batch_size: int
    two_level_first_batch: int
    two_level_second_batch: int
    three_level_batches: tuple[int, int, int]
    parallel_workers: int
    proof_cache_capacity: int
    #: The strategy whose full batch the preset is sized for (None: not sized for any).
    sized_for: StrategyKind | None

    def strategy(self, kind: StrategyKind | str) -> Strategy:
        """The strategy of ``kind`` with this preset's batch sizes."""
        kind = StrategyKind(kind)
        levels = {
            StrategyKind.NONE: (),
            StrategyKind.SINGLE: (self.single_level_batch_size,),
            StrategyKind.TWO: (self.two_level_first_batch, self.two_level_second_batch),
            StrategyKind.THREE: self.three_level_batches,
        }[kind]
        return Strategy(kind, levels)

    @property
    def expected_throughput(self) -> float | None:
        """Model "TPS" of one full batch of the strategy the preset is sized for.

        docs/model.md quotes these as ~400 (408), ~4,000 (4,082) and ~40,000 (40,816) proofs per
        second of verification time; the default preset has none.
        """
        if self.sized_for is None:
            return None
        strategy = self.strategy(self.sized_for)
        return estimate(strategy.aggregation_factor, strategy).aggregated_tps


def _preset(
    name: str,
    *,
    min_proofs: int,
    workers: int,
    cache: int,
    sized_for: StrategyKind | None,
) -> Preset:
    return Preset(
        name=name,
        min_proofs_for_aggregation=min_proofs,
        single_level_batch_size=10,
        two_level_first_batch=10,
        two_level_second_batch=10,
        three_level_batches=(10, 10, 10),
        parallel_workers=workers,
        proof_cache_capacity=cache,
        sized_for=sized_for,
    )


#: The presets by canonical name, in the order docs/model.md lists them.
PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        _preset("default", min_proofs=6, workers=os.cpu_count() or 1, cache=10_000, sized_for=None),
        _preset("small", min_proofs=6, workers=8, cache=10_000, sized_for=StrategyKind.SINGLE),
        _preset("medium", min_proofs=10, workers=32, cache=100_000, sized_for=StrategyKind.TWO),
        _preset("large", min_proofs=20, workers=128, cache=1_000_000, sized_for=StrategyKind.THREE),
    )
}

DEFAULT_PRESET = PRESETS["default"]

#: Long names docs/model.md uses for the sized presets.
ALIASES: dict[str, str] = {f"{name}_app": name for name in ("small", "medium", "large")}


def get_preset(name: str) -> Preset:
    """The preset called ``name`` (case-insensitive; ``small_app`` is ``small`` and so on)."""
    key = name.strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in PRESETS:
        raise UsageError(
            f"unknown preset {name!r}; choose one of {', '.join(PRESETS)} (or {', '.join(ALIASES)})"
        )
    return PRESETS[key]
