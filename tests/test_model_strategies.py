"""Strategies, presets and the decider of the cost model."""

from __future__ import annotations

import os

import pytest

from harness.aggregation.strategies import Strategy, StrategyKind
from harness.common.errors import UsageError
from harness.costmodel.decider import decide
from harness.costmodel.presets import PRESETS, get_preset


@pytest.mark.parametrize(
    ("kind", "factor", "levels", "description"),
    [
        ("none", 1, (), "no aggregation"),
        ("single", 10, (10,), "single-level (10 → 1)"),
        ("two", 100, (10, 10), "two-level (100 → 10 → 1)"),
        ("three", 1000, (10, 10, 10), "three-level (1000 → 100 → 10 → 1)"),
    ],
)
def test_default_strategies_have_the_model_factors_and_descriptions(
    kind: str, factor: int, levels: tuple[int, ...], description: str
) -> None:
    strategy = Strategy.of(kind)
    assert strategy.name == kind
    assert strategy.levels == levels
    assert strategy.aggregation_factor == factor
    assert strategy.description == description


def test_description_follows_custom_fan_outs() -> None:
    strategy = Strategy.of(StrategyKind.THREE, (2, 3, 4))
    assert strategy.aggregation_factor == 24
    assert strategy.description == "three-level (24 → 12 → 4 → 1)"


@pytest.mark.parametrize(
    ("kind", "levels"), [("single", (10, 10)), ("two", (10,)), ("none", (10,)), ("single", (1,))]
)
def test_strategy_rejects_wrong_level_shapes(kind: str, levels: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        Strategy.of(kind, levels)


@pytest.mark.parametrize(
    ("name", "min_proofs", "workers", "cache", "throughput"),
    [
        ("default", 6, os.cpu_count(), 10_000, None),
        ("small", 6, 8, 10_000, 408),
        ("medium", 10, 32, 100_000, 4_082),
        ("large", 20, 128, 1_000_000, 40_816),
    ],
)
def test_presets_carry_the_model_fields(
    name: str, min_proofs: int, workers: int, cache: int, throughput: int | None
) -> None:
    preset = get_preset(name)
    assert preset.name == name
    assert preset.min_proofs_for_aggregation == min_proofs
    assert preset.single_level_batch_size == 10
    assert (preset.two_level_first_batch, preset.two_level_second_batch) == (10, 10)
    assert preset.three_level_batches == (10, 10, 10)
    assert preset.parallel_workers == workers
    assert preset.proof_cache_capacity == cache
    expected = preset.expected_throughput
    assert (None if expected is None else round(expected)) == throughput


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("small_app", "small"),
        ("MEDIUM_APP", "medium"),
        ("large-app", "large"),
        (" Large ", "large"),
    ],
)
def test_preset_long_names_are_aliases(alias: str, name: str) -> None:
    assert get_preset(alias) is PRESETS[name]


def test_unknown_preset_names_the_choices() -> None:
    with pytest.raises(UsageError, match="default, small, medium, large"):
        get_preset("huge")


def test_preset_builds_strategies_from_its_batch_sizes() -> None:
    preset = get_preset("small")
    assert preset.strategy("two") == Strategy.of("two", (10, 10))
    assert preset.strategy(StrategyKind.NONE).aggregation_factor == 1


@pytest.mark.parametrize(
    ("proofs", "kind"),
    [
        (1, "none"),
        (5, "none"),
        (6, "single"),
        (50, "single"),
        (51, "two"),
        (500, "two"),
        (501, "three"),
        (100_000, "three"),
    ],
)
def test_decider_follows_the_model_table(proofs: int, kind: str) -> None:
    assert decide(proofs) == Strategy.of(kind)


@pytest.mark.parametrize(
    ("preset", "proofs", "kind"),
    [
        ("medium", 9, "none"),
        ("medium", 10, "single"),
        ("large", 19, "none"),
        ("large", 20, "single"),
        ("large", 51, "two"),
    ],
)
def test_decider_threshold_comes_from_the_preset(preset: str, proofs: int, kind: str) -> None:
    assert decide(proofs, get_preset(preset)).kind is StrategyKind(kind)


@pytest.mark.parametrize("proofs", [0, -1])
def test_decider_needs_at_least_one_proof(proofs: int) -> None:
    with pytest.raises(UsageError, match="positive"):
        decide(proofs)
