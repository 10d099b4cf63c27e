"""Run a sweep's units: each on a chain of its own, from the same deployed state.

A sweep is split into units, fixed by its plan alone: one batch sequence (one fork, one
data-availability mode, one batch size) settled in one on-chain mode. A unit starts anvil (or
py-evm), deploys the stack and the rollup (the plan's config names it; the harness's own
``Rollup.sol`` by default, and every rollup is driven through its adapter) — the same
transactions in every unit of a fork, so each unit's chain is in the same state when its own
work begins — then commits its batches once, in rising proof-count order, and settles each
scenario from a chain snapshot taken after its N commits, then reverted. Once batch 1 is
committed it sends the verification probes on batch 1's claim (the journal the rollup checks
needs the batch committed), and the set-inclusion depth probes if it is the unit that sends
them. The rollup's address and the committed batches are the same for every scenario, so equal
claims recur and the unit's prover cache serves them. Commits are recorded under their batch
sequence's name (``prague/t100/commits``, ``osaka/blob/t100/commits``); a scenario of N proofs
pays the commits of batches 1..N.

What a unit shares with others is recorded by one of them only: the deploys and the
verification probes by the fork's first unit, the commits and the probe of a split batch size by
the sequence's first unit; the other units send the same kinds of transaction (a verification
probe on their own batch 1) and drop their records. A unit proves with a cache of its own, in
its own process, so what it reports (records, proving statistics) does not depend on where, when
or beside what it runs. It returns its records and its part of the manifest; the sweep writes
them (see :mod:`harness.sweep.dispatch`).

An adapter keeps its own view of the rollup in Python; the sweep reverts the chain after each
scenario but not that view, so an adapter may build it as batches are committed, not as they
are finalised (the example's hash chain of proposals is such a view).
"""

from __future__ import annotations

import math
import os
import signal
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from harness.chain.backends import open_chain
from harness.chain.base import Chain
from harness.common.errors import ChainError
from harness.costmodel.presets import get_preset
from harness.ethereum.limits import limit_name
from harness.l2.batch import Batch
from harness.l2.roots import Checkpoint, chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.adapter import OnChain
from harness.onchain.rollup import HarnessRollup
from harness.onchain.target import RollupTarget
from harness.provers.pool import ProverPool, ProverStats
from harness.provers.sources import seal_source
from harness.records.outcome import ScenarioOutcome
from harness.records.sweep_manifest import SweepScenario
from harness.records.txlog import TxLog, TxRecord
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import Reference, check_settled, deploy_stack, scenario_outcome, settle
from harness.sweep.grid import (
    CALLDATA,
    BatchGroup,
    ScenarioSpec,
    SweepPlan,
    sequence_prefix,
    sweep_target,
)
from harness.sweep.limits import HEADROOM, BatchSplit, plan_batch_size
from harness.sweep.probes import send_verify_probes, set_depth_probes, verify_calls
from harness.sweep.snapshots import reverting

#: Transaction kinds the progress bar counts (deploys and admin calls are not planned work).
COUNTED_KINDS = frozenset({"commit", "finalize", "submit_root", "verify"})
#: ``verify`` probe transactions per fork: two receipts, bare and routed.
VERIFY_PROBE_TXS = 4
#: A unit proves in its own process: the sweep's parallelism is its units.
UNIT_PROVER_WORKERS = 1
#: For tests of a worker dying mid-unit: ``UNIT=MARKER`` makes the first attempt at unit
#: ``UNIT`` (the one that finds no file ``MARKER``) create ``MARKER`` and kill its own process
#: once it has deployed.
CRASH_ONCE_ENV = "ROLLUP_HARNESS_SWEEP_CRASH_ONCE"


class UnitProgress(Protocol):
    """Told how a unit goes (a reporter to the sweep's progress display, or nothing)."""

    def describe(self, text: str) -> None:
        """The unit is now working on ``text``."""

    def mined(self, kind: str) -> None:
        """One transaction of ``kind`` was mined."""

    def scenario_done(self) -> None:
        """One scenario was settled."""


