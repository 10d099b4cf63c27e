"""The fee caps the harness gives every transaction it sends.

Left to fill them in, anvil caps a transaction's fee at its own next base fee plus its tip,
and under load it may answer a mined transaction's receipt before it has moved that base
fee on: the next transaction then carries the previous block's base fee, and so another
hash, though it is mined at the same price with the same gas. Records of the same scenario
would differ from one run to the next. So the harness sets the caps itself, from what it
already knows: the tip the node suggested when the chain was first used, and the base fee of
the block its last transaction was mined in (its effective gas price less that tip). The
cap is :data:`FEE_CAP_MARGIN` times that base fee plus the tip; a base fee rises at most an
eighth per block (EIP-1559), so the next block never needs more. The price paid, base fee
plus tip, is the one the node would have charged.

What the harness does not know (at first, after a revert, after a send that failed) it reads
from the latest block's header.
"""

from __future__ import annotations

from collections.abc import Callable

#: A transaction's fee caps are this many times the latest block's fees (plus the tip).
FEE_CAP_MARGIN = 2


class FeeCaps:
    """The fee caps of the next transaction, kept up to date from the mined ones."""

    def __init__(self, latest_base_fee: Callable[[], int], suggested_tip: Callable[[], int]):
        self._latest_base_fee = latest_base_fee
        self._suggested_tip = suggested_tip
        self._tip: int | None = None
        self._base_fee: int | None = None

    @property
    def tip(self) -> int:
        """The priority fee of every transaction: the node's suggestion, asked once."""
        if self._tip is None:
            self._tip = self._suggested_tip()
        return self._tip

    def fields(self) -> dict[str, int]:
        """The EIP-1559 fee fields of the next transaction."""
        if self._base_fee is None:
            self._base_fee = self._latest_base_fee()
        tip = self.tip
        return {"maxPriorityFeePerGas": tip, "maxFeePerGas": FEE_CAP_MARGIN * self._base_fee + tip}

    def mined(self, effective_gas_price: int) -> None:
        """A transaction sent with :meth:`fields` was mined at ``effective_gas_price``: its
        block's base fee is the latest one."""
        self._base_fee = max(effective_gas_price - self.tip, 0)

    def forget(self) -> None:
        """The chain moved on without the harness knowing how: read the next base fee."""
        self._base_fee = None
