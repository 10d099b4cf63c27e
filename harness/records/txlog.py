"""The transaction log: ``txs.jsonl``, one line per mined transaction, written as it happens.

Each line is handed to the operating system in one ``write`` before the harness moves on (the
next transaction is sent after it), so a killed or crashed harness loses nothing it recorded.
Making the lines durable on disk (``fsync``) is grouped: a background thread syncs the file
every :data:`SYNC_INTERVAL_S` seconds while lines arrive, and closing the log syncs the rest.
A power loss can therefore drop the records written in the last :data:`SYNC_INTERVAL_S`
seconds (plus one ``fsync``) before it, always a tail of the file, a line possibly cut short.
``run --resume`` recovers them: the transactions are on the chain, which it asks for every
one mined after the last record (or, if the chain lost them too, sends them again).

Reports read these lines; they never ask the chain. A resumed run reconciles the log with its
chain through :func:`scan_txlog`, :func:`rewrite_txlog` and :func:`set_aside`: a line cut
short by a crash is dropped, and records of transactions the chain no longer has are moved to
``txs.rolled-back.jsonl``, never silently deleted.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import load_json
from harness.ethereum.mined import TxResult

#: The transaction log's file name in a run's or a sweep's output directory.
TXS_FILE = "txs.jsonl"
#: The scenario a run sends its own strategy's transactions in (a compared strategy's go in
#: ``compare-<strategy>``).
MAIN_SCENARIO = "main"
#: Seconds between two syncs of the log to disk while records are written.
SYNC_INTERVAL_S = 0.2

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
    #: Blobs the transaction carried, the blob gas they used and its price (wei per blob
    #: gas); zero for a transaction without blobs (and in logs written before blobs).
    blob_count: int = 0
    blob_gas_used: int = 0
    blob_gas_price: int = 0
    #: Wei paid per unit of execution gas (base fee plus priority fee).
    effective_gas_price: int = 0
    #: The gas of the transaction's call frames split into intrinsic, verification and the
    #: rollup's own execution (settlement transactions; None where not traced).
    frames: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as one JSON object (``batches`` as a two-element list or null;
        ``frames`` only where the transaction was traced)."""
        data = dict(vars(self))  # the fields, in their order
        data["batches"] = list(self.batches) if self.batches else None
        if self.frames is None:
            del data["frames"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TxRecord:
        """Rebuild a record from one line of ``txs.jsonl``."""
        fields = dict(data)
        fields["batches"] = tuple(data["batches"]) if data.get("batches") else None
        return cls(**fields)


def record_of(
    tx: TxResult,
    *,
    kind: str,
    label: str,
    scenario: str,
    strategy: str,
    batches: tuple[int, int] | None,
    backend: str,
    fork: str,
    frames: dict[str, Any] | None = None,
) -> TxRecord:
    """The record of the mined transaction ``tx`` (with its call frames' gas, if traced)."""
    return TxRecord(
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
        backend=backend,
        fork=fork,
        blob_count=tx.blob_count,
        blob_gas_used=tx.blob_gas_used,
        blob_gas_price=tx.blob_gas_price,
        effective_gas_price=tx.effective_gas_price,
        frames=frames,
    )


def _line(record: TxRecord) -> str:
    return json.dumps(record.to_json()) + "\n"


class TxLog:
    """Appends :class:`TxRecord` lines to a JSON Lines file: each written to the OS at once,
    synced to disk within ``sync_interval`` seconds (default :data:`SYNC_INTERVAL_S`)."""

    def __init__(
        self, path: Path, *, backend: str, fork: str, sync_interval: float | None = None
    ) -> None:
        self.path = path
        self.backend = backend
        self.fork = fork
        self.sync_interval = SYNC_INTERVAL_S if sync_interval is None else sync_interval
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            raise UsageError(f"cannot write the transaction log {path}: {exc.strerror}") from None
        self._written = self._synced = 0
        self._sync_lock = threading.Lock()
        self._closing = threading.Event()
        self._syncer = threading.Thread(target=self._sync_often, name="txlog-sync", daemon=True)
        self._syncer.start()

    def record(
        self,
        tx: TxResult,
        *,
        kind: str,
        label: str = "",
        scenario: str = "",
        strategy: str = "",
        batches: tuple[int, int] | None = None,
        frames: dict[str, Any] | None = None,
    ) -> TxRecord:
        """Write one mined transaction to the log and return its record."""
        if kind not in KINDS:
            raise ValueError(f"unknown transaction kind {kind!r}")
        return self.write(
            record_of(
                tx,
                kind=kind,
                label=label,
                scenario=scenario,
                strategy=strategy,
                batches=batches,
                backend=self.backend,
                fork=self.fork,
                frames=frames,
            )
        )

    def write(self, record: TxRecord) -> TxRecord:
        """Append ``record`` as one line, handed to the OS before this returns, and return it."""
        data = _line(record).encode("utf-8")
        while data:
            data = data[os.write(self._fd, data) :]
        self._written += 1
        return record

    def sync(self) -> None:
        """Make every line written so far durable on disk now."""
        with self._sync_lock:
            written = self._written
            if written != self._synced:
                os.fsync(self._fd)
                self._synced = written

    def _sync_often(self) -> None:
        while not self._closing.wait(self.sync_interval):
            self.sync()

    def close(self) -> None:
        """Sync what is left and close the file."""
        if self._closing.is_set():
            return
        self._closing.set()
        self._syncer.join()
        self.sync()
        os.close(self._fd)

    def __enter__(self) -> TxLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_txlog(path: Path) -> Iterator[TxRecord]:
    """The records of a ``txs.jsonl`` file, in the order they were mined.

    A last line cut short by a crash (one that is not JSON) is skipped; any other bad line is
    an error.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = load_json(line)
        except ValueError as exc:
            if number == len(lines):
                return
            raise UsageError(f"{path}:{number}: not JSON ({exc})") from None
        try:
            yield TxRecord.from_json(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise UsageError(f"{path}:{number}: not a transaction record ({exc})") from None


#: Where records of transactions the chain no longer has are moved, beside ``txs.jsonl``.
ROLLED_BACK_NAME = "txs.rolled-back.jsonl"


@dataclass(frozen=True)
class ScannedLog:
    """A ``txs.jsonl`` as a resumed run finds it."""

    records: tuple[TxRecord, ...]
    #: The last line was cut short (or lacks its newline): the file must be rewritten before
    #: anything is appended to it.
    torn: bool


def scan_txlog(path: Path) -> ScannedLog:
    """The records of ``path`` (none if it does not exist), and whether its end is torn."""
    if not path.exists():
        return ScannedLog((), torn=False)
    records = tuple(read_txlog(path))
    text = path.read_bytes()
    whole_lines = sum(1 for line in text.splitlines() if line.strip())
    torn = whole_lines != len(records) or (bool(text) and not text.endswith(b"\n"))
    return ScannedLog(records, torn)


def rewrite_txlog(path: Path, records: Iterable[TxRecord]) -> None:
    """Replace ``path`` with exactly ``records``, atomically (a crash leaves old or new)."""
    atomic_write_text(path, "".join(_line(record) for record in records))


def set_aside(path: Path, records: Iterable[TxRecord]) -> Path:
    """Append ``records`` to ``txs.rolled-back.jsonl`` beside ``path``; returns that file."""
    aside = path.with_name(ROLLED_BACK_NAME)
    append_txlog(aside, records)
    return aside


def append_txlog(path: Path, records: Iterable[TxRecord]) -> None:
    """Append ``records`` to ``path`` (created if need be) with one fsync for them all."""
    with path.open("a", encoding="utf-8") as file:
        file.writelines(_line(record) for record in records)
        file.flush()
        os.fsync(file.fileno())
