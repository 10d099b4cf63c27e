"""Protocol limits of Ethereum that reports, the sweep and the chain layer all measure against."""

from __future__ import annotations

from dataclasses import dataclass

from harness.common.errors import UsageError

#: EIP-7825 (Osaka): the most gas one transaction may ask for, 2^24.
TX_GAS_CAP = 2**24
#: Forks that enforce EIP-7825's per-transaction gas cap.
TX_CAP_FORKS = frozenset({"osaka"})
#: The block gas budget the reports assume (and the local chains are started with).
BLOCK_GAS = 60_000_000
#: Seconds between L1 blocks.
BLOCK_SECONDS = 12.0


def tx_gas_limit(fork: str, block_gas_limit: int) -> int:
    """The most gas one transaction may use on ``fork``: the cap on Osaka, else the block's."""
    if fork in TX_CAP_FORKS:
        return min(block_gas_limit, TX_GAS_CAP)
    return block_gas_limit


def limit_name(fork: str, block_gas_limit: int) -> str:
    """Which limit :func:`tx_gas_limit` is on ``fork``, in words."""
    limit = tx_gas_limit(fork, block_gas_limit)
    if fork in TX_CAP_FORKS and limit == TX_GAS_CAP:
        return f"the EIP-7825 cap of {limit:,} gas per transaction"
    return f"the block gas limit of {limit:,} gas"


# -- blobs (EIP-4844 and the forks that re-tuned it) ---------------------------------------------
#: EIP-4844: GAS_PER_BLOB, the blob gas one blob uses (2^17, its size in bytes).
GAS_PER_BLOB = 2**17
#: EIP-4844: MIN_BASE_FEE_PER_BLOB_GAS, in wei.
MIN_BLOB_BASE_FEE = 1
#: EIP-7918 (Osaka): BLOB_BASE_COST, the execution gas a blob is priced at, at least.
BLOB_BASE_COST = 2**13


@dataclass(frozen=True)
class BlobSchedule:
    """A fork's blob parameters: how many blobs a block targets and holds, how many one
    transaction may carry, and how fast the blob base fee moves."""

    fork: str
    target_per_block: int
    max_per_block: int
    max_per_tx: int
    update_fraction: int
    #: Whether EIP-7918's reserve price (the blob base fee bound by execution cost) applies.
    reserve_price: bool = False
    #: Whether the network form of a blob transaction carries EIP-7594 cell proofs
    #: (wrapper version 1) instead of one EIP-4844 proof per blob.
    cell_proofs: bool = False

    @property
    def target_blob_gas(self) -> int:
        """Blob gas per block at the target."""
        return self.target_per_block * GAS_PER_BLOB

    @property
    def max_blob_gas(self) -> int:
        """The most blob gas a block may use."""
        return self.max_per_block * GAS_PER_BLOB


#: Cancun: EIP-4844 (3 / 6 per block; a transaction is limited only by the block).
#: Prague: EIP-7691 (6 / 9 per block, a slower fee). Osaka: the same block parameters, with
#: EIP-7594's 6 blobs per transaction and cell proofs, and EIP-7918's reserve price. (Mainnet
#: raises the block parameters after Osaka by blob-parameter-only forks, EIP-7892.)
BLOB_SCHEDULES = {
    "cancun": BlobSchedule("cancun", 3, 6, 6, 3_338_477),
    "prague": BlobSchedule("prague", 6, 9, 9, 5_007_716),
    "osaka": BlobSchedule("osaka", 6, 9, 6, 5_007_716, reserve_price=True, cell_proofs=True),
}


def blob_schedule(fork: str) -> BlobSchedule:
    """The blob parameters of ``fork``; raises :class:`UsageError` for a fork without blobs."""
    try:
        return BLOB_SCHEDULES[fork]
    except KeyError:
        raise UsageError(
            f"fork {fork!r} has no blob parameters; blobs exist on {', '.join(BLOB_SCHEDULES)}"
        ) from None


def fake_exponential(factor: int, numerator: int, denominator: int) -> int:
    """EIP-4844's integer approximation of ``factor * e ** (numerator / denominator)``."""
    output = 0
    term = factor * denominator
    i = 1
    while term > 0:
        output += term
        term = term * numerator // (denominator * i)
        i += 1
    return output // denominator


def blob_base_fee(excess_blob_gas: int, fork: str) -> int:
    """The blob base fee (wei per blob gas) of a block whose header holds ``excess_blob_gas``."""
    schedule = blob_schedule(fork)
    return fake_exponential(MIN_BLOB_BASE_FEE, excess_blob_gas, schedule.update_fraction)


def next_excess_blob_gas(
    excess_blob_gas: int, blob_gas_used: int, base_fee_per_gas: int, fork: str
) -> int:
    """The excess blob gas of the block after one with these header fields (EIP-4844).

    On Osaka, EIP-7918: while a blob's execution cost (``BLOB_BASE_COST`` times the base fee)
    is above its blob fee, the excess grows by ``blob_gas_used * (max - target) / max``
    instead of moving by the distance from the target.
    """
    schedule = blob_schedule(fork)
    if excess_blob_gas + blob_gas_used < schedule.target_blob_gas:
        return 0
    blob_fee = GAS_PER_BLOB * blob_base_fee(excess_blob_gas, fork)
    if schedule.reserve_price and BLOB_BASE_COST * base_fee_per_gas > blob_fee:
        gap = schedule.max_per_block - schedule.target_per_block
        return excess_blob_gas + blob_gas_used * gap // schedule.max_per_block
    return excess_blob_gas + blob_gas_used - schedule.target_blob_gas
