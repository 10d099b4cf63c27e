"""A mined transaction as its receipt tells it: the value every chain backend returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness.ethereum.calldata import CalldataCost


@dataclass(frozen=True)
class TxResult:
    """A mined transaction, as its receipt tells it."""

    tx_hash: str
    block: int
    status: int
    gas_used: int
    gas_limit: int
    calldata: CalldataCost
    contract_address: str | None = None
    logs: tuple[Any, ...] = field(default=(), repr=False, compare=False)
