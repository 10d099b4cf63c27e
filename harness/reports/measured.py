"""What a sweep measured, computed from its ``txs.jsonl`` records and nothing else.

The sweep's manifest says which scenarios ran and what the model predicts for them; every gas
and calldata figure here is a sum over record lines. A scenario's own records are its
settlement (``finalize`` and ``submit_root``); its batch data is the commits of batches 1..N
in the batch sequence it was settled on (``commit_scenario``), shared by every scenario of that
sequence because each one was settled from a snapshot taken after those commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from harness.common.errors import UsageError
from harness.ethereum.limits import TX_GAS_CAP
from harness.records.cold_storage import first_finalize_cold_gas
from harness.records.outcome import ModelFigures
from harness.records.sweep_manifest import SweepManifest, SweepScenario
from harness.records.txlog import TxRecord

SETTLEMENT_KINDS = ("finalize", "submit_root")

#: The columns that name a sweep scenario in the report's tables: fork, data-availability
#: mode, on-chain mode, proof count and strategy (header and alignment).
SCENARIO_KEY_COLUMNS = (("fork", "l"), ("DA", "l"), ("mode", "l"), ("N", "r"), ("strategy", "l"))


def by_scenario(records: Iterable[TxRecord]) -> dict[str, list[TxRecord]]:
    """Records grouped by their scenario label, in log order."""
    grouped: dict[str, list[TxRecord]] = defaultdict(list)
    for record in records:
        grouped[record.scenario].append(record)
    return dict(grouped)


def _gas(records: Iterable[TxRecord], *kinds: str) -> int:
    return sum(r.gas_used for r in records if r.kind in kinds)


def _bytes(records: Iterable[TxRecord], *kinds: str) -> int:
    return sum(r.calldata_bytes for r in records if r.kind in kinds)


@dataclass(frozen=True)
class ScenarioMeasurement:
    """One scenario: the model's figures (from the manifest) and the measured ones (records)."""

    name: str
    fork: str
    onchain: str
    proofs: int
    txs_per_batch: int
    strategy: str
    strategy_description: str
    aggregation_factor: int
    decider_choice: bool
    model_gas: int
    model_no_aggregation_gas: int
    model_tps: float
    model: ModelFigures
    verifications: int
    finalize_gas: int
    submit_root_gas: int
    commit_gas: int
    #: Blob gas of the commits (0 where the batch data went as calldata).
    commit_blob_gas: int
    commits: int
    settlement_calldata_bytes: int
    submit_root_calldata_bytes: int
    commit_calldata_bytes: int
    largest_settlement_tx_gas: int
    largest_commit_gas: int
    tree_depth: int
    node_count: int
    set_depth: int | None
    proving_seconds: float
    cache_hit_rate: float
    workers: int
    seconds: float
    commit_scenario: str
    requested_proofs: int
    requested_txs_per_batch: int
    #: How much more execution gas the scenario's first finalise used than its later ones
    #: (:mod:`harness.records.cold_storage`); None without a later finalise.
    first_finalize_cold_gas: int | None = None
    #: Where the batch data went: ``calldata``, ``blob`` or ``blob-kzg``.
    da: str = "calldata"
    #: Blobs the commits carried.
    commit_blobs: int = 0

    @property
    def settlement_gas(self) -> int:
        """Gas of proof submission: every finalise plus the set root's submission."""
        return self.finalize_gas + self.submit_root_gas

    @property
    def total_gas(self) -> int:
        """Settlement and batch data together: what L1 is paid for the scenario."""
        return self.settlement_gas + self.commit_gas

    @property
    def gas_per_verification(self) -> float:
        """Settlement gas per proof the chain accepted."""
        return self.settlement_gas / self.verifications

    @property
    def deviation_percent(self) -> float:
        """The model's error on settlement gas: (measured − model) / model, in percent."""
        return (self.settlement_gas - self.model_gas) / self.model_gas * 100

    @property
    def commit_gas_per_batch(self) -> float:
        """Mean gas of committing one batch."""
        return self.commit_gas / self.commits

    @property
    def cap_breakers(self) -> tuple[str, ...]:
        """Which of the scenario's transactions used more than the EIP-7825 cap."""
        parts = (
            ("settlement", self.largest_settlement_tx_gas),
            ("commit", self.largest_commit_gas),
        )
        return tuple(part for part, gas in parts if gas > TX_GAS_CAP)


def measure_scenarios(
    grouped: dict[str, list[TxRecord]], manifest: SweepManifest
) -> list[ScenarioMeasurement]:
    """Every scenario of the manifest, measured from its records."""
    return [_measure(entry, grouped) for entry in manifest.scenarios]