class _UnitLog(TxLog):
    """A unit's transaction log: unlike its base it has no file, but keeps the records in
    memory for the sweep to write, and counts each mined transaction in the unit's progress.

    With ``keep`` false the records are dropped: the transactions another unit records.
    """

    def __init__(self, *, backend: str, fork: str, progress: UnitProgress, keep: bool) -> None:
        self.backend, self.fork = backend, fork
        self.progress, self.keep = progress, keep
        self.records: list[TxRecord] = []

    def write(self, record: TxRecord) -> TxRecord:
        """Keep ``record`` (unless this log drops its records) and count it."""
        if self.keep:
            self.records.append(record)
        self.progress.mined(record.kind)
        return record

    def close(self) -> None:
        """Nothing to close: the records stay in memory."""


@dataclass(frozen=True)
class GroupLayout:
    """A batch sequence as it is run: its batch size after any split, and its proof counts."""

    group: BatchGroup
    split: BatchSplit | None

    @property
    def txs_per_batch(self) -> int:
        """Transfers per committed batch."""
        return self.split.txs_per_batch if self.split else self.group.txs_per_batch

    @property
    def proofs(self) -> list[tuple[int, int]]:
        """Each proof count asked for, with the count run (more when batches were split)."""
        return [(n, self.split.proofs(n) if self.split else n) for n in self.group.proofs]

    @property
    def da(self) -> str:
        """Where the sequence's batch data goes."""
        return self.group.da

    @property
    def prefix(self) -> str:
        """What the names of this sequence's scenarios start with (``osaka/blob``)."""
        return sequence_prefix(self.group.fork, self.da)

    @property
    def commits_name(self) -> str:
        """The scenario name of this sequence's commits in ``txs.jsonl``."""
        return f"{self.prefix}/t{self.txs_per_batch}/commits"


def layout(plan: SweepPlan, fork: str, da: str = CALLDATA) -> list[GroupLayout]:
    """The batch sequences of ``fork`` in mode ``da``; calldata batches each split if they would
    break a gas limit (blob batches carry their data outside the calldata, and one needing more
    blobs than a transaction carries was refused when the plan was made)."""
    return [
        GroupLayout(
            group,
            plan_batch_size(
                group.txs_per_batch,
                max(group.proofs),
                seed=plan.seed,
                fork=fork,
                block_gas_limit=plan.block_gas_limit,
            )
            if da == CALLDATA
            else None,
        )
        for group in plan.groups(fork, da)
    ]


@dataclass(frozen=True)
class SweepUnit:
    """One unit of a sweep, run on a chain of its own: a batch sequence (in one
    data-availability mode) settled in one on-chain mode."""

    #: The unit's place in the plan: the sweep writes units' records in this order.
    index: int
    group: GroupLayout
    onchain: str
    #: Records the fork's deploys and verification probes, and the chain they ran on.
    records_fork: bool
    #: Records the sequence's commits and the probe of its split batch size.
    records_commits: bool
    #: Sends the set-inclusion depth probes.
    depth_probes: bool

    @property
    def fork(self) -> str:
        """The unit's fork."""
        return self.group.group.fork

    @property
    def da(self) -> str:
        """Where the unit's batch data goes."""
        return self.group.da

    @property
    def name(self) -> str:
        """The unit's name: ``osaka/blob/t100/range`` (``prague/t100/range`` in calldata)."""
        return f"{self.group.prefix}/t{self.txs_per_batch}/{self.onchain}"

    @property
    def txs_per_batch(self) -> int:
        """Transfers per committed batch."""
        return self.group.txs_per_batch


def plan_units(plan: SweepPlan) -> list[SweepUnit]:
    """The units of ``plan``, in plan order: fork, data-availability mode, batch sequence,
    on-chain mode. The fork's first unit records its deploys and verification probes; the
    depth probes go with the first sequence of the fork's first data-availability mode."""
    units = []
    for fork in plan.forks:
        for da in plan.da:
            layouts = layout(plan, fork, da)
            first = da == plan.da[0]
            for group in layouts:
                for mode in plan.onchain:
                    units.append(
                        SweepUnit(
                            index=len(units),
                            group=group,
                            onchain=mode,
                            records_fork=first and group is layouts[0] and mode == plan.onchain[0],
                            records_commits=mode == plan.onchain[0],
                            depth_probes=first and group is layouts[0] and mode == "set",
                        )
                    )
    return units


