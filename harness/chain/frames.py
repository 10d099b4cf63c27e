"""Gas per call frame of a mined transaction, read back from the EVM that mined it.

A node is asked for the parity-style trace of the transaction (``trace_transaction``: every
frame, precompile calls included, with the gas used inside it and the frames it called; the
root frame's figure is the transaction's execution before any refund). geth's ``callTracer``
is not used because it replaces the root frame's gas with the receipt's ``gasUsed``, after the
refund and the EIP-7623 floor, so the execution cannot be read from it. eth-tester's py-evm
answers no trace method: there the transaction's block is executed again, on the state
before it, up to that transaction, and the same figures are read from py-evm's computation
tree. Both give a :class:`TxFrames`; a backend that can do neither says so with
:class:`FramesUnavailable`.

How the receipt's ``gasUsed`` splits (see :meth:`TxFrames.split`): the intrinsic part is the
larger of the intrinsic cost (21,000 + calldata) and ``gasUsed`` less the execution — so when
the EIP-7623 floor binds, its excess over intrinsic + execution is intrinsic; the gas of the
chosen callees' frames (with everything they called) is theirs; the rest is the other frames'
execution less the refund, which therefore lowers only that part (and lowers nothing when the
floor binds, since the floor is then what the transaction pays).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from web3 import Web3

from harness.common.errors import ChainError
from harness.ethereum.calldata import INITCODE_WORD_GAS

#: What a backend traces a transaction hash with: the root frame of its execution.
Tracer = Callable[[str], "Frame"]


class FramesUnavailable(ChainError):
    """This backend cannot tell how a transaction's gas splits over its call frames."""


@dataclass(frozen=True)
class Frame:
    """One call frame: whose code ran, the gas used in it and in the frames it called."""

    callee: str
    gas_used: int
    calls: tuple[Frame, ...] = ()

    @property
    def own_gas(self) -> int:
        """Gas used by this frame's own code (the call instructions it ran included), without
        what its callees used."""
        return self.gas_used - sum(call.gas_used for call in self.calls)

    def walk(self) -> Iterator[Frame]:
        """This frame and every frame below it, in call order."""
        yield self
        for call in self.calls:
            yield from call.walk()

    def gas_in(self, callees: Collection[str]) -> int:
        """Gas used by the outermost frames whose callee is one of ``callees`` (checksummed),
        with everything they called."""
        if self.callee in callees:
            return self.gas_used
        return sum(call.gas_in(callees) for call in self.calls)

    def to_json(self, roles: dict[str, str] | None = None) -> dict[str, Any]:
        """The frame tree as JSON: ``to``, ``gas``, a ``role`` where ``roles`` names the callee,
        and ``calls`` where it called anything."""
        entry: dict[str, Any] = {"to": self.callee, "gas": self.gas_used}
        if roles and self.callee in roles:
            entry["role"] = roles[self.callee]
        if self.calls:
            entry["calls"] = [call.to_json(roles) for call in self.calls]
        return entry


@dataclass(frozen=True)
class GasSplit:
    """A receipt's ``gasUsed`` in three parts that add up to it exactly."""

    intrinsic: int
    chosen: int
    rest: int

    @property
    def total(self) -> int:
        """The three parts together: the receipt's ``gasUsed``."""
        return self.intrinsic + self.chosen + self.rest


@dataclass(frozen=True)
class TxFrames:
    """A mined transaction's call frames beside its receipt and calldata figures."""

    tx_hash: str
    gas_used: int
    intrinsic_gas: int
    floor_gas: int
    root: Frame

    @property
    def execution_gas(self) -> int:
        """Gas the transaction's code used, before any refund."""
        return self.root.gas_used

    @property
    def paid_intrinsic(self) -> int:
        """The intrinsic part of ``gasUsed``: the intrinsic cost, or more where the EIP-7623
        floor made the transaction pay more than intrinsic + execution."""
        return max(self.intrinsic_gas, self.gas_used - self.execution_gas)

    @property
    def refund(self) -> int:
        """The gas the refund took off ``gasUsed`` (zero where the floor binds)."""
        return max(0, self.intrinsic_gas + self.execution_gas - self.gas_used)

    def own_gas_by_callee(self) -> dict[str, int]:
        """Gas each address's own code used in this transaction, over all its frames."""
        totals: dict[str, int] = {}
        for frame in self.root.walk():
            totals[frame.callee] = totals.get(frame.callee, 0) + frame.own_gas
        return totals

    def split(self, callees: Collection[str]) -> GasSplit:
        """``gasUsed`` as intrinsic, the frames of ``callees`` and everything else.

        ``chosen`` is the gas of the outermost frames whose callee is in ``callees`` (the call
        instruction that entered them is their caller's); ``rest`` is the remaining execution
        less the refund that lowered ``gasUsed``.
        """
        chosen = self.root.gas_in(frozenset(callees))
        intrinsic = self.paid_intrinsic
        return GasSplit(intrinsic, chosen, self.gas_used - intrinsic - chosen)

    def check(self) -> None:
        """Raise unless the trace agrees with the receipt: ``gasUsed`` is intrinsic +
        execution less a refund of at most a fifth, or the EIP-7623 floor."""
        spent = self.intrinsic_gas + self.execution_gas
        by_execution = spent - spent // 5 <= self.gas_used <= spent
        if self.gas_used < self.floor_gas or not (by_execution or self.gas_used == self.floor_gas):
            raise ChainError(
                f"the trace of {self.tx_hash} does not match its receipt: gasUsed "
                f"{self.gas_used:,}, intrinsic {self.intrinsic_gas:,}, execution "
                f"{self.execution_gas:,}, floor {self.floor_gas:,}"
            )