def _records(grouped: dict[str, list[TxRecord]], name: str) -> list[TxRecord]:
    try:
        return grouped[name]
    except KeyError:
        raise UsageError(
            f"txs.jsonl has no transaction of scenario {name!r}; is it the sweep's own log?"
        ) from None


def _measure(entry: SweepScenario, grouped: dict[str, list[TxRecord]]) -> ScenarioMeasurement:
    own = _records(grouped, entry.name)
    outcome = entry.outcome
    proofs = outcome.proofs
    if not isinstance(proofs, int) or proofs < 1:
        raise UsageError(f"scenario {entry.name!r} has {proofs!r} proofs; expected at least 1")
    commits = [
        r
        for r in _records(grouped, entry.commit_scenario)
        if r.kind == "commit" and r.batches is not None and r.batches[1] <= proofs
    ]
    if len(commits) != proofs:
        raise UsageError(
            f"txs.jsonl holds {len(commits)} commits of {entry.commit_scenario} up to batch "
            f"{proofs}, expected {proofs}"
        )
    settlement = [r for r in own if r.kind in SETTLEMENT_KINDS]
    if not any(r.kind == "finalize" for r in settlement):
        raise UsageError(
            f"txs.jsonl has no finalize transaction of scenario {entry.name!r}; "
            "is it the sweep's own, complete log?"
        )
    model = outcome.model
    return ScenarioMeasurement(
        name=entry.name,
        fork=entry.fork,
        onchain=entry.onchain,
        proofs=proofs,
        txs_per_batch=outcome.txs_per_batch,
        strategy=outcome.strategy,
        strategy_description=outcome.strategy_description,
        aggregation_factor=outcome.aggregation_factor,
        decider_choice=entry.decider_choice,
        model_gas=model.aggregated_gas,
        model_no_aggregation_gas=model.no_aggregation_gas,
        model_tps=model.aggregated_tps,
        model=model,
        verifications=sum(1 for r in own if r.kind == "finalize"),
        finalize_gas=_gas(own, "finalize"),
        submit_root_gas=_gas(own, "submit_root"),
        commit_gas=_gas(commits, "commit"),
        commit_blob_gas=sum(r.blob_gas_used for r in commits),
        commits=len(commits),
        settlement_calldata_bytes=_bytes(own, *SETTLEMENT_KINDS),
        submit_root_calldata_bytes=_bytes(own, "submit_root"),
        commit_calldata_bytes=_bytes(commits, "commit"),
        largest_settlement_tx_gas=max(r.gas_used for r in settlement),
        largest_commit_gas=max(r.gas_used for r in commits),
        tree_depth=outcome.tree.depth,
        node_count=outcome.tree.node_count,
        set_depth=outcome.tree.set_depth,
        proving_seconds=outcome.proving.seconds,
        cache_hit_rate=outcome.proving.cache_hit_rate,
        workers=outcome.proving.workers,
        seconds=outcome.seconds,
        commit_scenario=entry.commit_scenario,
        requested_proofs=entry.requested_proofs,
        requested_txs_per_batch=entry.requested_txs_per_batch,
        first_finalize_cold_gas=first_finalize_cold_gas(own),
        da=entry.da,
        commit_blobs=sum(r.blob_count for r in commits),
    )


@dataclass(frozen=True)
class VerifyCost:
    """One ``verify`` transaction: which receipt, sent how, and what it cost."""

    fork: str
    receipt: str
    path: str
    gas_used: int
    intrinsic_gas: int
    floor_gas: int
    calldata_bytes: int

    @property
    def execution_gas(self) -> int:
        """Gas spent running code: the transaction's gas less its intrinsic gas."""
        return self.gas_used - self.intrinsic_gas


def verify_costs(grouped: dict[str, list[TxRecord]], manifest: SweepManifest) -> list[VerifyCost]:
    """The verification probes' transactions (bare and routed, per receipt and fork)."""
    costs = []
    for name in manifest.verify_probes:
        fork, _, receipt = name.split("/", 2)
        for record in _records(grouped, name):
            if record.kind == "verify":
                costs.append(
                    VerifyCost(
                        fork,
                        receipt,
                        record.label,
                        record.gas_used,
                        record.intrinsic_gas,
                        record.floor_gas,
                        record.calldata_bytes,
                    )
                )
    return costs


