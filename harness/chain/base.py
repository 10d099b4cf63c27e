"""One chain interface over every backend: deploy, transact, call, receipts and logs.

Backends differ only in how the :class:`Chain` is built (see :mod:`harness.chain.backends`);
callers never branch on which EVM they talk to. Every transaction carries an explicit gas
limit, so no backend estimates gas, an explicit nonce, so a send repeated after a lost
answer cannot be mined twice, and explicit fee caps (:mod:`harness.chain.fee_caps`), so the
same transaction has the same hash from run to run. A transaction with blobs (type 3) is
signed here with the sender's key and sent raw, its sidecar (blobs, commitments, proofs)
beside it, on every backend. A revert — raised before sending or mined with status 0 —
always surfaces as :class:`Reverted` with the decoded custom error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import eth_abi
from eth_abi.exceptions import DecodingError
from eth_account.signers.local import LocalAccount
from eth_utils.exceptions import ValidationError
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import TimeExhausted, TransactionNotFound, Web3Exception

from harness.chain import history
from harness.chain.direct import NodeRpc, Sent, checksummed, node_result
from harness.chain.encoding import function_calldata, lookup_function
from harness.chain.fee_caps import FEE_CAP_MARGIN, FeeCaps
from harness.chain.frames import Tracer, TxFrames, node_tracer
from harness.chain.reverts import (
    DecodedError,
    ErrorRegistry,
    canonical_type,
    revert_data,
    revert_exceptions,
)
from harness.chain.transport import (
    RECEIPT_TIMEOUT_ENV,
    NodeUnavailable,
    NotMined,
    default_receipt_timeout,
)
from harness.common.errors import ChainError
from harness.ethereum.blob_tx import (
    BlobSidecar,
    network_form,
    proved,
    sidecar,
    sign_blob_tx,
)
from harness.ethereum.calldata import CalldataCost, calldata_cost
from harness.ethereum.limits import blob_base_fee, next_excess_blob_gas, tx_gas_limit
from harness.ethereum.mined import TxResult
from harness.toolchain.solc import Artifact

#: What a node (or eth-tester) raises when it will not take a transaction.
REFUSED_EXCEPTIONS = (Web3Exception, ValueError, ValidationError)
#: Words of a refusal that mean the nonce is already used (by this very transaction, when an
#: answer was lost and the send repeated, or by another one). A synchronous send that the
#: node took but did not mine within its own wait ("confirmation timeout") holds its nonce too.
NONCE_CONFLICTS = (
    "nonce too low",
    "already imported",
    "already known",
    "invalid transaction nonce",
    "replacement transaction underpriced",
    "confirmation timeout",
)
#: What a transaction with blobs reads of a block header: its fees and its blob gas.
FEE_HEADER_FIELDS = ("baseFeePerGas", "excessBlobGas", "blobGasUsed")


@dataclass(frozen=True)
class ChainInfo:
    """What a chain is: reported at the top of every report."""

    backend: str
    fork: str
    chain_id: int
    block_gas_limit: int
    client: str


#: How a backend whose ``eth_call`` cannot carry blob hashes runs a mined transaction (by hash
#: and block) again on the state before it; returns its revert data (None: it succeeds).
Replayer = Callable[[str, int], bytes | None]


@dataclass(frozen=True)
class Snapshots:
    """How a backend remembers its state and goes back to it."""

    take: Callable[[], object]
    restore: Callable[[object], bool]


def rpc_snapshots(w3: Web3) -> Snapshots:
    """Snapshots through the ``evm_snapshot`` / ``evm_revert`` JSON-RPC methods (anvil, hardhat).

    A revert waits first (at most :data:`POOL_DRAIN_S`) until the node's pool is empty. anvil
    answers a transaction's receipt before it prunes the transaction from its pool; reverted
    in between, the transaction stays there, no longer mined: the sender's pending nonce
    counts it, and the same transaction sent again is refused as "already imported".
    """

    def request(method: str, params: list[Any]) -> Any:
        response = w3.provider.make_request(method, params)
        if "error" in response:
            message = response["error"].get("message", response["error"])
            raise ChainError(f"the node cannot {method} ({message}); use a local backend")
        return response["result"]

    def restore(snapshot: object) -> bool:
        _wait_for_empty_pool(w3)
        return bool(request("evm_revert", [snapshot]))

    return Snapshots(take=lambda: request("evm_snapshot", []), restore=restore)


#: How long a revert waits for the node's pool to empty (see :func:`rpc_snapshots`).
POOL_DRAIN_S = 5.0
POOL_POLL_S = 0.001


def _wait_for_empty_pool(w3: Web3) -> None:
    """Return once the node's ``txpool_status`` counts no transaction (at once on a node
    without it), or after :data:`POOL_DRAIN_S` seconds."""
    deadline = time.monotonic() + POOL_DRAIN_S
    while time.monotonic() < deadline:
        status = w3.provider.make_request("txpool_status", []).get("result")
        if not isinstance(status, dict) or not any(
            _quantity(status.get(kind, 0)) for kind in ("pending", "queued")
        ):
            return
        time.sleep(POOL_POLL_S)


def _quantity(value: str | int) -> int:
    """A JSON-RPC quantity: hex text, or a number as some nodes send it."""
    return int(value, 16) if isinstance(value, str) else int(value)


class Reverted(ChainError):
    """A call or transaction reverted; ``error`` names the decoded custom error."""

    def __init__(self, error: DecodedError, tx: TxResult | None = None) -> None:
        self.error = error
        self.tx = tx
        where = f" (tx {tx.tx_hash}, block {tx.block})" if tx else ""
        super().__init__(f"reverted with {error}{where}")


@dataclass(frozen=True)
class Deployment:
    """A deployed contract and the transaction that deployed it."""

    contract: Contract
    tx: TxResult

    @property
    def address(self) -> str:
        """The contract's checksummed address."""
        return self.contract.address


