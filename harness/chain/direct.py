"""Transactions sent to a node that signs for the senders, as plain JSON-RPC requests.

Through web3 every transaction costs five requests and a pass through its middleware and
formatters: the send asks for the latest block and the chain id first, and the receipt wait
asks for the chain id again. A node that holds the senders' keys (anvil impersonates them)
needs none of that when the transaction carries its gas limit and nonce. :class:`NodeRpc`
sends it with ``eth_sendTransactionSync``, which answers with the receipt once the block is
mined (one request per transaction); a node without that method gets ``eth_sendTransaction``
and receipt polling instead. The requests go through the chain's own provider, so timeouts,
retries and :class:`~harness.chain.transport.NodeUnavailable` are those of every request.

The transaction sent carries its sender, target, data, gas, nonce and the fee caps the chain
sets (:mod:`harness.chain.fee_caps`), and is mined with the gas web3's would be mined with.

A transaction with blobs the node cannot sign: the chain signs it and :meth:`NodeRpc.send_raw`
hands it over with ``eth_sendRawTransactionSync`` (else ``eth_sendRawTransaction`` and polls).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

from hexbytes import HexBytes
from web3 import Web3
from web3.datastructures import AttributeDict
from web3.exceptions import (
    BadResponseFormat,
    ContractLogicError,
    MethodUnavailable,
    Web3RPCError,
)
from web3.providers import BaseProvider
from web3.types import RPCEndpoint

from harness.ethereum.calldata import CalldataCost
from harness.ethereum.mined import TxResult

SYNC_SEND = "eth_sendTransactionSync"
SEND = "eth_sendTransaction"
RAW_SYNC_SEND = "eth_sendRawTransactionSync"
RAW_SEND = "eth_sendRawTransaction"
RECEIPT = "eth_getTransactionReceipt"
CALL = "eth_call"
#: JSON-RPC's "method not found" error code.
METHOD_NOT_FOUND = -32601
#: Receipt polling (without the synchronous send) starts this fast and slows down to the
#: second figure: a node that mines on arrival answers the first or second poll.
FIRST_POLL_S = 0.0005
LAST_POLL_S = 0.05


@dataclass(frozen=True)
class Sent:
    """A transaction the node took: its hash, and its receipt when the send returned one."""

    tx_hash: bytes
    receipt: Mapping[str, Any] | None = None


class NodeRpc:
    """JSON-RPC requests straight to ``provider``, past web3's middleware and formatters."""

    def __init__(self, provider: BaseProvider) -> None:
        self._provider = provider
        #: Whether the node answers ``eth_sendTransactionSync`` (until it says it does not).
        self.sync = True
        #: The same for ``eth_sendRawTransactionSync`` (signed transactions: those with blobs).
        self.raw_sync = True

    @property
    def send_method(self) -> str:
        """The JSON-RPC method transactions are sent with."""
        return SYNC_SEND if self.sync else SEND

    def request(self, method: str, params: list[Any]) -> Any:
        """The result of one request; an error answer raises web3's exception for it
        (:class:`~web3.exceptions.Web3RPCError`, or ``MethodUnavailable``), an answer with
        neither result nor error ``BadResponseFormat``."""
        response = self._provider.make_request(RPCEndpoint(method), params)
        error = response.get("error")
        if error is not None:
            code = error.get("code") if isinstance(error, dict) else None
            kind = MethodUnavailable if code == METHOD_NOT_FOUND else Web3RPCError
            raise kind(repr(error), rpc_response=response)
        if "result" not in response:
            raise BadResponseFormat(f"the node answered {method} with neither result nor error")
        return response["result"]

    def send(self, tx: Mapping[str, Any]) -> Sent:
        """Send ``tx`` (from, to, data, gas, nonce and the fee caps it has); with the
        synchronous send, the receipt comes back with it."""
        params = [json_tx(tx)]
        if self.sync:
            sent = self._sync_send(SYNC_SEND, params)
            if sent is not None:
                return sent
            self.sync = False
        return Sent(bytes.fromhex(self.request(SEND, params)[2:]))

    def send_raw(self, raw: bytes) -> Sent:
        """Send the signed transaction ``raw`` (in its network form); with the synchronous
        send, the receipt comes back with it."""
        params = ["0x" + raw.hex()]
        if self.raw_sync:
            sent = self._sync_send(RAW_SYNC_SEND, params)
            if sent is not None:
                return sent
            self.raw_sync = False
        return Sent(bytes.fromhex(self.request(RAW_SEND, params)[2:]))

    def _sync_send(self, method: str, params: list[Any]) -> Sent | None:
        """The transaction sent with the synchronous ``method`` and its receipt; None if the
        node has no such method."""
        try:
            receipt = self.request(method, params)
        except MethodUnavailable:
            return None
        return Sent(bytes.fromhex(receipt["transactionHash"][2:]), receipt)

    def call(self, tx: Mapping[str, Any]) -> bytes:
        """What ``eth_call`` of ``tx`` (from, to, data) returns at the latest block; a revert
        raises web3's :class:`~web3.exceptions.ContractLogicError` with its data, as web3's
        own call does."""
        params = {"from": tx["from"], "to": tx["to"], "data": "0x" + bytes(tx["data"]).hex()}
        try:
            return bytes.fromhex(self.request(CALL, [params, "latest"])[2:])
        except Web3RPCError as exc:
            error = (exc.rpc_response or {}).get("error")
            data = error.get("data") if isinstance(error, dict) else None
            if isinstance(data, str) and data.startswith("0x"):
                raise ContractLogicError(error.get("message"), data=data) from None
            raise

    def wait_for_receipt(self, tx_hash: bytes, timeout: float) -> Mapping[str, Any] | None:
        """The receipt of ``tx_hash`` once it is mined; None if that takes over ``timeout`` s."""
        deadline = time.monotonic() + timeout
        pause = FIRST_POLL_S
        params = ["0x" + tx_hash.hex()]
        while (receipt := self.request(RECEIPT, params)) is None:
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, LAST_POLL_S)
        return receipt