@dataclass(frozen=True)
class FinalizeCost:
    """The finalise transactions of one fork and on-chain mode, summarised.

    A rollup's first finalise (a range starting at batch 1) writes its finalised counter from
    zero, so it is summarised apart from the later ones. Either mean is None when there is no
    finalise of its kind.
    """

    fork: str
    onchain: str
    count: int
    mean_gas: float
    min_gas: int
    max_gas: int
    first_mean_gas: float | None
    later_mean_gas: float | None
    later_count: int

    @property
    def typical_gas(self) -> float:
        """The mean of the finalises after a rollup's first (else of the first ones, else of
        them all)."""
        for mean in (self.later_mean_gas, self.first_mean_gas):
            if mean is not None:
                return mean
        return self.mean_gas


def finalize_costs(
    grouped: dict[str, list[TxRecord]], scenarios: Sequence[ScenarioMeasurement]
) -> list[FinalizeCost]:
    """Per fork and mode, the finalise transactions of ``scenarios`` (a fork and mode without
    any is left out)."""
    pooled: dict[tuple[str, str], list[TxRecord]] = defaultdict(list)
    for scenario in scenarios:
        pooled[(scenario.fork, scenario.onchain)] += [
            r for r in grouped.get(scenario.name, ()) if r.kind == "finalize"
        ]
    costs = []
    for (fork, mode), records in pooled.items():
        gas = [r.gas_used for r in records]
        if not gas:
            continue
        first = [r.gas_used for r in records if r.batches and r.batches[0] == 1]
        later = [r.gas_used for r in records if r.batches and r.batches[0] > 1]
        costs.append(
            FinalizeCost(
                fork=fork,
                onchain=mode,
                count=len(gas),
                mean_gas=sum(gas) / len(gas),
                min_gas=min(gas),
                max_gas=max(gas),
                first_mean_gas=_mean(first),
                later_mean_gas=_mean(later),
                later_count=len(later),
            )
        )
    return costs


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class DepthRow:
    """Finalising one batch by set inclusion under a root of ``leaves`` leaves."""

    fork: str
    leaves: int
    finalize_gas: int
    finalize_calldata_bytes: int
    submit_root_gas: int
    range_finalize_gas: int

    @property
    def depth(self) -> int:
        """Levels of the inclusion path: ceil(log2 leaves)."""
        return (self.leaves - 1).bit_length()

    @property
    def per_batch_gas(self) -> float:
        """Finalise plus the root's submission shared by all the root's batches."""
        return self.finalize_gas + self.submit_root_gas / self.leaves


def depth_rows(grouped: dict[str, list[TxRecord]], manifest: SweepManifest) -> list[DepthRow]:
    """The set-inclusion depth probes, smallest tree first, per fork."""
    probes = manifest.set_depth_probes
    ranges = {
        name.split("/", 1)[0]: _gas(_records(grouped, name), "finalize")
        for name, leaves in probes.items()
        if leaves == 0
    }
    rows = []
    for name, leaves in probes.items():
        if leaves == 0:
            continue
        records = _records(grouped, name)
        fork = name.split("/", 1)[0]
        rows.append(
            DepthRow(
                fork,
                leaves,
                _gas(records, "finalize"),
                _bytes(records, "finalize"),
                _gas(records, "submit_root"),
                ranges[fork],
            )
        )
    return sorted(rows, key=lambda row: (row.fork, row.leaves))


@dataclass(frozen=True)
class CommitStats:
    """The commits of one batch sequence: what a batch cost, and how many paid the floor."""

    fork: str
    txs_per_batch: int
    commits: int
    mean_gas: float
    #: Commits whose gas was exactly their EIP-7623 calldata floor.
    floor_priced: int
    #: Where the batch data went: ``calldata``, ``blob`` or ``blob-kzg``.
    da: str = "calldata"
    #: Blobs the commits carried, and their blob gas.
    blobs: int = 0
    blob_gas: int = 0

    @property
    def gas_per_l2_tx(self) -> float:
        """Mean commit gas per transfer carried."""
        return self.mean_gas / self.txs_per_batch


def commit_stats(
    grouped: dict[str, list[TxRecord]], scenarios: Sequence[ScenarioMeasurement]
) -> list[CommitStats]:
    """Per batch sequence settled on, every commit it recorded."""
    sequences = {(s.fork, s.da, s.txs_per_batch): s.commit_scenario for s in scenarios}
    stats = []
    for (fork, da, size), name in sorted(sequences.items()):
        commits = [r for r in grouped[name] if r.kind == "commit"]
        stats.append(
            CommitStats(
                fork,
                size,
                len(commits),
                sum(r.gas_used for r in commits) / len(commits),
                sum(1 for r in commits if r.gas_used == r.floor_gas),
                da,
                sum(r.blob_count for r in commits),
                sum(r.blob_gas_used for r in commits),
            )
        )
    return stats