class Chain:
    """A connected chain with a funded sender account."""

    def __init__(
        self,
        w3: Web3,
        info: ChainInfo,
        sender: str,
        accounts: tuple[str, ...],
        *,
        receipt_timeout: float | None = None,
        on_close: Callable[[], None] | None = None,
        snapshots: Snapshots | None = None,
        persistent: bool = False,
        notes: tuple[str, ...] = (),
        url: str | None = None,
        node_pid: int | None = None,
        direct: NodeRpc | None = None,
        tracer: Tracer | None = None,
        keys: Sequence[LocalAccount] = (),
        blob_sidecars: bool = True,
        replay_blob_tx: Replayer | None = None,
    ) -> None:
        self.w3 = w3
        self.info = info
        self.sender = sender
        #: Every account this chain can send from (the sender first).
        self.accounts = accounts
        self.errors = ErrorRegistry()
        #: Seconds a sent transaction may take to be mined (default: the environment's).
        self.receipt_timeout = (
            default_receipt_timeout() if receipt_timeout is None else receipt_timeout
        )
        self._nonces: dict[str, int] = {}
        self._on_close = on_close
        #: Whether the chain goes on after this process ends (a node, or an anvil that keeps
        #: its chain in files), so that what was sent to it can be picked up again.
        self.persistent = persistent
        #: Given by a backend whose node signs for the senders (anvil): transactions and their
        #: receipts then go to it as plain JSON-RPC requests (see :mod:`harness.chain.direct`).
        self.direct = direct
        #: The node's JSON-RPC URL (None for a chain inside this process).
        self.url = url
        #: The process id of the node the harness started for this chain, if it started one.
        self.node_pid = node_pid
        #: What the backend wants its user to know about how it started (warnings).
        self.notes = notes
        #: How this backend remembers a state and goes back to it.
        self.snapshots = snapshots or rpc_snapshots(w3)
        #: How this backend reads a mined transaction's call frames (see :meth:`frames`).
        self.tracer = tracer or node_tracer(w3)
        #: The gas limit sent with every transaction unless a caller gives one.
        self.tx_gas_limit = tx_gas_limit(info.fork, info.block_gas_limit)
        #: The keys that sign the senders' transactions with blobs.
        self.keys = tuple(keys)
        self._keys = {key.address: key for key in keys}
        #: Whether a transaction with blobs goes out in its network form, sidecar and all
        #: (False for a chain in this process, which executes it without one).
        self.blob_sidecars = blob_sidecars
        #: How a reverted transaction with blobs is run again, where ``eth_call`` cannot.
        self.replay_blob_tx = replay_blob_tx
        #: The fee caps of every transaction sent (see :mod:`harness.chain.fee_caps`).
        self.fee_caps = FeeCaps(
            lambda: self._fee_header("latest")["baseFeePerGas"], self._priority_fee
        )

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        """Release the backend (stops a process the harness started)."""
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()

    def __enter__(self) -> Chain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- state snapshots ---------------------------------------------------------------------
    def snapshot(self) -> object:
        """Remember the chain's state now; :meth:`revert` goes back to it.

        Revert to a snapshot at most once (anvil forgets it, and every later one, on revert);
        take a new snapshot after reverting to return there again.
        """
        return self.snapshots.take()

    def revert(self, snapshot: object) -> None:
        """Go back to the state of ``snapshot``: every later transaction is undone.

        The senders' nonces go back too, so they are read from the chain again, and so does
        the latest base fee.
        """
        self._nonces.clear()
        self.fee_caps.forget()
        if not self.snapshots.restore(snapshot):
            raise ChainError(f"the chain could not revert to snapshot {snapshot!r}")

    # -- contracts ---------------------------------------------------------------------------
    def contract_at(self, artifact: Artifact, address: str) -> Contract:
        """A handle on an already deployed contract; its errors become decodable."""
        self.errors.register(artifact.abi)
        return self.w3.eth.contract(address=Web3.to_checksum_address(address), abi=artifact.abi)

    def deploy(self, artifact: Artifact, *args: Any, gas: int | None = None) -> Deployment:
        """Deploy ``artifact`` with constructor ``args`` and wait for it to be mined."""
        if not artifact.bytecode:
            raise ChainError(f"{artifact.name} has no bytecode (an interface or abstract contract)")
        self.errors.register(artifact.abi)
        data = artifact.bytecode + _encode_constructor(artifact, args)
        tx = self.send(None, data, gas=gas)
        if tx.contract_address is None:
            raise ChainError(f"deploying {artifact.name} created no contract (tx {tx.tx_hash})")
        return Deployment(self.contract_at(artifact, tx.contract_address), tx)

    def transact(
        self,
        contract: Contract,
        fn: str,
        *args: Any,
        gas: int | None = None,
        sender: str | None = None,
        blobs: Sequence[bytes] = (),
    ) -> TxResult:
        """Send ``contract.fn(*args)`` as a transaction (carrying ``blobs``, if any) and wait
        for its receipt; see :meth:`send`."""
        data = function_calldata(self.w3.codec, contract, fn, args)
        return self.send(contract.address, data, gas=gas, sender=sender, blobs=blobs)

    def call(self, contract: Contract, fn: str, *args: Any) -> Any:
        """Call a view function; a revert raises :class:`Reverted`.

        Where the harness talks to the node directly (:attr:`direct`), a function returning
        one elementary value is called as one ``eth_call`` and its answer decoded here, to
        the value web3 would give (some 0.3 ms instead of 3 to 5)."""
        function = lookup_function(contract.abi, fn, len(args))
        try:
            if self.direct is None or function is None or function.output is None:
                return contract.functions[fn](*args).call({"from": self.sender})
            data = function_calldata(self.w3.codec, contract, fn, args)
            returned = self.direct.call({"from": self.sender, "to": contract.address, "data": data})
        except revert_exceptions() as exc:
            raise Reverted(self.errors.decode(revert_data(exc))) from None
        except Web3Exception as exc:
            raise ChainError(f"call to {fn} failed: {exc}") from exc
        return self._decoded(contract, fn, function.output, returned)

    def _decoded(self, contract: Contract, fn: str, output: str, returned: bytes) -> Any:
        """``returned``, the answer of a call to ``contract.fn``, as its one ``output`` value."""
        try:
            (value,) = self.w3.codec.decode([output], returned)
        except DecodingError:
            raise ChainError(
                f"call to {fn} failed: {contract.address} answered {len(returned)} bytes, "
                f"not an ABI-encoded {output}"
            ) from None
        return checksummed(value) if output == "address" else value

    def code_at(self, address: str) -> bytes:
        """The runtime code at ``address`` (empty for an account without code)."""
        return bytes(self.w3.eth.get_code(Web3.to_checksum_address(address)))

    # -- transactions ------------------------------------------------------------------------
    def send(
        self,
        to: str | None,
        data: bytes,
        *,
        gas: int | None = None,
        sender: str | None = None,
        blobs: Sequence[bytes] = (),
    ) -> TxResult:
        """Send a transaction with an explicit gas limit and nonce; returns its mined result.

        With ``blobs`` (each :data:`~harness.ethereum.blobs.BYTES_PER_BLOB` bytes, at most as
        many as one transaction may carry on the chain's fork) it is a type-3 transaction,
        signed with the sender's key; its fee caps are twice the next block's fees. A
        transaction mined with status 0 is replayed as a call on the state before it (with
        the same blob hashes), to recover the revert data, and raised as :class:`Reverted`.
        """
        cost = calldata_cost(data, self.info.fork, create=to is None)
        limit = gas if gas is not None else self.tx_gas_limit
        if limit < max(cost.intrinsic_gas, cost.floor_gas):
            raise ChainError(
                f"gas limit {limit:,} is below this transaction's minimum "
                f"{max(cost.intrinsic_gas, cost.floor_gas):,} (intrinsic or EIP-7623 floor)"
            )
        if blobs and to is None:
            raise ChainError("a transaction with blobs cannot create a contract")
        car = sidecar(blobs, self.info.fork, proofs=False) if blobs else None
        tx: dict[str, Any] = {"from": sender or self.sender, "data": data, "gas": limit}
        if to is not None:
            tx["to"] = to
        if car is not None:
            tx["blobVersionedHashes"] = list(car.versioned_hashes)
        result = self._mine(tx, cost, car)
        if result.status != 1:
            raise Reverted(self._replay_revert(tx, result), result)
        return result

    def mined(self, tx_hash: str) -> TxResult:
        """The result of the mined transaction ``tx_hash``, read back from the chain."""
        try:
            receipt = self.w3.eth.get_transaction_receipt(tx_hash)
            tx = self.w3.eth.get_transaction(tx_hash)
        except TransactionNotFound:
            raise ChainError(f"transaction {tx_hash} is not on this chain") from None
        cost = calldata_cost(bytes(tx["input"]), self.info.fork, create=not tx.get("to"))
        blob_count = len(tx.get("blobVersionedHashes") or ())
        return self._with_blobs(_result(receipt, tx["gas"], cost), blob_count)

    def frames(self, tx: TxResult) -> TxFrames:
        """The call frames of the mined transaction ``tx`` and the gas each used, checked
        against its receipt; raises :class:`~harness.chain.frames.FramesUnavailable` where
        the backend cannot trace."""
        frames = TxFrames(
            tx_hash=tx.tx_hash,
            gas_used=tx.gas_used,
            intrinsic_gas=tx.calldata.intrinsic_gas,
            floor_gas=tx.calldata.floor_gas,
            root=self.tracer(tx.tx_hash),
        )
        frames.check()
        return frames

    def _mine(
        self, tx: dict[str, Any], cost: CalldataCost, car: BlobSidecar | None = None
    ) -> TxResult:
        """Send ``tx`` (with the blobs of ``car``, if any) and wait until it is mined."""
        sent = self._submit(tx, car)
        result = self._mined_result(sent, tx["gas"], cost)
        if result is None:
            self._nonces.pop(tx["from"], None)  # the node may have dropped it: ask again
            raise NotMined(
                f"transaction 0x{sent.tx_hash.hex()} was not mined within "
                f"{self.receipt_timeout:g} s; set {RECEIPT_TIMEOUT_ENV} to wait longer"
            )
        return self._with_blobs(result, len(car.blobs) if car is not None else 0)

    def _with_blobs(self, result: TxResult, blob_count: int) -> TxResult:
        """``result`` with its blob count and its block's blob base fee (read from the
        header's excess blob gas, the same way on every backend)."""
        if not blob_count:
            return result
        header = self._fee_header(result.block)
        price = blob_base_fee(header["excessBlobGas"], self.info.fork)
        return replace(result, blob_count=blob_count, blob_gas_price=price)

    def _mined_result(self, sent: Sent, gas_limit: int, cost: CalldataCost) -> TxResult | None:
        """The result of ``sent`` once mined; None if that takes over the receipt timeout.
        Its block's base fee is the latest the fee caps know of."""
        result: TxResult | None = None
        if self.direct is not None:
            receipt = sent.receipt
            if receipt is None:
                receipt = self.direct.wait_for_receipt(sent.tx_hash, self.receipt_timeout)
            if receipt is not None:
                result = node_result(receipt, gas_limit, cost)
        else:
            try:
                mined = self.w3.eth.wait_for_transaction_receipt(
                    sent.tx_hash, timeout=self.receipt_timeout, poll_latency=0.01
                )
                result = _result(mined, gas_limit, cost)
            except TimeExhausted:
                pass
        if result is not None:
            self.fee_caps.mined(result.effective_gas_price)
        return result

    def _next_nonce(self, sender: str) -> int:
        if sender not in self._nonces:
            self._nonces[sender] = self.w3.eth.get_transaction_count(sender, "pending")
        return self._nonces[sender]

    def _submit(
        self, tx: dict[str, Any], car: BlobSidecar | None = None, *, resync: bool = True
    ) -> Sent:
        """Send ``tx`` (with the blobs of ``car``, if any) with the sender's next nonce;
        returns what the node answered.

        A nonce already used is either this very transaction (an earlier try whose answer was
        lost landed after all: its hash is returned) or another one, sent by something else
        from the same account: then the nonce is read from the chain again and ``tx`` sent
        once more.
        """
        sender = tx["from"]
        numbered = {**tx, "nonce": self._next_nonce(sender)}
        try:
            sent = self._send(numbered) if car is None else self._send_raw(numbered, car)
        except revert_exceptions() as exc:
            self._nonces.pop(sender, None)
            raise Reverted(self.errors.decode(revert_data(exc))) from None
        except NodeUnavailable:
            self._forget_after_failed_send(sender)
            raise
        except REFUSED_EXCEPTIONS as exc:
            self._forget_after_failed_send(sender)
            landed = self._landed(numbered, exc) if _nonce_conflict(exc) else None
            if landed is not None:
                sent = Sent(landed)
            elif resync and _nonce_conflict(exc):
                return self._submit(tx, car, resync=False)
            else:
                raise ChainError(f"the node refused the transaction: {_short(exc)}") from None
        self._nonces[sender] = numbered["nonce"] + 1
        return sent

    def _forget_after_failed_send(self, sender: str) -> None:
        """A send failed without an answer the harness can trust: whether it landed, and so
        the sender's next nonce and the latest base fee, are read from the chain again."""
        self._nonces.pop(sender, None)
        self.fee_caps.forget()

    def _send(self, tx: dict[str, Any]) -> Sent:
        """Hand the numbered ``tx``, with the harness's fee caps, to the node: as JSON-RPC
        when the node signs for the sender (:attr:`direct`), else through web3."""
        capped = {**tx, **self.fee_caps.fields()}
        if self.direct is not None:
            return self.direct.send(capped)
        return Sent(bytes(self.w3.eth.send_transaction(capped)))  # type: ignore[arg-type]

    def _send_raw(self, tx: Mapping[str, Any], car: BlobSidecar) -> Sent:
        """Sign the numbered ``tx`` as a type-3 transaction carrying ``car``'s blobs and hand
        it to the node raw (in its network form, unless the chain takes it bare)."""
        signed = self._signed_blob_tx(tx)
        raw = network_form(signed, proved(car)) if self.blob_sidecars else signed
        if self.direct is not None:
            return self.direct.send_raw(raw)
        return Sent(bytes(self.w3.eth.send_raw_transaction(raw)))

    def _signed_blob_tx(self, tx: Mapping[str, Any]) -> bytes:
        """``tx`` (numbered, with its blob hashes) signed by its sender's key as a type-3
        transaction with the harness's fee caps (:attr:`fee_caps`) and a blob fee cap twice
        the next block's blob base fee."""
        key = self._keys.get(tx["from"])
        if key is None:
            raise ChainError(f"no key for {tx['from']} to sign a transaction with blobs")
        latest = self._fee_header("latest")
        excess = next_excess_blob_gas(
            latest["excessBlobGas"], latest["blobGasUsed"], latest["baseFeePerGas"], self.info.fork
        )
        unsigned = {
            "chainId": self.info.chain_id,
            "nonce": tx["nonce"],
            "to": tx["to"],
            "value": 0,
            "gas": tx["gas"],
            "data": tx["data"],
            **self.fee_caps.fields(),
            "maxFeePerBlobGas": FEE_CAP_MARGIN * blob_base_fee(excess, self.info.fork),
            "blobVersionedHashes": tx["blobVersionedHashes"],
            "accessList": [],
        }
        return sign_blob_tx(bytes(key.key), unsigned)

    def _fee_header(self, block: int | str) -> Mapping[str, int]:
        """The fee fields (:data:`FEE_HEADER_FIELDS`) of block ``block``, a number or
        ``"latest"``: read as plain JSON-RPC where the harness talks to the node directly."""
        if self.direct is None:
            header = self.w3.eth.get_block(block)
            return {name: header[name] for name in FEE_HEADER_FIELDS}
        tag = block if isinstance(block, str) else hex(block)
        header = self.direct.request("eth_getBlockByNumber", [tag, False])
        if header is None:
            raise ChainError(f"the node has no block {block}")
        return {name: int(header[name], 16) for name in FEE_HEADER_FIELDS}

    def _priority_fee(self) -> int:
        """The tip the node suggests (plain JSON-RPC where the harness talks to it directly)."""
        if self.direct is None:
            return self.w3.eth.max_priority_fee
        return int(self.direct.request("eth_maxPriorityFeePerGas", []), 16)

    def _landed(self, tx: dict[str, Any], refusal: BaseException) -> bytes | None:
        """The hash of ``tx`` if it was mined under its nonce (None: another tx has it);
        ``refusal`` is what the node answered when ``tx`` was sent."""
        sender, nonce = tx["from"], tx["nonce"]
        if not history.wait_for_nonce(self.w3, sender, nonce, self.receipt_timeout):
            raise NotMined(
                f'the node answered "{_short(refusal)}" and holds a transaction of {sender} '
                f"with nonce {nonce} that was not mined within {self.receipt_timeout:g} s; "
                f"set {RECEIPT_TIMEOUT_ENV} to wait longer"
            )
        found = history.find_by_nonce(self.w3, sender, nonce)
        if found is None or not found.same_call(tx.get("to"), tx["data"]):
            return None
        return bytes.fromhex(found.tx_hash[2:])

    def _replay_revert(self, tx: dict[str, Any], result: TxResult) -> DecodedError:
        block = result.block
        if result.blob_count and self.replay_blob_tx is not None:
            data = self.replay_blob_tx(result.tx_hash, block)
            return self.errors.decode(data) if data is not None else NO_REVERT_DATA
        if result.blob_count:  # a blob fee cap the replayed block's blob base fee is below
            tx = {**tx, "maxFeePerBlobGas": FEE_CAP_MARGIN * result.blob_gas_price}
        try:
            self.w3.eth.call(tx, block - 1)  # type: ignore[arg-type]
        except revert_exceptions() as exc:
            return self.errors.decode(revert_data(exc))
        except Web3Exception:
            pass
        return NO_REVERT_DATA


