"""Protocol limits of Ethereum that reports, the sweep and the chain layer all measure against."""

from __future__ import annotations

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
