"""Compile the project's Solidity with the official compiler, caching artifacts by content.

The compiler is a native solc when ``SOLC`` names one, else ``scripts/solc``, a launcher that
drives the npm build of the official compiler (solc-js) like a native command line. Artifacts
are cached under ``.cache/solc/`` keyed by a hash of the compiler identity, the settings and
every source, so a second compile of unchanged sources runs no compiler at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import solcx
from solcx.exceptions import SolcError

from harness.common.errors import ToolchainError
from harness.common.files import atomic_write_text
from harness.common.paths import CACHE_DIR, CONTRACTS_SRC, ROOT

LAUNCHER = ROOT / "scripts" / "solc"
SOLCJS_PACKAGE = ROOT / "node_modules" / "solc" / "package.json"

#: Compiler settings shared with foundry.toml, so forge and the harness build the same bytecode.
EVM_VERSION = "prague"
OPTIMIZER_RUNS = 200


@dataclass(frozen=True)
class Artifact:
    """One compiled contract: what a deployer needs."""

    name: str
    source: str
    abi: tuple[dict[str, Any], ...]
    bytecode: bytes
    deployed_bytecode: bytes

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Artifact:
        """Rebuild an artifact from :meth:`to_json` output."""
        return cls(
            name=data["name"],
            source=data["source"],
            abi=tuple(data["abi"]),
            bytecode=bytes.fromhex(data["bytecode"]),
            deployed_bytecode=bytes.fromhex(data["deployed_bytecode"]),
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form of the artifact."""
        return {
            "name": self.name,
            "source": self.source,
            "abi": list(self.abi),
            "bytecode": self.bytecode.hex(),
            "deployed_bytecode": self.deployed_bytecode.hex(),
        }


def compiler_binary() -> Path:
    """The compiler to run: ``SOLC`` if set, else the solc-js launcher."""
    native = os.environ.get("SOLC")
    if native:
        if not Path(native).is_file():
            raise ToolchainError(f"SOLC={native} does not exist")
        return Path(native)
    if not SOLCJS_PACKAGE.is_file():
        raise ToolchainError("the Solidity compiler is not installed; run 'make setup'")
    return LAUNCHER


@cache
def compiler_version() -> str:
    """The compiler's identity, read without starting it where possible."""
    binary = compiler_binary()
    if binary == LAUNCHER:
        return "solc-js " + json.loads(SOLCJS_PACKAGE.read_text())["version"]
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolchainError(f"cannot run the compiler {binary}: {exc}") from exc
    return out.strip().splitlines()[-1]


def _standard_input(sources: dict[str, str]) -> dict[str, Any]:
    return {
        "language": "Solidity",
        "sources": {name: {"content": text} for name, text in sorted(sources.items())},
        "settings": {
            "evmVersion": EVM_VERSION,
            "optimizer": {"enabled": True, "runs": OPTIMIZER_RUNS},
            # No metadata hash in the bytecode: a comment or path edit must not move gas.
            "metadata": {"bytecodeHash": "none", "appendCBOR": False},
            "outputSelection": {
                "*": {"*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"]}
            },
        },
    }


def _source_map(paths: Iterable[Path]) -> tuple[Path, dict[str, str]]:
    """The folder the compiler names the files from, and each file's text by that name.

    The folder is the project's root when all the files are the project's own, else the
    deepest folder they all share (a team's contracts folder): the names, and so the cache key,
    do not depend on where a team's repository is checked out or copied to. The compiler looks
    for an import it was not given in that folder only."""
    resolved = sorted({path.resolve() for path in paths})
    if all(path.is_relative_to(ROOT) for path in resolved):
        base = ROOT
    else:
        base = Path(os.path.commonpath([path.parent for path in resolved]))
    return base, {str(path.relative_to(base)): path.read_text() for path in resolved}


def compile_sources(paths: Iterable[Path]) -> dict[str, Artifact]:
    """Compile the given Solidity files together; returns artifacts by contract name.

    Results are cached by a hash of the compiler, the settings and the sources' contents.
    """
    base, sources = _source_map(paths)
    if not sources:
        raise ToolchainError("no Solidity sources to compile")
    standard = _standard_input(sources)
    key_material = json.dumps([compiler_version(), standard], sort_keys=True).encode()
    cache_file = CACHE_DIR / "solc" / f"{hashlib.sha256(key_material).hexdigest()}.json"
    cached = _read_cache(cache_file)
    if cached is not None:
        return cached
    artifacts = _run_compiler(standard, base)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(cache_file, json.dumps({n: a.to_json() for n, a in artifacts.items()}))
    return artifacts


def _read_cache(cache_file: Path) -> dict[str, Artifact] | None:
    """The artifacts cached in ``cache_file``; None if it is missing, unreadable or corrupt
    (the caller then compiles again and overwrites it)."""
    try:
        return {
            name: Artifact.from_json(data)
            for name, data in json.loads(cache_file.read_text(encoding="utf-8")).items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _named_from(base: Path) -> str:
    """Where the files of a failed compile are named from, unless the project's root."""
    return "" if base == ROOT else f" (files named from {base})"


def _run_compiler(standard: dict[str, Any], base: Path) -> dict[str, Artifact]:
    try:
        output = solcx.compile_standard(
            standard, solc_binary=compiler_binary(), base_path=str(base), allow_paths=str(base)
        )
    except SolcError as exc:
        first = next((line for line in str(exc).splitlines() if "Error" in line), str(exc))
        raise ToolchainError(f"compilation failed{_named_from(base)}: {first.strip()}") from exc
    except (OSError, ValueError) as exc:
        raise ToolchainError(f"the compiler could not run: {exc}") from exc
    errors = [e for e in output.get("errors", []) if e.get("severity") == "error"]
    if errors:
        first = errors[0]["formattedMessage"].splitlines()[0]
        raise ToolchainError(f"compilation failed{_named_from(base)}: {first}")
    artifacts: dict[str, Artifact] = {}
    for source, contracts in output.get("contracts", {}).items():
        for name, data in contracts.items():
            if name in artifacts:
                raise ToolchainError(f"two contracts are named {name}; names must be unique")
            artifacts[name] = Artifact(
                name=name,
                source=source,
                abi=tuple(data["abi"]),
                bytecode=bytes.fromhex(data["evm"]["bytecode"]["object"]),
                deployed_bytecode=bytes.fromhex(data["evm"]["deployedBytecode"]["object"]),
            )
    return artifacts


def project_artifacts() -> dict[str, Artifact]:
    """Compile (or load from cache) every contract under ``contracts/src``."""
    return compile_sources(sorted(CONTRACTS_SRC.rglob("*.sol")))