#: The quantities of a transaction the node takes as they are given, when they are.
OPTIONAL_QUANTITIES = ("maxFeePerGas", "maxPriorityFeePerGas")


def json_tx(tx: Mapping[str, Any]) -> dict[str, str]:
    """``tx`` as JSON-RPC takes it: quantities and data as 0x-prefixed hex."""
    params = {"from": tx["from"], "data": "0x" + bytes(tx["data"]).hex(), "gas": hex(tx["gas"])}
    if tx.get("to") is not None:
        params["to"] = tx["to"]
    params["nonce"] = hex(tx["nonce"])
    params.update((name, hex(tx[name])) for name in OPTIONAL_QUANTITIES if name in tx)
    return params


#: The checksummed form of an address (a keccak hash each time): the few contracts a run
#: talks to are worked out once.
checksummed = lru_cache(maxsize=1024)(Web3.to_checksum_address)


def node_result(receipt: Mapping[str, Any], gas_limit: int, cost: CalldataCost) -> TxResult:
    """The mined result of a receipt as the node sent it (hex quantities), with its logs as
    web3 gives them (:class:`NodeLogs`)."""
    created = receipt.get("contractAddress")
    return TxResult(
        tx_hash=receipt["transactionHash"].lower(),
        block=int(receipt["blockNumber"], 16),
        status=int(receipt["status"], 16),
        gas_used=int(receipt["gasUsed"], 16),
        gas_limit=gas_limit,
        calldata=cost,
        contract_address=checksummed(created) if created else None,
        logs=NodeLogs(receipt["logs"]),
        effective_gas_price=int(receipt.get("effectiveGasPrice") or "0x0", 16),
        blob_gas_used=int(receipt.get("blobGasUsed") or "0x0", 16),
    )


class NodeLogs(Sequence[AttributeDict[str, Any]]):
    """A receipt's log entries, kept as the node sent them and formatted as web3 formats a
    receipt's logs (:func:`web3_log`) each time one is read.

    Formatting every entry as it arrives took a good share of the harness's own time per
    transaction, and the logs of most transactions are never read. Equal to any sequence of
    the same formatted entries (such as the tuple a receipt read through web3 holds).
    """

    __slots__ = ("_entries",)

    def __init__(self, entries: Sequence[Mapping[str, Any]]) -> None:
        self._entries = tuple(entries)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> AttributeDict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[AttributeDict[str, Any], ...]: ...

    def __getitem__(
        self, index: int | slice
    ) -> AttributeDict[str, Any] | tuple[AttributeDict[str, Any], ...]:
        if isinstance(index, slice):
            return tuple(web3_log(entry) for entry in self._entries[index])
        return web3_log(self._entries[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"NodeLogs({list(self)!r})"


def web3_log(log: Mapping[str, Any]) -> AttributeDict[str, Any]:
    """A log entry as the node sent it, formatted as web3 formats a receipt's logs: hashes,
    topics and data as ``HexBytes``, quantities as ints, the address checksummed."""
    formatted = dict(log)
    for key in HASH_FIELDS:
        if key in log:
            formatted[key] = _hex_bytes(log[key]) if log[key] is not None else None
    for key in QUANTITY_FIELDS:
        if isinstance(log.get(key), str):
            formatted[key] = int(log[key], 16)
    formatted["address"] = checksummed(log["address"])
    formatted["topics"] = [_hex_bytes(topic) for topic in log["topics"]]
    formatted["data"] = _hex_bytes(log["data"])
    return AttributeDict(formatted)


def _hex_bytes(text: str) -> HexBytes:
    """``HexBytes`` of a node's 0x-prefixed hex, read by ``bytes.fromhex`` and wrapped as
    ``HexBytes`` wraps bytes it already holds (its own reading of a string takes several
    times longer); other forms of hex are left to ``HexBytes``."""
    if len(text) % 2 or text[:2] != "0x":
        return HexBytes(text)
    return bytes.__new__(HexBytes, bytes.fromhex(text[2:]))


#: The fields of a log entry that web3 turns into ``HexBytes`` and into ints.
HASH_FIELDS = ("blockHash", "transactionHash")
QUANTITY_FIELDS = ("blockNumber", "transactionIndex", "logIndex")
