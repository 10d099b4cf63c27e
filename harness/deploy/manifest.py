"""The deploy manifest: what a deploy put on which chain, as one JSON file.

::

    {"format": "rollup-harness/deploy-manifest@1", "complete": true,
     "chain_id": 31337, "deployer": "0x…", "seed": 0, "genesis_state_root": "0x…",
     "sequencer": "0x…", "owner": "0x…", "block": 12,
     "contracts": {"RiscZeroVerifierRouter": {"contract": "RiscZeroVerifierRouter",
                   "address": "0x…", "code_hash": "0x…", "constructor_args": ["0x…"],
                   "constructor_data": "0x…", "tx_hash": "0x…", "block": 1}, …},
     "routes": [{"selector": "0x2559991b", "verifier": "<contract label>",
                 "estop": "<contract label>"}, …],
     "admin": [{"contract": "<label>", "function": "addVerifier", "args": […],
                "tx_hash": "0x…", "block": 3}, …]}

``code_hash`` is the keccak-256 of the runtime code read back from the chain. ``block`` is the
last block the deploy wrote to. ``complete`` is false while a deploy is under way (the manifest
is saved after every transaction, so an interrupted deploy resumes where it stopped).

The file is written atomically (a temporary file, fsynced, then renamed). A file that is not a
valid manifest is never overwritten: reading it raises a one-line :class:`UsageError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from web3 import Web3

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.hexcodec import from_hex
from harness.common.jsonfields import load_json

FORMAT = "rollup-harness/deploy-manifest@1"


def json_value(value: Any) -> Any:
    """A constructor argument as JSON: bytes as 0x-hex, tuples as lists, the rest unchanged."""
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


@dataclass(frozen=True)
class ContractRecord:
    """One deployed contract: which artifact, where, with what, and the code found there."""

    contract: str
    address: str
    code_hash: str
    constructor_args: tuple[Any, ...]
    constructor_data: str
    tx_hash: str
    block: int

    def to_json(self) -> dict[str, Any]:
        """The record's JSON object."""
        return {
            "contract": self.contract,
            "address": self.address,
            "code_hash": self.code_hash,
            "constructor_args": json_value(self.constructor_args),
            "constructor_data": self.constructor_data,
            "tx_hash": self.tx_hash,
            "block": self.block,
        }


@dataclass(frozen=True)
class RouteRecord:
    """A router entry: ``selector`` goes to the emergency stop (a contract label) wrapping the
    verifier (another label)."""

    selector: str
    verifier: str
    estop: str

    def to_json(self) -> dict[str, Any]:
        """The route's JSON object."""
        return {"selector": self.selector, "verifier": self.verifier, "estop": self.estop}


@dataclass(frozen=True)
class AdminRecord:
    """An owner transaction of the deploy (a route added, an ownership handed on)."""

    contract: str
    function: str
    args: tuple[Any, ...]
    tx_hash: str
    block: int

    def to_json(self) -> dict[str, Any]:
        """The transaction's JSON object."""
        return {
            "contract": self.contract,
            "function": self.function,
            "args": json_value(self.args),
            "tx_hash": self.tx_hash,
            "block": self.block,
        }


@dataclass(frozen=True)
class Manifest:
    """Everything one deployment put on one chain; changed only by building a new one."""

    chain_id: int
    deployer: str
    seed: int
    genesis_state_root: str
    sequencer: str
    owner: str
    contracts: Mapping[str, ContractRecord] = field(default_factory=dict)
    routes: tuple[RouteRecord, ...] = ()
    admin: tuple[AdminRecord, ...] = ()
    complete: bool = False

    @property
    def block(self) -> int:
        """The last block the deployment wrote to (0 before any transaction)."""
        blocks = [c.block for c in self.contracts.values()] + [a.block for a in self.admin]
        return max(blocks, default=0)

    def with_contract(self, label: str, record: ContractRecord) -> Manifest:
        """This manifest with ``record`` added under ``label``, and marked incomplete."""
        return replace(self, contracts={**self.contracts, label: record}, complete=False)

    def with_route(self, route: RouteRecord) -> Manifest:
        """This manifest with ``route`` (replacing any route of the same selector)."""
        kept = tuple(r for r in self.routes if r.selector != route.selector)
        return replace(self, routes=(*kept, route), complete=False)

    def with_admin(self, record: AdminRecord) -> Manifest:
        """This manifest with one more owner transaction, and marked incomplete."""
        return replace(self, admin=(*self.admin, record), complete=False)

    def contract(self, contract_name: str) -> tuple[str, ContractRecord]:
        """The one contract deployed from artifact ``contract_name`` (label and record)."""
        found = [(label, r) for label, r in self.contracts.items() if r.contract == contract_name]
        if len(found) != 1:
            raise UsageError(
                f"the manifest records {len(found)} {contract_name} contracts, expected one"
            )
        return found[0]

    def to_json(self) -> dict[str, Any]:
        """The manifest file's JSON object."""
        return {
            "format": FORMAT,
            "complete": self.complete,
            "chain_id": self.chain_id,
            "deployer": self.deployer,
            "seed": self.seed,
            "genesis_state_root": self.genesis_state_root,
            "sequencer": self.sequencer,
            "owner": self.owner,
            "block": self.block,
            "contracts": {label: r.to_json() for label, r in self.contracts.items()},
            "routes": [r.to_json() for r in self.routes],
            "admin": [a.to_json() for a in self.admin],
        }