def planned_transactions(plan: SweepPlan, unit: SweepUnit) -> int:
    """How many commit, settlement and probe transactions ``unit`` sends."""
    total = VERIFY_PROBE_TXS + max(n for _, n in unit.group.proofs)
    if unit.depth_probes:
        total += 2 * len(plan.set_depth_leaves) + 1
    for _, n in unit.group.proofs:
        for strategy in plan.strategies_for(n):
            total += math.ceil(n / strategy.aggregation_factor) + (unit.onchain == "set")
    return total


def planned_scenarios(plan: SweepPlan, unit: SweepUnit) -> int:
    """How many scenarios ``unit`` settles."""
    return sum(len(plan.strategies_for(n)) for _, n in unit.group.proofs)


@dataclass(frozen=True)
class UnitResult:
    """What a unit ran: its records, its part of the manifest and its proving statistics."""

    unit: SweepUnit
    records: tuple[TxRecord, ...]
    #: The chain the unit ran on, as the manifest lists it.
    chain: dict[str, Any]
    scenarios: tuple[dict[str, Any], ...]
    verify_probes: tuple[str, ...]
    set_depth_probes: dict[str, int]
    splits: tuple[dict[str, Any], ...]
    proving: ProverStats


def unit_pool(plan: SweepPlan) -> ProverPool:
    """The prover pool a unit of ``plan`` proves with (new for each unit: an empty cache)."""
    config = RunConfig(proofs=1, preset=plan.preset, seed=plan.seed)
    return ProverPool(
        seal_source(config.prover),
        workers=UNIT_PROVER_WORKERS,
        capacity=get_preset(plan.preset).proof_cache_capacity,
    )


def run_unit(
    plan: SweepPlan, unit: SweepUnit, receipts: Path, progress: UnitProgress
) -> UnitResult:
    """Run ``unit`` of ``plan`` on a chain of its own, writing its seals to ``receipts``."""
    with (
        unit_pool(plan) as pool,
        open_chain(
            plan.backend, fork=unit.fork, block_gas_limit=plan.block_gas_limit, rpc_url=plan.rpc_url
        ) as chain,
    ):
        logs = {
            keep: _UnitLog(backend=chain.info.backend, fork=unit.fork, progress=progress, keep=keep)
            for keep in (True, False)
        }
        manifest: dict[str, Any] = {
            "chains": [],
            "scenarios": [],
            "verify_probes": [],
            "set_depth_probes": {},
            "splits": [],
        }
        _ForkSweep(plan, chain, logs, pool, receipts, progress).run(unit, manifest)
        return UnitResult(
            unit=unit,
            records=tuple(logs[True].records),
            chain=manifest["chains"][0],
            scenarios=tuple(manifest["scenarios"]),
            verify_probes=tuple(manifest["verify_probes"]),
            set_depth_probes=manifest["set_depth_probes"],
            splits=tuple(manifest["splits"]),
            proving=pool.stats,
        )


def _crash_if_asked(unit: SweepUnit) -> None:
    """Kill this process on the first attempt at ``unit`` if :data:`CRASH_ONCE_ENV` says so."""
    name, _, marker = os.environ.get(CRASH_ONCE_ENV, "").partition("=")
    if name == unit.name and marker and not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)


def _node_message(exc: ChainError) -> str:
    """The node's own words for a refused transaction (the JSON-RPC error message)."""
    response = getattr(exc.__cause__, "rpc_response", None) or {}
    error = response.get("error") if isinstance(response, dict) else None
    if isinstance(error, dict) and "message" in error:
        return str(error["message"])
    return str(exc)