#: What a revert is reported as when its replay gives back no revert data.
NO_REVERT_DATA = DecodedError("RevertedWithoutData", ())


def _result(receipt: Any, gas_limit: int, cost: CalldataCost) -> TxResult:
    return TxResult(
        tx_hash="0x" + bytes(receipt["transactionHash"]).hex(),
        block=receipt["blockNumber"],
        status=receipt["status"],
        gas_used=receipt["gasUsed"],
        gas_limit=gas_limit,
        calldata=cost,
        contract_address=receipt.get("contractAddress"),
        logs=tuple(receipt["logs"]),
        effective_gas_price=receipt.get("effectiveGasPrice") or 0,
        blob_gas_used=receipt.get("blobGasUsed") or 0,
    )


def _nonce_conflict(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(words in text for words in NONCE_CONFLICTS)


def _short(exc: BaseException) -> str:
    """An exception's message on one line: a node's own error text when it sent one."""
    response = getattr(exc, "rpc_response", None) or {}
    error = response.get("error") if isinstance(response, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return " ".join(str(message or getattr(exc, "message", None) or exc).split())[:300]


def _encode_constructor(artifact: Artifact, args: tuple[Any, ...]) -> bytes:
    ctor = next((item for item in artifact.abi if item.get("type") == "constructor"), None)
    inputs = ctor["inputs"] if ctor else []
    if len(inputs) != len(args):
        raise ChainError(
            f"{artifact.name} takes {len(inputs)} constructor arguments, {len(args)} given"
        )
    return eth_abi.encode([canonical_type(i) for i in inputs], list(args)) if inputs else b""