# -- nodes: parity-style traces ---------------------------------------------------------------


def node_tracer(w3: Web3) -> Tracer:
    """Trace with the node's ``trace_transaction`` (anvil, reth, erigon, nethermind)."""

    def trace(tx_hash: str) -> Frame:
        response = w3.provider.make_request("trace_transaction", [tx_hash])  # type: ignore[arg-type]
        if "error" in response:
            error = response["error"]
            message = error.get("message", error) if isinstance(error, dict) else error
            raise FramesUnavailable(
                f"the node cannot trace transactions (trace_transaction: {message}), so "
                "their gas cannot be split over call frames"
            )
        traces = response.get("result") or []
        return frames_from_parity(traces, tx_hash)

    return trace


def frames_from_parity(traces: Sequence[dict[str, Any]], tx_hash: str = "") -> Frame:
    """The frame tree of a parity-style trace list (pre-order, each with its ``traceAddress``)."""
    calls = [t for t in traces if t.get("type") in ("call", "create")]
    if not calls:
        raise ChainError(f"transaction {tx_hash} is not on this chain (the node has no trace)")
    if calls[0].get("traceAddress"):
        raise ChainError(f"the node's trace of {tx_hash} has no root frame")
    children: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    by_path: dict[tuple[int, ...], dict[str, Any]] = {}
    for entry in calls:
        path = tuple(entry["traceAddress"])
        by_path[path] = entry
        if path:
            children.setdefault(path[:-1], []).append(path)

    def build(path: tuple[int, ...]) -> Frame:
        entry = by_path[path]
        action, result = entry["action"], entry.get("result") or {}
        callee = action.get("to") if entry["type"] == "call" else result.get("address")
        # A frame that failed without a result (out of gas, bad instruction) used all it had.
        used = result.get("gasUsed", action["gas"])
        return Frame(
            callee=Web3.to_checksum_address(callee) if callee else "",
            gas_used=int(used, 16),
            calls=tuple(build(child) for child in children.get(path, [])),
        )

    return build(())


# -- eth-tester: py-evm re-executes the block ------------------------------------------------


def py_evm_tracer(tester: Any) -> Tracer:
    """Trace by executing the transaction's block again in py-evm, on the state before it,
    up to the transaction; ``tester`` is the ``EthereumTester`` of the chain."""

    from eth.exceptions import HeaderNotFound, TransactionNotFound

    def trace(tx_hash: str) -> Frame:
        chain = tester.backend.chain  # looked up each time: a snapshot revert replaces it
        wanted = bytes.fromhex(tx_hash[2:])
        try:
            number, index = chain.chaindb.get_transaction_index(wanted)
            block = chain.get_canonical_block_by_number(number)
        except (TransactionNotFound, HeaderNotFound):
            block = None
        # py-evm's indexes outlive a snapshot revert: the block must be at or below the head
        # and still hold the transaction (a block mined after the revert may have its number).
        head = chain.get_canonical_head().block_number
        held = block is not None and [tx.hash for tx in block.transactions[index : index + 1]]
        if not held or number > head or held != [wanted]:
            raise ChainError(f"transaction {tx_hash} is not on this chain")
        parent = chain.get_block_header_by_hash(block.header.parent_hash)
        header = block.header.copy(state_root=parent.state_root, gas_used=0)
        vm = chain.get_vm(header)
        vm.block_preprocessing(block)
        _, receipts, computations = vm.apply_all_transactions(
            block.transactions[: index + 1], header
        )
        mined = block.get_receipts(chain.chaindb)[index]
        if receipts[index].gas_used != mined.gas_used:
            raise ChainError(
                f"executing block {number} again up to {tx_hash} used "
                f"{receipts[index].gas_used:,} gas, not the {mined.gas_used:,} it was mined with"
            )
        root = _py_evm_frame(computations[index])
        if computations[index].msg.is_create:
            # py-evm charges a creation's EIP-3860 initcode cost inside its root frame; it is
            # intrinsic gas (as every node and harness.ethereum.calldata count it).
            words = (len(block.transactions[index].data) + 31) // 32
            root = replace(root, gas_used=root.gas_used - INITCODE_WORD_GAS * words)
        return root

    return trace


def _py_evm_frame(computation: Any) -> Frame:
    message = computation.msg
    address = message.storage_address if message.is_create else message.code_address
    return Frame(
        callee=Web3.to_checksum_address(address),
        gas_used=computation.get_gas_used(),
        calls=tuple(_py_evm_frame(child) for child in computation.children),
    )
