"""A sweep's manifest on disk: ``manifest.json`` beside ``txs.jsonl``, written as soon as the
runs finish, so the reports can be rendered again from the two files alone.

It says what was run — the plan, the rollup, the prover, the chains, every scenario with the model's
figures, the probes and any split batch size — and how long it took; its gas figures are left
to the records of ``txs.jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import problem, read_json_file
from harness.costmodel.fees import DEFAULT_FEES, Fees
from harness.records.flat import flat_json, flat_values
from harness.records.outcome import ProvingStats, ScenarioOutcome

MANIFEST_FILE = "manifest.json"
#: The data-availability mode of a sweep whose manifest names none.
CALLDATA = "calldata"
MANIFEST_FORMAT = "rollup-harness/sweep@1"

#: The keys of a sweep scenario, in the order ``manifest.json`` has them.
_SCENARIO_KEYS = (
    "name",
    "fork",
    "onchain",
    "da",
    "proofs",
    "txs_per_batch",
    "strategy",
    "strategy_description",
    "aggregation_factor",
    "decider_choice",
    "model",
    "tree",
    "onchain_state_root",
    "proving",
    "seconds",
    "requested_proofs",
    "requested_txs_per_batch",
    "commit_scenario",
)


@dataclass(frozen=True)
class PlanRecord:
    """The grid a sweep ran."""

    proofs: tuple[int, ...]
    strategies: tuple[str, ...]
    onchain: tuple[str, ...]
    forks: tuple[str, ...]
    #: Data-availability modes: where the batch data went.
    da: tuple[str, ...]
    backend: str
    #: The main batch size; the extra ones only serve the calibrated fit.
    txs_per_batch: int
    extra_batch_sizes: tuple[int, ...]
    #: The largest proof count run at the extra batch sizes.
    extra_max_proofs: int
    seed: int
    preset: str
    block_gas_limit: int
    set_depth_leaves: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        """The plan by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanRecord:
        """The plan a manifest's ``plan`` object holds (one without ``da`` is of a sweep that
        committed calldata)."""
        return cls(**flat_values(cls, {"da": [CALLDATA]} | data))


@dataclass(frozen=True)
class RollupRecord:
    """The rollup a sweep drove: its adapter's name, its contract and the config file that
    named it (None: the harness's own ``Rollup.sol``, no file)."""

    name: str
    contract: str
    config: str | None

    def to_json(self) -> dict[str, Any]:
        """The rollup by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> RollupRecord:
        """The rollup a manifest's ``rollup`` object holds (a manifest without one is of a sweep
        of the harness's own rollup)."""
        return cls(**flat_values(cls, data)) if data is not None else HARNESS_ROLLUP_RECORD


#: The harness's own rollup, as a manifest records it.
HARNESS_ROLLUP_RECORD = RollupRecord("Rollup.sol", "Rollup", None)


@dataclass(frozen=True)
class ProverRecord:
    """The prover a sweep made its seals with, and its verifier."""

    name: str
    verifier: str
    workers: int

    def to_json(self) -> dict[str, Any]:
        """The prover by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProverRecord:
        """The prover a manifest's ``prover`` object holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class ChainRecord:
    """One chain (one fork) a sweep ran on, and its gas limits."""

    fork: str
    backend: str
    client: str
    chain_id: int
    block_gas_limit: int
    tx_gas_limit: int
    tx_gas_limit_name: str

    def to_json(self) -> dict[str, Any]:
        """The chain by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChainRecord:
        """The chain one of a manifest's ``chains`` holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class SplitRecord:
    """A batch size whose commit would break the fork's per-transaction limit, the smaller
    batches it was committed as instead, and what the node did with one unsplit commit."""

    fork: str
    requested_txs_per_batch: int
    txs_per_batch: int
    #: How many batches each requested one became.
    parts: int
    requested_gas: int
    limit: int
    limit_name: str
    #: What the node did with a commit of the requested size, in words.
    refusal: str

    def to_json(self) -> dict[str, Any]:
        """The split by name."""
        return flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SplitRecord:
        """The split one of a manifest's ``splits`` holds."""
        return cls(**flat_values(cls, data))


