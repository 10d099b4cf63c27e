"""What defines a scenario: the options of a run, checked once when they are made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.aggregation.choice import StrategyChoice
from harness.aggregation.strategies import Strategy
from harness.common.errors import UsageError
from harness.costmodel.decider import choose
from harness.costmodel.presets import get_preset
from harness.l2.blob_batch import check_da

ONCHAIN_MODES = ("range", "set")
#: The most batches one run settles (each is a commit and a proof; more would run for hours).
MAX_PROOFS = 100_000


@dataclass(frozen=True)
class RunConfig:
    """Everything that defines a scenario (the chain is given separately)."""

    proofs: int
    strategy: StrategyChoice = StrategyChoice()
    preset: str = "default"
    prover: str = "synthetic"
    onchain: str = "range"
    txs_per_batch: int = 100
    seed: int = 0
    verifier_artifact: Path | None = None
    #: Where each batch's data travels: calldata, blob or blob-kzg.
    da: str = "calldata"

    def __post_init__(self) -> None:
        if not isinstance(self.strategy, StrategyChoice):
            raise UsageError(
                f"strategy must be a StrategyChoice (StrategyChoice.parse({self.strategy!r}))"
            )
        if not 1 <= self.proofs <= MAX_PROOFS:
            raise UsageError(f"proofs must be between 1 and {MAX_PROOFS:,}, got {self.proofs}")
        if self.onchain not in ONCHAIN_MODES:
            raise UsageError(f"unknown on-chain mode {self.onchain!r}; choose range or set")
        if self.txs_per_batch < 1:
            raise UsageError(f"txs_per_batch must be at least 1, got {self.txs_per_batch}")
        if self.seed < 0:
            raise UsageError(f"seed must be >= 0, got {self.seed}")
        get_preset(self.preset)
        check_da(self.da)

    def resolved_strategy(self) -> Strategy:
        """The strategy this scenario settles with: the decider's pick for ``auto``."""
        return choose(self.strategy, self.proofs, get_preset(self.preset))

    def to_json(self) -> dict[str, Any]:
        """The options as a JSON object (the strategy by its name)."""
        return {
            "proofs": self.proofs,
            "strategy": self.strategy.name,
            "preset": self.preset,
            "prover": self.prover,
            "onchain": self.onchain,
            "txs_per_batch": self.txs_per_batch,
            "seed": self.seed,
            "verifier_artifact": str(self.verifier_artifact) if self.verifier_artifact else None,
            "da": self.da,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunConfig:
        """The options a JSON object of :meth:`to_json` holds."""
        artifact = data.get("verifier_artifact")
        return cls(
            **(
                data
                | {
                    "strategy": StrategyChoice.parse(data["strategy"]),
                    "verifier_artifact": Path(artifact) if artifact else None,
                }
            )
        )
