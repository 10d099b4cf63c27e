"""One chain interface over every backend: deploy, transact, call, receipts and logs.

Backends differ only in how the :class:`Chain` is built (see :mod:`harness.chain.backends`);
callers never branch on which EVM they talk to. Every transaction carries an explicit gas
limit, so no backend estimates gas, and a revert — raised before sending or mined with
status 0 — always surfaces as :class:`Reverted` with the decoded custom error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import eth_abi
from eth_tester.exceptions import TransactionFailed
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import ContractLogicError, TimeExhausted, Web3Exception

from harness.chain.gas import TX_GAS_CAP, CalldataCost, calldata_cost
from harness.chain.reverts import DecodedError, ErrorRegistry, canonical_type, revert_data
from harness.errors import ChainError
from harness.toolchain.solc import Artifact

REVERT_EXCEPTIONS = (ContractLogicError, TransactionFailed)


@dataclass(frozen=True)
class ChainInfo:
    """What a chain is: reported at the top of every report."""

    backend: str
    fork: str
    chain_id: int
    block_gas_limit: int
    client: str


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


@dataclass(frozen=True)
class Snapshots:
    """How a backend remembers its state and goes back to it."""

    take: Callable[[], object]
    restore: Callable[[object], bool]


def rpc_snapshots(w3: Web3) -> Snapshots:
    """Snapshots through the ``evm_snapshot`` / ``evm_revert`` JSON-RPC methods (anvil, hardhat)."""

    def request(method: str, params: list[Any]) -> Any:
        response = w3.provider.make_request(method, params)
        if "error" in response:
            message = response["error"].get("message", response["error"])
            raise ChainError(f"the node cannot {method} ({message}); use a local backend")
        return response["result"]

    return Snapshots(
        take=lambda: request("evm_snapshot", []),
        restore=lambda snapshot: bool(request("evm_revert", [snapshot])),
    )


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
        receipt_timeout: float = 120.0,
        on_close: Callable[[], None] | None = None,
        snapshots: Snapshots | None = None,
    ) -> None:
        self.w3 = w3
        self.info = info
        self.sender = sender
        #: Every account this chain can send from (the sender first).
        self.accounts = accounts
        self.errors = ErrorRegistry()
        self.receipt_timeout = receipt_timeout
        self._on_close = on_close
        self._snapshots = snapshots or rpc_snapshots(w3)
        #: The gas limit sent with every transaction unless a caller gives one.
        self.tx_gas_limit = min(info.block_gas_limit, TX_GAS_CAP)

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
        return self._snapshots.take()

    def revert(self, snapshot: object) -> None:
        """Go back to the state of ``snapshot``: every later transaction is undone."""
        if not self._snapshots.restore(snapshot):
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
    ) -> TxResult:
        """Send ``contract.fn(*args)`` as a transaction and wait for its receipt."""
        data = bytes.fromhex(contract.encode_abi(fn, args=list(args))[2:])
        return self.send(contract.address, data, gas=gas, sender=sender)

    def call(self, contract: Contract, fn: str, *args: Any) -> Any:
        """Call a view function; a revert raises :class:`Reverted`."""
        try:
            return contract.functions[fn](*args).call({"from": self.sender})
        except REVERT_EXCEPTIONS as exc:
            raise Reverted(self.errors.decode(revert_data(exc))) from None
        except Web3Exception as exc:
            raise ChainError(f"call to {fn} failed: {exc}") from exc

    def code_at(self, address: str) -> bytes:
        """The runtime code at ``address`` (empty for an account without code)."""
        return bytes(self.w3.eth.get_code(Web3.to_checksum_address(address)))

    # -- transactions ------------------------------------------------------------------------
    def send(
        self, to: str | None, data: bytes, *, gas: int | None = None, sender: str | None = None
    ) -> TxResult:
        """Send a transaction with an explicit gas limit; returns its mined result.

        A transaction mined with status 0 is replayed as a call on the state before it, to
        recover the revert data, and raised as :class:`Reverted`.
        """
        cost = calldata_cost(data, self.info.fork, create=to is None)
        limit = gas if gas is not None else self.tx_gas_limit
        if limit < max(cost.intrinsic_gas, cost.floor_gas):
            raise ChainError(
                f"gas limit {limit:,} is below this transaction's minimum "
                f"{max(cost.intrinsic_gas, cost.floor_gas):,} (intrinsic or EIP-7623 floor)"
            )
        tx: dict[str, Any] = {"from": sender or self.sender, "data": data, "gas": limit}
        if to is not None:
            tx["to"] = to
        try:
            tx_hash = self.w3.eth.send_transaction(tx)
        except REVERT_EXCEPTIONS as exc:
            raise Reverted(self.errors.decode(revert_data(exc))) from None
        except (Web3Exception, ValueError) as exc:
            raise ChainError(f"the node refused the transaction: {exc}") from exc
        try:
            receipt = self.w3.eth.wait_for_transaction_receipt(
                tx_hash, timeout=self.receipt_timeout, poll_latency=0.01
            )
        except TimeExhausted:
            raise ChainError(
                f"transaction 0x{bytes(tx_hash).hex()} was not mined within "
                f"{self.receipt_timeout:.0f} s"
            ) from None
        result = TxResult(
            tx_hash="0x" + bytes(receipt["transactionHash"]).hex(),
            block=receipt["blockNumber"],
            status=receipt["status"],
            gas_used=receipt["gasUsed"],
            gas_limit=limit,
            calldata=cost,
            contract_address=receipt.get("contractAddress"),
            logs=tuple(receipt["logs"]),
        )
        if result.status != 1:
            raise Reverted(self._replay_revert(tx, result.block), result)
        return result

    def _replay_revert(self, tx: dict[str, Any], block: int) -> DecodedError:
        try:
            self.w3.eth.call(tx, block - 1)
        except REVERT_EXCEPTIONS as exc:
            return self.errors.decode(revert_data(exc))
        except Web3Exception:
            pass
        return DecodedError("RevertedWithoutData", ())


def _encode_constructor(artifact: Artifact, args: tuple[Any, ...]) -> bytes:
    ctor = next((item for item in artifact.abi if item.get("type") == "constructor"), None)
    inputs = ctor["inputs"] if ctor else []
    if len(inputs) != len(args):
        raise ChainError(
            f"{artifact.name} takes {len(inputs)} constructor arguments, {len(args)} given"
        )
    return eth_abi.encode([canonical_type(i) for i in inputs], list(args)) if inputs else b""
