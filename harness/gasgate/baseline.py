"""The committed gas baseline: one JSON file of pinned entries and the receipts they replay.

::

    {"format": "rollup-harness/gas-baseline@1",
     "description": "...",
     "pins": {"fork": "osaka", "batches": 4, ...},
     "receipts": "gas-receipts",
     "measured_on": {"backend": "anvil", "client": "...", "compiler": "..."},
     "entries": {"deploy/RiscZeroVerifierRouter": {"gas": 573577, "what": "..."}, ...}}

``receipts`` names the directory of recorded rollup receipts, relative to the baseline's folder.
The file holds no timestamp, so measuring the same code twice writes the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import load_json
from harness.common.paths import ROOT
from harness.gasgate.scenarios import GasEntry

FORMAT = "rollup-harness/gas-baseline@1"
DEFAULT_BASELINE = ROOT / "gas-baseline.json"
DEFAULT_RECEIPTS = "gas-receipts"

DESCRIPTION = (
    "gasUsed of pinned transactions, compared by 'rollup-harness gas check' and rewritten by "
    "'rollup-harness gas update'. Every seal is replayed, so every transaction is byte-identical "
    "from run to run and its gas exact: the bare and routed verify send a real RISC Zero 3.0 "
    "receipt (harness/data/risc0_reference_receipts.json); the rollup scenarios replay the "
    "receipts in the 'receipts' directory, recorded from the synthetic prover by 'gas update'. "
    "Replaying rather than re-proving keeps the calldata of every finalise fixed even if the "
    "prover's simulator changes, so a moved number always means the contracts (or the compiler) "
    "moved. The pinned fork is osaka, which anvil runs; the local backends give identical gas "
    "on the forks they share, so eth-tester checks a baseline pinned to prague. "
    "A change of the scenarios themselves (deploy order, pins) changes the claims, so the "
    "receipts must be recorded again: run 'gas update'."
)


@dataclass(frozen=True)
class Baseline:
    """The entries a check compares against, and what they were measured with."""

    entries: tuple[GasEntry, ...]
    pins: dict[str, Any]
    receipts: str = DEFAULT_RECEIPTS
    measured_on: tuple[tuple[str, str], ...] = ()
    #: What the file is, for a person reading it (not compared).
    description: str = DESCRIPTION

    def gas(self) -> dict[str, int]:
        """Gas by entry name."""
        return {entry.name: entry.gas for entry in self.entries}

    def receipts_dir(self, baseline_path: Path) -> Path:
        """The receipts directory of the baseline stored at ``baseline_path``."""
        return baseline_path.parent / self.receipts

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object."""
        return {
            "format": FORMAT,
            "description": self.description,
            "pins": self.pins,
            "receipts": self.receipts,
            "measured_on": dict(self.measured_on),
            "entries": {e.name: {"gas": e.gas, "what": e.what} for e in self.entries},
        }


def _parse(data: Any) -> Baseline:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"format is not {FORMAT!r}")
    entries = []
    for name, entry in data["entries"].items():
        gas = entry["gas"]
        if not isinstance(gas, int) or isinstance(gas, bool) or gas <= 0:
            raise ValueError(f"entry {name!r} has no positive integer gas")
        entries.append(GasEntry(name, gas, str(entry.get("what", ""))))
    receipts = data["receipts"]
    if not isinstance(receipts, str) or not receipts or Path(receipts).is_absolute():
        raise ValueError("receipts must be a relative directory name")
    measured_on = tuple((str(k), str(v)) for k, v in data.get("measured_on", {}).items())
    return Baseline(tuple(entries), dict(data["pins"]), receipts, measured_on)


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a :class:`UsageError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(
            f"no gas baseline at {path}; create it with 'rollup-harness gas update'"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read the gas baseline {path}: {exc.strerror}") from None
    try:
        return _parse(load_json(text))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise UsageError(f"{path} is not a gas baseline ({detail})") from None


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` atomically (a temporary file, fsynced, then a rename)."""
    try:
        atomic_write_text(path, json.dumps(baseline.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write the gas baseline {path}: {exc.strerror}") from None
