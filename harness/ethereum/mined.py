"""A mined transaction as its receipt tells it: the value every chain backend returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from harness.ethereum.calldata import CalldataCost


@dataclass(frozen=True)
class TxResult:
    """A mined transaction, as its receipt tells it.

    The blob fields are zero for a transaction without blobs. ``blob_gas_price`` is the blob
    base fee of the transaction's block, worked out from its header's excess blob gas (one
    backend's receipts report a total there instead of a price).
    """

    tx_hash: str
    block: int
    status: int
    gas_used: int
    gas_limit: int
    calldata: CalldataCost
    contract_address: str | None = None
    logs: Sequence[Any] = field(default=(), repr=False, compare=False)
    #: Wei paid per unit of execution gas: the block's base fee plus the priority fee.
    effective_gas_price: int = 0
    #: How many blobs the transaction carried, and the blob gas they used.
    blob_count: int = 0
    blob_gas_used: int = 0
    #: Wei per unit of blob gas.
    blob_gas_price: int = 0
