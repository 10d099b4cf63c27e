"""L1-bound throughput: how many batches (and L2 transactions per second) L1 can settle.

A block of 60,000,000 gas every 12 s (:mod:`harness.ethereum.limits`) is the budget. Each batch
costs its commit plus its share of the settlement (all finalise gas of a scenario spread over its
batches). This is a different
quantity from the cost model's "TPS", which counts proofs verified per second of off-chain
verification time and knows nothing of L1 gas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from harness.ethereum.limits import BLOCK_GAS, BLOCK_SECONDS


@dataclass(frozen=True)
class Throughput:
    """What one L1 block absorbs of a scenario's workload."""

    gas_per_batch: float
    settlement_gas_per_batch: float
    batches_per_block: float
    l2_tps: float
    #: Batches per block if batch data cost nothing (settlement alone).
    settlement_only_batches_per_block: float
    #: Full blocks the whole scenario (data and settlement) fills.
    blocks: int


def l1_throughput(
    *,
    commit_gas: int,
    settlement_gas: int,
    batches: int,
    txs_per_batch: int,
    block_gas: int = BLOCK_GAS,
    block_seconds: float = BLOCK_SECONDS,
) -> Throughput:
    """Throughput of a workload whose ``batches`` batches cost these commit and settlement gas."""
    settlement_per_batch = settlement_gas / batches
    per_batch = commit_gas / batches + settlement_per_batch
    per_block = block_gas / per_batch
    return Throughput(
        gas_per_batch=per_batch,
        settlement_gas_per_batch=settlement_per_batch,
        batches_per_block=per_block,
        l2_tps=per_block * txs_per_batch / block_seconds,
        settlement_only_batches_per_block=block_gas / settlement_per_batch,
        blocks=math.ceil((commit_gas + settlement_gas) / block_gas),
    )
