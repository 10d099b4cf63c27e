"""The transaction log: ``txs.jsonl``, one line per mined transaction, written as it happens.

Each line is flushed and fsynced before the harness moves on, so a crash loses nothing that
was already mined. Reports read these lines; they never ask the chain.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.chain.base import TxResult
from harness.errors import UsageError
from harness.risc0.jsonfields import load_json

#: The kinds of transaction the harness sends.
KINDS = ("deploy", "commit", "finalize", "submit_root", "verify", "admin")


@dataclass(frozen=True)
class TxRecord:
    """One mined transaction and what it was for."""

    kind: str
    label: str
    scenario: str
    strategy: str
    batches: tuple[int, int] | None
    gas_used: int
    gas_limit: int
    calldata_bytes: int
    calldata_zero_bytes: int
    calldata_nonzero_bytes: int
    intrinsic_gas: int
    floor_gas: int
    status: int
    tx_hash: str
    block: int
    backend: str
    fork: str

    def to_json(self) -> dict[str, Any]:
        """The record as one JSON object (``batches`` as a two-element list or null)."""
        data = asdict(self)
        data["batches"] = list(self.batches) if self.batches else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TxRecord:
        """Rebuild a record from one line of ``txs.jsonl``."""
        fields = dict(data)
        fields["batches"] = tuple(data["batches"]) if data.get("batches") else None
        return cls(**fields)


class TxLog:
    """Appends :class:`TxRecord` lines to a JSON Lines file, durably."""

    def __init__(self, path: Path, *, backend: str, fork: str) -> None:
        self.path = path
        self.backend = backend
        self.fork = fork
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the transaction log {path}: {exc.strerror}") from None

    def record(
        self,
        tx: TxResult,
        *,
        kind: str,
        label: str = "",
        scenario: str = "",
        strategy: str = "",
        batches: tuple[int, int] | None = None,
    ) -> TxRecord:
        """Write one mined transaction to the log and return its record."""
        if kind not in KINDS:
            raise ValueError(f"unknown transaction kind {kind!r}")
        record = TxRecord(
            kind=kind,
            label=label,
            scenario=scenario,
            strategy=strategy,
            batches=batches,
            gas_used=tx.gas_used,
            gas_limit=tx.gas_limit,
            calldata_bytes=tx.calldata.zero_bytes + tx.calldata.nonzero_bytes,
            calldata_zero_bytes=tx.calldata.zero_bytes,
            calldata_nonzero_bytes=tx.calldata.nonzero_bytes,
            intrinsic_gas=tx.calldata.intrinsic_gas,
            floor_gas=tx.calldata.floor_gas,
            status=tx.status,
            tx_hash=tx.tx_hash,
            block=tx.block,
            backend=self.backend,
            fork=self.fork,
        )
        self._file.write(json.dumps(record.to_json()) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        return record

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> TxLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_txlog(path: Path) -> Iterator[TxRecord]:
    """The records of a ``txs.jsonl`` file, in the order they were mined.

    A last line cut short by a crash is skipped; any other bad line is an error.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield TxRecord.from_json(load_json(line))
        except (ValueError, TypeError, KeyError) as exc:
            if number == len(lines):
                return
            raise UsageError(f"{path}:{number}: not a transaction record ({exc})") from None
