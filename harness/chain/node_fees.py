"""The fees a JSON-RPC node quotes for its next block: the base fee (``eth_feeHistory``) and
the blob base fee (``eth_blobBaseFee``), in wei."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3 import Web3

from harness.chain.selection import check_rpc_url
from harness.chain.transport import NodeUnavailable, RetryingHTTPProvider, RpcPolicy
from harness.common.errors import ChainError


@dataclass(frozen=True)
class NodeFees:
    """A node's fees for its next block, in wei."""

    url: str
    base_fee_wei: int
    blob_base_fee_wei: int


def _quantity(url: str, method: str, value: Any) -> int:
    if isinstance(value, str):
        try:
            return int(value, 16)
        except ValueError:
            pass
    raise ChainError(f"the node at {url} answered {method} with {value!r}, not a quantity")


def _result(provider: RetryingHTTPProvider, url: str, method: str, params: list[Any]) -> Any:
    try:
        answer = provider.make_request(method, params)  # type: ignore[arg-type]
    except NodeUnavailable as exc:
        raise NodeUnavailable(f"no JSON-RPC node answers at {url} ({exc.fault})") from None
    if "error" in answer:
        message = answer["error"].get("message", answer["error"])
        raise ChainError(f"the node at {url} cannot answer {method}: {message}")
    return answer.get("result")


def read_node_fees(url: str, policy: RpcPolicy | None = None) -> NodeFees:
    """The base fee and blob base fee the node at ``url`` quotes for its next block.

    ``eth_feeHistory`` over the latest block lists that block's base fee and the next one's;
    the next one's is taken. A node without blobs (no ``eth_blobBaseFee``) is an error.
    """
    check_rpc_url(url)
    provider = RetryingHTTPProvider(url, policy or RpcPolicy.from_env())
    Web3(provider)  # binds the provider to a web3 instance, as its requests expect
    history = _result(provider, url, "eth_feeHistory", ["0x1", "latest", []])
    base_fees = history.get("baseFeePerGas") if isinstance(history, dict) else None
    if not base_fees:
        raise ChainError(f"the node at {url} answered eth_feeHistory without baseFeePerGas")
    base_fee = _quantity(url, "eth_feeHistory", base_fees[-1])
    blob_fee = _quantity(url, "eth_blobBaseFee", _result(provider, url, "eth_blobBaseFee", []))
    return NodeFees(url, base_fee, blob_fee)
