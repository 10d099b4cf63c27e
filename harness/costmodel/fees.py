"""What L1 gas costs in ETH and USD: the fees a report prices gas at, and the priced cost.

Execution gas is priced at the base fee, blob gas (EIP-4844) at the blob base fee; tips are
left out. The fees are given, read from a node, or the cost model's defaults: a 30 gwei base
fee and ETH at 3,000 USD (docs/model.md), and a blob base fee of 1.875 gwei — the lowest an
Osaka block can keep for long at that base fee. EIP-7918 makes the blob fee's excess grow
whenever a blob's blob gas is cheaper than ``BLOB_BASE_COST`` execution gas, so the blob
base fee settles at no less than ``base fee × BLOB_BASE_COST / GAS_PER_BLOB`` (1/16 of it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from harness.common.errors import UsageError
from harness.costmodel.estimator import DEFAULT_ETH_USD, DEFAULT_GAS_PRICE_GWEI
from harness.ethereum.limits import BLOB_BASE_COST, GAS_PER_BLOB

WEI_PER_GWEI = 10**9
WEI_PER_ETH = 10**18

#: Where fees came from: typed on the command line, or the model's defaults; a node's are
#: ``node <URL>`` (see :func:`node_source`).
GIVEN = "given"
MODEL_DEFAULTS = "model defaults"


def reserve_blob_base_fee_gwei(base_fee_gwei: float) -> float:
    """EIP-7918's floor under the blob base fee at ``base_fee_gwei``: a blob's blob gas costs
    at least ``BLOB_BASE_COST`` gas at the base fee."""
    return base_fee_gwei * BLOB_BASE_COST / GAS_PER_BLOB


#: The blob base fee reports use when none is given: the reserve price at the default base fee.
DEFAULT_BLOB_BASE_FEE_GWEI = reserve_blob_base_fee_gwei(DEFAULT_GAS_PRICE_GWEI)


def node_source(url: str) -> str:
    """The source of fees read from the node at ``url``."""
    return f"node {url}"


def _checked(name: str, value: float, *, positive: bool) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise UsageError(f"{name} must be a finite number, got {value!r}")
    if value < 0 or (positive and value == 0):
        bound = "above 0" if positive else "at least 0"
        raise UsageError(f"{name} must be {bound}, got {value:g}")
    return float(value)


@dataclass(frozen=True)
class Fees:
    """The prices a report puts on gas: base fee and blob base fee in gwei, ETH in USD, and
    where they came from."""

    base_fee_gwei: float
    blob_base_fee_gwei: float
    eth_usd: float
    source: str

    def __post_init__(self) -> None:
        _checked("base_fee_gwei", self.base_fee_gwei, positive=False)
        _checked("blob_base_fee_gwei", self.blob_base_fee_gwei, positive=False)
        _checked("eth_usd", self.eth_usd, positive=True)
        if not self.source:
            raise UsageError("source must say where the fees came from")

    def to_json(self) -> dict[str, Any]:
        """The fees as ``summary.json``'s ``cost.fees`` holds them."""
        return {
            "base_fee_gwei": self.base_fee_gwei,
            "blob_base_fee_gwei": self.blob_base_fee_gwei,
            "eth_usd": self.eth_usd,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fees:
        """The fees a ``cost.fees`` object holds."""
        return cls(
            data["base_fee_gwei"], data["blob_base_fee_gwei"], data["eth_usd"], data["source"]
        )

    def describe(self) -> str:
        """One line: the three prices and where they came from."""
        return (
            f"base fee {self.base_fee_gwei:g} gwei, blob base fee {self.blob_base_fee_gwei:g} "
            f"gwei, ETH at {self.eth_usd:,.2f} USD ({self.source})"
        )


#: The cost model's prices.
DEFAULT_FEES = Fees(
    DEFAULT_GAS_PRICE_GWEI, DEFAULT_BLOB_BASE_FEE_GWEI, DEFAULT_ETH_USD, MODEL_DEFAULTS
)


def given_fees(
    base_fee_gwei: float | None = None,
    blob_base_fee_gwei: float | None = None,
    eth_usd: float | None = None,
) -> Fees:
    """The fees given, each one not given taken from :data:`DEFAULT_FEES`; the source says
    which were given."""
    values = {
        "base fee": base_fee_gwei,
        "blob base fee": blob_base_fee_gwei,
        "ETH price": eth_usd,
    }
    named = [name for name, value in values.items() if value is not None]
    if not named:
        return DEFAULT_FEES
    source = (
        GIVEN
        if len(named) == len(values)
        else f"{GIVEN}: {', '.join(named)}; rest {MODEL_DEFAULTS}"
    )
    return Fees(
        DEFAULT_FEES.base_fee_gwei if base_fee_gwei is None else base_fee_gwei,
        DEFAULT_FEES.blob_base_fee_gwei if blob_base_fee_gwei is None else blob_base_fee_gwei,
        DEFAULT_FEES.eth_usd if eth_usd is None else eth_usd,
        source,
    )


def node_fees(url: str, base_fee_wei: int, blob_base_fee_wei: int, eth_usd: float | None) -> Fees:
    """The fees a node at ``url`` quoted (in wei), with ``eth_usd`` given or the default (a
    node knows no ETH price)."""
    source = node_source(url)
    if eth_usd is None:
        eth_usd, source = DEFAULT_FEES.eth_usd, f"{source}; ETH price {MODEL_DEFAULTS}"
    return Fees(base_fee_wei / WEI_PER_GWEI, blob_base_fee_wei / WEI_PER_GWEI, eth_usd, source)


@dataclass(frozen=True)
class L1Cost:
    """Execution gas and blob gas priced at ``fees``."""

    fees: Fees
    execution_gas: int
    blob_gas: int

    @property
    def execution_eth(self) -> float:
        """Execution gas at the base fee, in ETH."""
        return self.execution_gas * self.fees.base_fee_gwei / 1e9

    @property
    def blob_eth(self) -> float:
        """Blob gas at the blob base fee, in ETH."""
        return self.blob_gas * self.fees.blob_base_fee_gwei / 1e9

    @property
    def total_eth(self) -> float:
        """Both together, in ETH."""
        return self.execution_eth + self.blob_eth

    @property
    def usd(self) -> float:
        """Both together, in USD."""
        return self.total_eth * self.fees.eth_usd

    def to_json(self) -> dict[str, Any]:
        """The cost as ``summary.json``'s ``cost`` holds it."""
        return {
            "fees": self.fees.to_json(),
            "execution_eth": self.execution_eth,
            "blob_eth": self.blob_eth,
            "total_eth": self.total_eth,
            "usd": self.usd,
        }