# -- reading -----------------------------------------------------------------------------------
def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in data:
        raise ValueError(f"missing {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key!r} has the wrong type")
    return value


def _hex(data: Mapping[str, Any], key: str, size: int | None = None) -> str:
    value = _get(data, key, str)
    try:
        from_hex(value, size)
    except ValueError as exc:
        raise ValueError(f"{key!r}: {exc}") from None
    return value


def _address(data: Mapping[str, Any], key: str) -> str:
    value = _get(data, key, str)
    if not Web3.is_checksum_address(value):
        raise ValueError(f"{key!r} is not a checksummed address")
    return value


def _block(data: Mapping[str, Any]) -> int:
    block = _get(data, "block", int)
    if block < 0:
        raise ValueError("'block' is negative")
    return block


def _contract(data: Any) -> ContractRecord:
    if not isinstance(data, dict):
        raise ValueError("a contract entry is not an object")
    return ContractRecord(
        contract=_get(data, "contract", str),
        address=_address(data, "address"),
        code_hash=_hex(data, "code_hash", 32),
        constructor_args=tuple(_get(data, "constructor_args", list)),
        constructor_data=_hex(data, "constructor_data"),
        tx_hash=_hex(data, "tx_hash", 32),
        block=_block(data),
    )


def _route(data: Any, contracts: Mapping[str, ContractRecord]) -> RouteRecord:
    if not isinstance(data, dict):
        raise ValueError("a route is not an object")
    route = RouteRecord(
        selector=_hex(data, "selector", 4),
        verifier=_get(data, "verifier", str),
        estop=_get(data, "estop", str),
    )
    for label in (route.verifier, route.estop):
        if label not in contracts:
            raise ValueError(f"route {route.selector} names unknown contract {label!r}")
    return route


def _admin(data: Any) -> AdminRecord:
    if not isinstance(data, dict):
        raise ValueError("an admin entry is not an object")
    return AdminRecord(
        contract=_get(data, "contract", str),
        function=_get(data, "function", str),
        args=tuple(_get(data, "args", list)),
        tx_hash=_hex(data, "tx_hash", 32),
        block=_block(data),
    )


def parse_manifest(data: Any) -> Manifest:
    """Check and rebuild a manifest from its JSON object; raises ValueError naming the fault."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"format is not {FORMAT!r}")
    chain_id = _get(data, "chain_id", int)
    seed = _get(data, "seed", int)
    if chain_id <= 0 or seed < 0:
        raise ValueError("'chain_id' must be positive and 'seed' non-negative")
    contracts = {
        str(label): _contract(entry) for label, entry in _get(data, "contracts", dict).items()
    }
    return Manifest(
        chain_id=chain_id,
        deployer=_address(data, "deployer"),
        seed=seed,
        genesis_state_root=_hex(data, "genesis_state_root", 32),
        sequencer=_address(data, "sequencer"),
        owner=_address(data, "owner"),
        contracts=contracts,
        routes=tuple(_route(r, contracts) for r in _get(data, "routes", list)),
        admin=tuple(_admin(a) for a in _get(data, "admin", list)),
        complete=_get(data, "complete", bool),
    )


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at ``path``, None if there is no file; anything else is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the manifest {path}: {exc}") from None
    try:
        return parse_manifest(load_json(text))
    except (ValueError, RecursionError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(
            f"{path} is not a valid deploy manifest ({detail}); it was left untouched — "
            "repair it or pass another manifest"
        ) from None


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write ``manifest`` to ``path`` atomically: a reader sees the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(manifest.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write the manifest {path}: {exc.strerror}") from None
