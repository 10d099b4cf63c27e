"""The fee options of ``run`` and ``sweep``: the prices their reports put on the measured gas.

``--base-fee-gwei``, ``--blob-base-fee-gwei`` and ``--eth-usd`` give them; ``--fees-from URL``
asks a JSON-RPC node for its base fee and blob base fee instead; what is not given is the
cost model's default (:data:`harness.costmodel.fees.DEFAULT_FEES`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from harness.chain.node_fees import read_node_fees
from harness.commands.options import price_check, url_checked
from harness.common.errors import UsageError
from harness.costmodel.fees import DEFAULT_FEES, Fees, given_fees, node_fees

FC = TypeVar("FC", bound=Callable[..., Any])


def fee_options(function: FC) -> FC:
    """Add the four fee options to a command (parameters ``base_fee_gwei``,
    ``blob_base_fee_gwei``, ``eth_usd`` and ``fees_from``)."""
    options = (
        click.option(
            "--base-fee-gwei",
            type=float,
            default=None,
            callback=price_check(False),
            help=f"Base fee that prices execution gas [default: {DEFAULT_FEES.base_fee_gwei:g}].",
        ),
        click.option(
            "--blob-base-fee-gwei",
            type=float,
            default=None,
            callback=price_check(False),
            help="Blob base fee that prices blob gas [default: "
            f"{DEFAULT_FEES.blob_base_fee_gwei:g}, EIP-7918's floor at the default base fee].",
        ),
        click.option(
            "--eth-usd",
            type=float,
            default=None,
            callback=price_check(True),
            help=f"ETH price in USD [default: {DEFAULT_FEES.eth_usd:g}].",
        ),
        click.option(
            "--fees-from",
            default=None,
            metavar="URL",
            callback=url_checked,
            help="Read the base fee (eth_feeHistory) and blob base fee (eth_blobBaseFee) from "
            "this JSON-RPC node.",
        ),
    )
    for option in reversed(options):
        function = option(function)
    return function


def resolve_fees(
    base_fee_gwei: float | None,
    blob_base_fee_gwei: float | None,
    eth_usd: float | None,
    fees_from: str | None,
) -> Fees:
    """The fees the options ask for: a node's, the given ones, or the model's defaults."""
    if fees_from is None:
        return given_fees(base_fee_gwei, blob_base_fee_gwei, eth_usd)
    if base_fee_gwei is not None or blob_base_fee_gwei is not None:
        raise UsageError("--fees-from reads both base fees from the node; drop the ones given")
    quoted = read_node_fees(fees_from)
    return node_fees(quoted.url, quoted.base_fee_wei, quoted.blob_base_fee_wei, eth_usd)
