"""The cost model's estimator: verify time, gas, proof size and "TPS" with and without aggregation.

Implemented exactly as docs/model.md states it, so that it can serve as the "model" column of every
report. "TPS" here is proofs verified per second of verification time, not L2 transactions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from harness.aggregation.strategies import Strategy, StrategyKind, require_proof_count
from harness.common.errors import UsageError

# Constants of the model (docs/model.md, "Inputs"), from the earlier off-chain analysis of
# RISC Zero.
#: Time to verify one proof, measured off-chain on RISC Zero.
VERIFY_TIME_MS = 24.5
#: Size of one (STARK) proof.
PROOF_SIZE_KB = 215
#: L1 gas the model charges for one verification.
GAS_PER_VERIFICATION = 300_000
#: An aggregated proof is taken to be 20 % larger than a plain one.
AGGREGATED_PROOF_SIZE_FACTOR = 1.2
#: Default gas price and ETH price for the cost saving (docs/model.md; both settable).
DEFAULT_GAS_PRICE_GWEI = 30.0
DEFAULT_ETH_USD = 3_000.0

_GWEI_IN_ETH = 1e-9


@dataclass(frozen=True)
class Estimate:
    """The model's figures for ``proofs`` proofs settled with ``strategy``."""

    proofs: int
    strategy: Strategy
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
        """A JSON-ready dict of every figure, the strategy given by its short name."""
        return {
            "proofs": self.proofs,
            "strategy": self.strategy.name,
            "aggregation_factor": self.aggregation_factor,
            "aggregated_count": self.aggregated_count,
            "no_aggregation_verify_time_ms": self.no_aggregation_verify_time_ms,
            "no_aggregation_proof_size_kb": self.no_aggregation_proof_size_kb,
            "no_aggregation_gas": self.no_aggregation_gas,
            "no_aggregation_tps": self.no_aggregation_tps,
            "aggregated_verify_time_ms": self.aggregated_verify_time_ms,
            "aggregated_proof_size_kb": self.aggregated_proof_size_kb,
            "aggregated_gas": self.aggregated_gas,
            "aggregated_tps": self.aggregated_tps,
            "tps_improvement": self.tps_improvement,
            "gas_savings_percent": self.gas_savings_percent,
            "size_savings_percent": self.size_savings_percent,
            "cost_saving_usd": self.cost_saving_usd,
        }


def aggregated_count(proofs: int, strategy: Strategy) -> int:
    """Number of proofs submitted on chain: ``ceil(proofs / factor)`` (all of them unaggregated)."""
    require_proof_count(proofs)
    return math.ceil(proofs / strategy.aggregation_factor)


def estimate(
    proofs: int,
    strategy: Strategy,
    *,
    gas_price_gwei: float = DEFAULT_GAS_PRICE_GWEI,
    eth_usd: float = DEFAULT_ETH_USD,
) -> Estimate:
    """The model's figures for settling ``proofs`` proofs with ``strategy``.

    The USD cost saving prices the saved gas at ``gas_price_gwei`` and ``eth_usd``.
    """
    for value, unit in ((gas_price_gwei, "gwei"), (eth_usd, "USD/ETH")):
        if not (math.isfinite(value) and value >= 0):
            raise UsageError(f"prices must be finite and not negative, got {value} {unit}")
    count = aggregated_count(proofs, strategy)
    size_factor = 1.0 if strategy.kind is StrategyKind.NONE else AGGREGATED_PROOF_SIZE_FACTOR
    no_agg_time = proofs * VERIFY_TIME_MS
    no_agg_gas = proofs * GAS_PER_VERIFICATION
    no_agg_size = proofs * PROOF_SIZE_KB
    agg_time = count * VERIFY_TIME_MS
    agg_gas = count * GAS_PER_VERIFICATION
    agg_size = count * PROOF_SIZE_KB * size_factor
    no_agg_tps = proofs * 1000 / no_agg_time
    agg_tps = proofs * 1000 / agg_time
    return Estimate(
        proofs=proofs,
        strategy=strategy,
        aggregation_factor=strategy.aggregation_factor,
        aggregated_count=count,
        no_aggregation_verify_time_ms=no_agg_time,
        no_aggregation_proof_size_kb=no_agg_size,
        no_aggregation_gas=no_agg_gas,
        no_aggregation_tps=no_agg_tps,
        aggregated_verify_time_ms=agg_time,
        aggregated_proof_size_kb=agg_size,
        aggregated_gas=agg_gas,
        aggregated_tps=agg_tps,
        tps_improvement=agg_tps / no_agg_tps,
        gas_savings_percent=(1 - agg_gas / no_agg_gas) * 100,
        size_savings_percent=(1 - agg_size / no_agg_size) * 100,
        cost_saving_usd=(no_agg_gas - agg_gas) * gas_price_gwei * _GWEI_IN_ETH * eth_usd,
    )
