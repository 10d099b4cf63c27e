"""Gas snapshots from a test suite: named transactions' gas against a file the team commits.

The pytest fixture ``gas_snapshot`` records the ``gasUsed`` of transactions a test picks from
what it sent, by name, and compares each with the snapshot file, as ``forge snapshot --check``
does for Solidity tests; with ``--harness-gas-update`` it writes them into the file instead.
The file (``gas-snapshot.json`` next to the config by default, ``[gas] snapshot`` otherwise)::

    {"format": "rollup-harness/gas-snapshot@1", "entries": {"prove/two": 280593, ...}}

Entries are sorted by name and the file holds nothing else, so recording the same gas twice
writes the same bytes. Updating keeps the entries the run did not record (tests not selected).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import load_json
from harness.gasgate.compare import GasRegression, Status, compare
from harness.records.txlog import TxRecord, read_txlog

FORMAT = "rollup-harness/gas-snapshot@1"
UPDATE_HINT = "if the change is intended, run pytest with --harness-gas-update and commit"


def read_snapshot(path: Path) -> dict[str, int]:
    """The entries of the snapshot file at ``path`` (none if there is no file)."""
    try:
        data = load_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the gas snapshot {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        entries = None
    else:
        entries = data.get("entries")
    if not isinstance(entries, dict) or not all(_is_gas(gas) for gas in entries.values()):
        raise UsageError(f"{path} is not a gas snapshot (format {FORMAT!r}, entries: name → gas)")
    return entries


def _is_gas(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def write_snapshot(path: Path, entries: dict[str, int]) -> None:
    """Write ``entries`` to ``path`` atomically, sorted by name."""
    document = {"format": FORMAT, "entries": dict(sorted(entries.items()))}
    atomic_write_text(path, json.dumps(document, indent=2) + "\n")


def pick(
    records: Iterable[TxRecord],
    *,
    kind: str,
    label: str | None = None,
    index: int = 0,
    scenario: str | None = None,
) -> TxRecord:
    """The ``index``-th record (from 0) of ``kind`` whose label names ``label`` (the part before
    any parenthesis: ``prove`` picks ``prove(1..4)``) and whose scenario is ``scenario`` (when
    given)."""
    found = [
        record
        for record in records
        if record.kind == kind
        and (label is None or record.label.split("(")[0] == label)
        and (scenario is None or record.scenario == scenario)
    ]
    if len(found) <= index:
        what = f"{kind} transaction" + (f" labelled {label}" if label else "")
        where = f" in scenario {scenario}" if scenario else ""
        raise UsageError(f"the test sent {len(found)} {what}{where}; there is no #{index}")
    return found[index]


@dataclass(frozen=True)
class GasSnapshot:
    """Named gas figures of one test, checked against (or written to) the snapshot file."""

    path: Path
    log: Path
    tolerance: float = 0.0
    update: bool = False

    def record(
        self,
        name: str,
        *,
        kind: str,
        label: str | None = None,
        index: int = 0,
        scenario: str | None = None,
    ) -> int:
        """Record the gas of a transaction the test sent (see :func:`pick`) as entry ``name``
        and check it against the snapshot; returns the gas. A rise beyond the tolerance, or an
        entry the snapshot lacks, raises :class:`GasRegression`."""
        __tracebackhide__ = True  # pytest shows the test's line, not this one
        records = read_txlog(self.log) if self.log.is_file() else ()
        gas = pick(records, kind=kind, label=label, index=index, scenario=scenario).gas_used
        self.check(name, gas)
        return gas

    def check(self, name: str, gas: int) -> None:
        """Check ``gas`` as entry ``name`` (or, updating, write it into the snapshot)."""
        __tracebackhide__ = True
        known = read_snapshot(self.path)
        if self.update:
            write_snapshot(self.path, known | {name: gas})
            return
        if name not in known:
            raise GasRegression(
                f"{name} ({gas:,} gas) is not in the gas snapshot {self.path}; "
                "record it with pytest --harness-gas-update"
            )
        comparison = compare({name: known[name]}, {name: gas}, self.tolerance)
        if comparison.having(Status.REGRESSION):
            raise GasRegression(f"{comparison.failure()} ({self.path}); {UPDATE_HINT}")
        if comparison.having(Status.IMPROVEMENT):
            warnings.warn(
                f"{name} fell from {known[name]:,} to {gas:,} gas; "
                "pytest --harness-gas-update records it",
                stacklevel=2,
            )
