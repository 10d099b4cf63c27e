"""Turn whatever a backend raised on a revert into one decoded custom error.

anvil and other JSON-RPC nodes raise web3's ContractLogicError with the revert data as hex;
eth-tester raises TransactionFailed whose message holds a Python bytes literal. Both end up as
raw revert bytes here, which are decoded against every error ABI the chain has seen.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import eth_abi
from eth_utils import keccak
from web3.exceptions import ContractLogicError

ERROR_STRING = bytes.fromhex("08c379a0")  # Error(string)
PANIC = bytes.fromhex("4e487b71")  # Panic(uint256)


def _tester_failure() -> type[Exception] | None:
    """eth-tester's TransactionFailed once eth-tester is loaded, else None: only its chains
    raise it, and a harness on anvil or a node need not spend a third of a second importing
    eth-tester and py-evm."""
    tester = sys.modules.get("eth_tester.exceptions")
    return None if tester is None else tester.TransactionFailed


def revert_exceptions() -> tuple[type[Exception], ...]:
    """What a backend raises on a revert: web3's ContractLogicError, and eth-tester's
    TransactionFailed where eth-tester is loaded."""
    failure = _tester_failure()
    return (ContractLogicError,) if failure is None else (ContractLogicError, failure)


def revert_data(exc: BaseException) -> bytes | None:
    """The raw revert bytes carried by a backend's exception, or None if it carries none."""
    if isinstance(exc, ContractLogicError):
        data = exc.data
        if isinstance(data, str) and data.startswith("0x"):
            return bytes.fromhex(data[2:])
        return None
    failure = _tester_failure()
    if failure is not None and isinstance(exc, failure):
        message = str(exc.args[0]) if exc.args else ""
        payload = message.split("execution reverted: ", 1)[-1]
        if payload[:2] in ("b'", 'b"'):
            return ast.literal_eval(payload)
        return ERROR_STRING + eth_abi.encode(["string"], [payload]) if payload else b""
    return None


@dataclass(frozen=True)
class DecodedError:
    """A revert decoded to its error name and arguments."""

    name: str
    args: tuple[Any, ...]

    def __str__(self) -> str:
        return f"{self.name}({', '.join(_show(a) for a in self.args)})"


def _show(value: Any) -> str:
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return repr(value) if isinstance(value, str) else str(value)


@dataclass
class ErrorRegistry:
    """Every custom error of every ABI registered, looked up by 4-byte selector."""

    _errors: dict[bytes, tuple[str, list[str]]] = field(default_factory=dict)

    def register(self, abi: Iterable[dict[str, Any]]) -> None:
        """Learn the custom errors declared in ``abi``."""
        for item in abi:
            if item.get("type") != "error":
                continue
            types = [canonical_type(i) for i in item["inputs"]]
            signature = f"{item['name']}({','.join(types)})"
            self._errors[keccak(text=signature)[:4]] = (item["name"], types)

    def decode(self, data: bytes | None) -> DecodedError:
        """Decode revert bytes; unknown data keeps its selector visible."""
        if not data:
            return DecodedError("EmptyRevert", ())
        selector, body = data[:4], data[4:]
        if selector == ERROR_STRING:
            return DecodedError("Error", tuple(eth_abi.decode(["string"], body)))
        if selector == PANIC:
            return DecodedError("Panic", tuple(eth_abi.decode(["uint256"], body)))
        known = self._errors.get(selector)
        if known is None:
            return DecodedError(f"UnknownError[0x{selector.hex()}]", (body,) if body else ())
        name, types = known
        try:
            return DecodedError(name, tuple(eth_abi.decode(types, body)))
        except Exception:  # noqa: BLE001 - malformed error data is still reported by name
            return DecodedError(name, (body,))


def canonical_type(param: dict[str, Any]) -> str:
    """The canonical type string of an ABI parameter, expanding tuples."""
    kind = param["type"]
    if kind.startswith("tuple"):
        inner = ",".join(canonical_type(c) for c in param["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind
