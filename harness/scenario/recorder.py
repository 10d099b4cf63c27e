"""The recorder of a scenario: each mined transaction to ``txs.jsonl`` under the scenario's name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.ethereum.mined import TxResult
from harness.records.txlog import TxLog, TxRecord

#: The transactions whose gas is split by call frame as they are recorded: the ones that verify
#: a proof (the rest have no verifier frame: their gas is intrinsic plus the rollup's own).
TRACED_KINDS = frozenset({"finalize", "submit_root", "verify"})


@dataclass
class ScenarioRecorder:
    """Writes each mined transaction to the log under one scenario name, and keeps it.

    ``logged`` holds the records a resumed run already wrote, by transaction hash: told of one
    of those again, the recorder keeps the record it has instead of writing a second one.
    ``on_deploy`` hears of every contract the scenario deploys (label and address).
    """

    txlog: TxLog
    scenario: str
    strategy: str
    records: list[TxRecord] = field(default_factory=list)
    logged: dict[str, TxRecord] = field(default_factory=dict)
    on_deploy: Callable[[str, str], None] | None = None
    #: Splits a settlement transaction's gas by call frame (see :data:`TRACED_KINDS`).
    frames_of: Callable[[TxResult], dict[str, Any]] | None = None

    def __call__(
        self, tx: TxResult, kind: str, label: str, batches: tuple[int, int] | None = None
    ) -> None:
        """Record ``tx``."""
        frames = None
        if self.frames_of is not None and kind in TRACED_KINDS and tx.status == 1:
            frames = self.frames_of(tx)
        record = self.logged.pop(tx.tx_hash, None) or self.txlog.record(
            tx,
            kind=kind,
            label=label,
            scenario=self.scenario,
            strategy=self.strategy,
            batches=batches,
            frames=frames,
        )
        self.records.append(record)
        if kind == "deploy" and tx.contract_address and self.on_deploy is not None:
            self.on_deploy(label, tx.contract_address)

    def breakdown(self, kind: str) -> dict[str, int] | None:
        """The gas of this scenario's ``kind`` transactions split into intrinsic, verification
        and rollup, summed; None unless every one of them was traced."""
        parts = ("intrinsic", "verification", "rollup")
        records = [r for r in self.records if r.kind == kind]
        if not records or any(not r.frames or "unavailable" in r.frames for r in records):
            return None
        return {part: sum(r.frames[part] for r in records) for part in parts}  # type: ignore[index]

    def gas(self, kind: str) -> int:
        """Total gas of this scenario's transactions of ``kind``."""
        return sum(r.gas_used for r in self.records if r.kind == kind)

    def blob_gas(self) -> int:
        """Total blob gas of this scenario's transactions."""
        return sum(r.blob_gas_used for r in self.records)

    def count(self, kind: str) -> int:
        """How many transactions of ``kind`` this scenario sent."""
        return sum(1 for r in self.records if r.kind == kind)