@dataclass(frozen=True)
class SweepScenario:
    """One scenario of a sweep: where and how it was settled, and on which committed batches."""

    name: str
    fork: str
    onchain: str
    #: Whether the model's decider picks this strategy at this proof count.
    decider_choice: bool
    outcome: ScenarioOutcome
    #: The proof count and batch size asked for (more, smaller batches when they were split).
    requested_proofs: int
    requested_txs_per_batch: int
    #: The scenario name of the commits it was settled on (batches 1..N of them are its data).
    commit_scenario: str
    #: Where its batch data went: ``calldata``, ``blob`` or ``blob-kzg``.
    da: str = CALLDATA

    def to_json(self) -> dict[str, Any]:
        """The scenario as one of ``manifest.json``'s ``scenarios``."""
        values = self.outcome.to_json() | {
            "name": self.name,
            "fork": self.fork,
            "onchain": self.onchain,
            "da": self.da,
            "decider_choice": self.decider_choice,
            "requested_proofs": self.requested_proofs,
            "requested_txs_per_batch": self.requested_txs_per_batch,
            "commit_scenario": self.commit_scenario,
        }
        return {key: values[key] for key in _SCENARIO_KEYS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SweepScenario:
        """The scenario one of a manifest's ``scenarios`` holds."""
        return cls(
            name=data["name"],
            fork=data["fork"],
            onchain=data["onchain"],
            decider_choice=data["decider_choice"],
            outcome=ScenarioOutcome.from_json(data),
            requested_proofs=data["requested_proofs"],
            requested_txs_per_batch=data["requested_txs_per_batch"],
            commit_scenario=data["commit_scenario"],
            da=data.get("da", CALLDATA),
        )


@dataclass(frozen=True)
class SweepManifest:
    """What a sweep ran, on what, and how long it took."""

    harness_version: str
    started_at: str
    plan: PlanRecord
    rollup: RollupRecord
    prover: ProverRecord
    chains: tuple[ChainRecord, ...]
    scenarios: tuple[SweepScenario, ...]
    #: The verification probes' scenario names (``<fork>/verify/<receipt>``).
    verify_probes: tuple[str, ...]
    #: The set-depth probes' scenario names with their leaf counts (0: the range probe).
    set_depth_probes: Mapping[str, int]
    splits: tuple[SplitRecord, ...]
    proving: ProvingStats
    wall_seconds: float
    #: The prices the reports reckon the sweep's cost at.
    fees: Fees = DEFAULT_FEES

    def to_json(self) -> dict[str, Any]:
        """The manifest as ``manifest.json`` holds it."""
        return {"format": MANIFEST_FORMAT} | flat_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SweepManifest:
        """The manifest ``data`` holds (its ``format`` is the reader's to check)."""
        return cls(
            harness_version=data["harness_version"],
            started_at=data["started_at"],
            plan=PlanRecord.from_json(data["plan"]),
            rollup=RollupRecord.from_json(data.get("rollup")),
            prover=ProverRecord.from_json(data["prover"]),
            chains=tuple(ChainRecord.from_json(chain) for chain in data["chains"]),
            scenarios=tuple(SweepScenario.from_json(entry) for entry in data["scenarios"]),
            verify_probes=tuple(data["verify_probes"]),
            set_depth_probes=dict(data["set_depth_probes"]),
            splits=tuple(SplitRecord.from_json(split) for split in data["splits"]),
            proving=ProvingStats.from_json(data["proving"]),
            wall_seconds=data["wall_seconds"],
            fees=Fees.from_json(data["fees"]) if "fees" in data else DEFAULT_FEES,
        )


def save_manifest(out: Path, manifest: SweepManifest) -> Path:
    """Write ``manifest`` to ``out/manifest.json`` in one step; the file's path."""
    path = out / MANIFEST_FILE
    try:
        atomic_write_text(path, json.dumps(manifest.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return path


def load_manifest(out: Path) -> SweepManifest:
    """The manifest a sweep wrote to ``out/manifest.json``."""
    path = out / MANIFEST_FILE
    if not path.is_file():
        raise UsageError(f"{out} has no {MANIFEST_FILE}; give the output directory of a sweep")
    document = read_json_file(path, "sweep manifest", UsageError)
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        raise UsageError(f"{path} is not a sweep manifest (format {MANIFEST_FORMAT!r})")
    try:
        return SweepManifest.from_json(document)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        detail = problem(exc)
        raise UsageError(f"{path} is not a sweep manifest ({detail})") from None