#: What a split's refusal says when the rollup is not ``Rollup.sol``: the probe of an unsplit
#: commit calls ``Rollup.sol``'s ``commitBatch`` with a gas limit of its own, which an adapter's
#: commit does not take.
NO_LIMIT_PROBE = (
    "was not asked: the unsplit commit is probed on Rollup.sol's commitBatch only, and {name} "
    "commits through its adapter"
)


@lru_cache(maxsize=4)
def _modelled(
    count: int, txs_per_batch: int, seed: int, da: str
) -> tuple[tuple[Batch, ...], tuple[Checkpoint, ...]]:
    """The first ``count`` batches of the workload and the reference model's checkpoints over
    them, the last four kept for the process's next units: a unit in range mode and one in set
    mode commit the same batches (a 100k-transfer workload takes some 2 s)."""
    data = tuple(batches(count, txs_per_batch, seed))
    return data, chain_of_roots(genesis(seed), data, da)


@dataclass
class _ForkSweep:
    """A unit of the sweep on its chain (one fork), driving the plan's rollup."""

    plan: SweepPlan
    chain: Chain
    #: The unit's logs by whether they keep their records.
    txlogs: dict[bool, TxLog]
    pool: ProverPool
    receipts: Path
    progress: UnitProgress

    @property
    def fork(self) -> str:
        """The chain's fork."""
        return self.chain.info.fork

    @property
    def target(self) -> RollupTarget:
        """The rollup the sweep drives."""
        return sweep_target(self.plan.config)

    def recorder(self, name: str, strategy: str = "", *, keep: bool = True) -> ScenarioRecorder:
        """A recorder that labels transactions with scenario ``name`` (and drops them unless
        ``keep``)."""
        return ScenarioRecorder(self.txlogs[keep], name, strategy)

    def run(self, unit: SweepUnit, manifest: dict[str, Any]) -> None:
        """Deploy, probe, then run the unit's batch sequence in its mode; adds what ran to
        ``manifest``."""
        plan, chain = self.plan, self.chain
        block_gas_limit = chain.info.block_gas_limit
        manifest["chains"].append(
            {
                "fork": self.fork,
                "backend": chain.info.backend,
                "client": chain.info.client,
                "chain_id": chain.info.chain_id,
                "block_gas_limit": block_gas_limit,
                "tx_gas_limit": chain.tx_gas_limit,
                "tx_gas_limit_name": limit_name(self.fork, block_gas_limit),
            }
        )
        self.progress.describe(f"{unit.name}: deploying")
        deploys = self.recorder(f"{self.fork}/deploy", keep=unit.records_fork)
        config = RunConfig(proofs=1, onchain="set", preset=plan.preset, seed=plan.seed)
        stack = deploy_stack(chain, config, self.pool, deploys)
        deployed = self.target.deploy(stack, genesis(plan.seed).root(), da=unit.da)
        _crash_if_asked(unit)
        group = unit.group
        if group.split is not None and unit.records_commits:
            manifest["splits"].append(
                group.split.to_json() | {"refusal": self.probe_limit(deployed, group.split)}
            )
        reference = self.reference(group)
        self.run_group(deployed, unit, reference, manifest)

    def reference(self, group: GroupLayout) -> Reference:
        """The batches a sequence commits, run through the reference model."""
        count = max(n for _, n in group.proofs)
        data, roots = _modelled(count, group.txs_per_batch, self.plan.seed, group.da)
        return Reference(data, roots, self.target.images)

    def probe_limit(self, deployed: OnChain, split: BatchSplit) -> str:
        """Send one batch of the size ``split`` was asked for, with the gas it needs, and say
        what happened (``Rollup.sol`` only: see :data:`NO_LIMIT_PROBE`)."""
        if not isinstance(deployed.rollup, HarnessRollup):
            return NO_LIMIT_PROBE.format(name=self.target.name)
        contract = deployed.rollup.client.contract
        data = batches(1, split.requested_txs_per_batch, self.plan.seed)[0].encode()
        gas = math.ceil(split.requested_gas * (1 + HEADROOM))
        with reverting(self.chain):
            try:
                tx = self.chain.transact(contract, "commitBatch", data, gas=gas)
            except ChainError as exc:
                return f'refused a commit sent with a {gas:,}-gas limit: "{_node_message(exc)}"'
            name = f"{self.fork}/limits/t{split.requested_txs_per_batch}"
            self.recorder(name)(tx, "commit", "commitBatch(1) unsplit", (1, 1))
            return f"mined for {tx.gas_used:,} gas: the node does not enforce this limit"

    def run_group(
        self, deployed: OnChain, unit: SweepUnit, reference: Reference, manifest: dict[str, Any]
    ) -> None:
        """Commit the unit's batches count by count, settling every scenario of its mode at
        each; after the first commits, send the probes (which need batch 1 committed)."""
        plan, stack, group = self.plan, deployed.stack, unit.group
        commits = self.recorder(group.commits_name, keep=unit.records_commits)
        committed = 0
        for requested, proofs in group.proofs:
            self.progress.describe(f"{group.commits_name} 1..{proofs}")
            with stack.recording(commits):
                for index in range(committed + 1, proofs + 1):
                    deployed.rollup.commit(index, reference.workload[index - 1])
            if committed == 0:
                self.probe(deployed, unit, reference, manifest)
            committed = proofs
            specs = plan.scenarios(self.fork, unit.onchain, proofs, group.txs_per_batch, group.da)
            for spec in specs:
                self.progress.describe(spec.name)
                with reverting(self.chain):
                    outcome = self.settle(deployed, spec, reference)
                entry = SweepScenario(
                    name=spec.name,
                    fork=spec.fork,
                    onchain=spec.onchain,
                    da=spec.da,
                    decider_choice=spec.decider_choice,
                    outcome=outcome,
                    requested_proofs=requested,
                    requested_txs_per_batch=group.group.txs_per_batch,
                    commit_scenario=group.commits_name,
                )
                manifest["scenarios"].append(entry.to_json())
                self.progress.scenario_done()

    def probe(
        self, deployed: OnChain, unit: SweepUnit, reference: Reference, manifest: dict[str, Any]
    ) -> None:
        """Send the verification probes (on batch 1's claim, its journal the rollup's), and the
        set-inclusion depth probes if the unit sends them; batch 1 is committed."""
        self.progress.describe(f"{unit.name}: verification probes")
        calls = verify_calls(deployed.stack, self.pool, reference, deployed.rollup)
        manifest["verify_probes"] += send_verify_probes(
            self.chain,
            deployed.stack,
            calls,
            lambda name: self.recorder(name, keep=unit.records_fork),
        )
        if unit.depth_probes:
            self.progress.describe(f"{self.fork}: set-inclusion depth probes")
            manifest["set_depth_probes"] |= set_depth_probes(
                self.chain,
                deployed,
                self.pool,
                reference,
                self.plan.set_depth_leaves,
                self.recorder,
                f"{unit.group.prefix}/t{unit.txs_per_batch}/set-depth",
            )

    def settle(
        self, deployed: OnChain, spec: ScenarioSpec, reference: Reference
    ) -> ScenarioOutcome:
        """Settle one scenario on the committed batches; what it gave."""
        started = time.perf_counter()
        before = replace(self.pool.stats)
        config = RunConfig(
            proofs=spec.proofs,
            preset=self.plan.preset,
            onchain=spec.onchain,
            txs_per_batch=spec.txs_per_batch,
            seed=self.plan.seed,
            da=spec.da,
        )
        recorder = self.recorder(spec.name, spec.strategy.name)
        settlement = settle(
            self.chain,
            config,
            spec.strategy,
            deployed,
            reference,
            self.pool,
            recorder,
            self.receipts,
            # A sweep is not resumed and its seals are synthetic, recomputed from their claims.
            durable_receipts=False,
        )
        reference_root = reference.checkpoints[spec.proofs].state_root
        state = check_settled(deployed.rollup, spec.proofs, reference_root)
        stats = self.pool.stats.since(before)
        return scenario_outcome(
            config, spec.strategy, settlement, state, stats, time.perf_counter() - started
        )
