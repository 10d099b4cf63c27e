"""What settling one scenario gave, as a run's ``summary.json`` and a sweep's ``manifest.json``
both record it: the strategy, the cost model's figures, the aggregation tree proved, the state
root the rollup reached, the proving work and the time it took."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.records.flat import flat_json, flat_values


@dataclass(frozen=True)
class ModelFigures:
    """The cost model's figures for a scenario (those of
    :class:`harness.costmodel.estimator.Estimate`, the strategy by its short name)."""

    proofs: int
    strategy: str
    aggregation_factor: int
    aggregated_count: int
    no_aggregation_verify_time_ms: float
    no_aggregation_proof_size_kb: float
    no_aggregation_gas: int
    no_aggregation_tps: float
    aggregated_verify_time_ms: float
    aggregated_proof_size_kb: float
    aggregated_gas: int
    aggregated_tps: float
    tps_improvement: float
    gas_savings_percent: float
    size_savings_percent: float
    cost_saving_usd: float

    def to_json(self) -> dict[str, Any]:
        """The figures by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModelFigures:
        """The figures an estimate's JSON object holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class TreeShape:
    """The aggregation forest a scenario proved, and the depth of its set tree (set mode)."""

    strategy: str
    leaves: int
    depth: int
    max_fan_out: int
    node_count: int
    #: Each root's first and last batch.
    roots: tuple[tuple[int, int], ...]
    #: Levels of the set-builder tree over the roots; None when settling range proofs.
    set_depth: int | None

    def to_json(self) -> dict[str, Any]:
        """The shape by name, the roots as ``[first, last]`` pairs."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeShape:
        """The shape a forest's JSON object (with ``set_depth``) holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class ProvingStats:
    """The proving work of a scenario or a sweep: requests, seals and time."""

    requests: int
    seals_made: int
    #: Seals taken from an earlier run's receipts instead of being proved.
    seals_reused: int
    cache_hit_rate: float
    workers: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The statistics by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProvingStats:
        """The statistics a prover pool's JSON object holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class ScenarioOutcome:
    """One settled scenario: its strategy, the model's figures and what was measured settling it."""

    proofs: int
    txs_per_batch: int
    strategy: str
    strategy_description: str
    aggregation_factor: int
    model: ModelFigures
    tree: TreeShape
    onchain_state_root: str
    proving: ProvingStats
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The outcome's keys; a run summary and a sweep scenario place them among their own."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScenarioOutcome:
        """The outcome's keys of ``data`` (a run summary or a sweep scenario; others ignored)."""
        return cls(
            **flat_values(cls, data)
            | {
                "model": ModelFigures.from_json(data["model"]),
                "tree": TreeShape.from_json(data["tree"]),
                "proving": ProvingStats.from_json(data["proving"]),
            }
        )
