"""Run a sweep: every scenario of a :class:`SweepPlan`, for real, from shared snapshots.

Per fork the stack and the rollup are deployed once. Per batch size the batches are committed
once, in rising proof-count order; at each proof count the chain is snapshotted and every
strategy × on-chain mode is settled from that snapshot and reverted. The rollup's address and
the committed batches are the same for every scenario, so equal claims recur and the prover's
cache serves them. Commits are recorded under their batch sequence's name
(``prague/t100/commits``); a scenario of N proofs pays the commits of batches 1..N.

Every transaction is recorded in ``txs.jsonl`` as it is mined. The returned manifest says what
was run (names, parameters, the model's figures, proving statistics); its gas figures are left
to the report, which reads them from ``txs.jsonl``. It is saved as ``manifest.json`` as soon as
the runs finish, so the reports can be rendered again from the two files.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from harness import __version__
from harness.chain.backends import open_chain
from harness.chain.base import Chain
from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID, HARNESS_IMAGE_IDS
from harness.common.errors import ChainError
from harness.ethereum.limits import limit_name
from harness.ethereum.mined import TxResult
from harness.l2.batch import Batch
from harness.l2.roots import Checkpoint, chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.adapter import OnChain
from harness.onchain.rollup import HarnessRollup, RollupClient, deploy_rollup
from harness.provers.pool import ProverPool
from harness.records.outcome import ScenarioOutcome
from harness.records.sweep_manifest import (
    MANIFEST_FORMAT,
    SweepManifest,
    SweepScenario,
    save_manifest,
)
from harness.records.txlog import TxLog, TxRecord
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import (
    Reference,
    check_settled,
    deploy_stack,
    make_pool,
    scenario_outcome,
    settle,
)
from harness.sweep.grid import BatchGroup, ScenarioSpec, SweepPlan
from harness.sweep.limits import HEADROOM, BatchSplit, plan_batch_size
from harness.sweep.probes import send_verify_probes, set_depth_probes, verify_calls
from harness.sweep.snapshots import reverting

#: Transaction kinds the progress bar counts (deploys and admin calls are not planned work).
COUNTED_KINDS = frozenset({"commit", "finalize", "submit_root", "verify"})
#: ``verify`` probe transactions per fork: two receipts, bare and routed.
VERIFY_PROBE_TXS = 4


class Progress(Protocol):
    """Told how much work a sweep plans and how it goes (a progress bar, or nothing)."""

    def start(self, total: int) -> None:
        """The sweep plans ``total`` transactions."""

    def describe(self, text: str) -> None:
        """The sweep is now working on ``text``."""

    def advance(self) -> None:
        """One planned transaction was mined."""


class SilentProgress:
    """A :class:`Progress` that shows nothing."""

    def start(self, total: int) -> None:
        """Ignore the plan."""

    def describe(self, text: str) -> None:
        """Ignore the description."""

    def advance(self) -> None:
        """Ignore the step."""


class _CountingLog(TxLog):
    """A transaction log that advances the progress for each planned kind of transaction."""

    def __init__(self, path: Path, *, backend: str, fork: str, progress: Progress) -> None:
        super().__init__(path, backend=backend, fork=fork)
        self.progress = progress

    def record(self, tx: TxResult, **fields: Any) -> TxRecord:
        """Record ``tx`` and count it."""
        record = super().record(tx, **fields)
        if record.kind in COUNTED_KINDS:
            self.progress.advance()
        return record


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
    def commits_name(self) -> str:
        """The scenario name of this sequence's commits in ``txs.jsonl``."""
        return f"{self.group.fork}/t{self.txs_per_batch}/commits"


def layout(plan: SweepPlan, fork: str) -> list[GroupLayout]:
    """The batch sequences of ``fork``, each split if its batches would break a limit."""
    return [
        GroupLayout(
            group,
            plan_batch_size(
                group.txs_per_batch,
                max(group.proofs),
                seed=plan.seed,
                fork=fork,
                block_gas_limit=plan.block_gas_limit,
            ),
        )
        for group in plan.groups(fork)
    ]


def planned_transactions(plan: SweepPlan, layouts: Sequence[GroupLayout]) -> int:
    """How many commit, settlement and probe transactions a fork's sweep sends."""
    total = VERIFY_PROBE_TXS
    if "set" in plan.onchain:
        total += 2 * len(plan.set_depth_leaves) + 1
    for group in layouts:
        total += max(n for _, n in group.proofs)
        for _, n in group.proofs:
            for strategy in plan.strategies_for(n):
                roots = math.ceil(n / strategy.aggregation_factor)
                total += sum(roots + (mode == "set") for mode in plan.onchain)
    return total


def run_sweep(plan: SweepPlan, out: Path, progress: Progress | None = None) -> SweepManifest:
    """Run every scenario of ``plan``, writing ``out/txs.jsonl`` and ``out/receipts/``, then
    ``out/manifest.json``.

    Returns the sweep's manifest: what ran, on what, and how long it took.
    """
    progress = progress or SilentProgress()
    started = time.perf_counter()
    layouts = {fork: layout(plan, fork) for fork in plan.forks}
    progress.start(sum(planned_transactions(plan, layouts[fork]) for fork in plan.forks))
    pool = make_pool(RunConfig(proofs=1, preset=plan.preset, seed=plan.seed))
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "harness_version": __version__,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "plan": plan.to_json(),
        "prover": {
            "name": pool.source.name,
            "verifier": pool.source.verifier().label,
            "workers": pool.workers,
        },
        "chains": [],
        "scenarios": [],
        "verify_probes": [],
        "set_depth_probes": {},
        "splits": [],
    }
    with pool:
        for fork in plan.forks:
            with (
                open_chain(
                    plan.backend,
                    fork=fork,
                    block_gas_limit=plan.block_gas_limit,
                    rpc_url=plan.rpc_url,
                ) as chain,
                _CountingLog(
                    out / "txs.jsonl", backend=chain.info.backend, fork=fork, progress=progress
                ) as txlog,
            ):
                _ForkSweep(plan, chain, txlog, pool, out / "receipts", progress).run(
                    layouts[fork], manifest
                )
    manifest["proving"] = pool.stats.to_json()
    manifest["wall_seconds"] = time.perf_counter() - started
    record = SweepManifest.from_json(manifest)
    save_manifest(out, record)
    return record


def _node_message(exc: ChainError) -> str:
    """The node's own words for a refused transaction (the JSON-RPC error message)."""
    response = getattr(exc.__cause__, "rpc_response", None) or {}
    error = response.get("error") if isinstance(response, dict) else None
    if isinstance(error, dict) and "message" in error:
        return str(error["message"])
    return str(exc)


@dataclass(frozen=True)
class Workload:
    """A batch sequence: its batches and the roots after each (index 0 is genesis)."""

    batches: tuple[Batch, ...]
    checkpoints: tuple[Checkpoint, ...]


@dataclass
class _ForkSweep:
    """The sweep on one chain (one fork)."""

    plan: SweepPlan
    chain: Chain
    txlog: TxLog
    pool: ProverPool
    receipts: Path
    progress: Progress

    @property
    def fork(self) -> str:
        """The chain's fork."""
        return self.chain.info.fork

    def recorder(self, name: str, strategy: str = "") -> ScenarioRecorder:
        """A recorder that labels transactions with scenario ``name``."""
        return ScenarioRecorder(self.txlog, name, strategy)

    def run(self, layouts: list[GroupLayout], manifest: dict[str, Any]) -> None:
        """Deploy, probe, then run every batch sequence; adds what ran to ``manifest``."""
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
        self.progress.describe(f"{self.fork}: deploying")
        deploys = self.recorder(f"{self.fork}/deploy")
        config = RunConfig(proofs=1, onchain="set", preset=plan.preset, seed=plan.seed)
        stack = deploy_stack(chain, config, self.pool, deploys)
        rollup = deploy_rollup(
            stack,
            batch_image_id=BATCH_IMAGE_ID,
            aggregator_image_id=AGGREGATOR_IMAGE_ID,
            genesis_state_root=genesis(plan.seed).root(),
        )
        main = layouts[0]
        main_workload = self.workload(main, for_depth_probes="set" in plan.onchain)
        self.progress.describe(f"{self.fork}: verification probes")
        calls = verify_calls(stack, self.pool, main_workload.checkpoints, rollup)
        manifest["verify_probes"] += send_verify_probes(chain, stack, calls, self.recorder)
        for group in layouts:
            if group.split is not None:
                manifest["splits"].append(
                    group.split.to_json() | {"refusal": self.probe_limit(rollup, group.split)}
                )
            workload = main_workload if group is main else self.workload(group)
            with reverting(chain):
                self.run_group(rollup, group, workload, manifest, depth=group is main)

    def workload(self, group: GroupLayout, *, for_depth_probes: bool = False) -> Workload:
        """The batches a sequence commits, with their roots (enough for the depth probes)."""
        count = max(n for _, n in group.proofs)
        if for_depth_probes:
            count = max(count, *self.plan.set_depth_leaves)
        data = batches(count, group.txs_per_batch, self.plan.seed)
        return Workload(tuple(data), chain_of_roots(genesis(self.plan.seed), data))

    def probe_limit(self, rollup: RollupClient, split: BatchSplit) -> str:
        """Send one batch of the size ``split`` was asked for, with the gas it needs, and say
        what happened."""
        data = batches(1, split.requested_txs_per_batch, self.plan.seed)[0].encode()
        gas = math.ceil(split.requested_gas * (1 + HEADROOM))
        with reverting(self.chain):
            try:
                tx = self.chain.transact(rollup.contract, "commitBatch", data, gas=gas)
            except ChainError as exc:
                return f'refused a commit sent with a {gas:,}-gas limit: "{_node_message(exc)}"'
            name = f"{self.fork}/limits/t{split.requested_txs_per_batch}"
            self.recorder(name)(tx, "commit", "commitBatch(1) unsplit", (1, 1))
            return f"mined for {tx.gas_used:,} gas: the node does not enforce this limit"

    def run_group(
        self,
        rollup: RollupClient,
        group: GroupLayout,
        workload: Workload,
        manifest: dict[str, Any],
        *,
        depth: bool,
    ) -> None:
        """Commit the sequence's batches count by count, settling every scenario at each."""
        plan, stack, checkpoints = self.plan, rollup.stack, workload.checkpoints
        commits = self.recorder(group.commits_name)
        committed = 0
        for requested, proofs in group.proofs:
            self.progress.describe(f"{group.commits_name} 1..{proofs}")
            with stack.recording(commits):
                for index in range(committed + 1, proofs + 1):
                    rollup.commit(index, workload.batches[index - 1].encode())
            committed = proofs
            if depth and "set" in plan.onchain:
                self.progress.describe(f"{self.fork}: set-inclusion depth probes")
                prefix = f"{self.fork}/t{group.txs_per_batch}/set-depth"
                manifest["set_depth_probes"] |= set_depth_probes(
                    self.chain,
                    rollup,
                    self.pool,
                    checkpoints,
                    plan.set_depth_leaves,
                    self.recorder,
                    prefix,
                )
                depth = False
            for mode in plan.onchain:
                for spec in plan.scenarios(self.fork, mode, proofs, group.txs_per_batch):
                    self.progress.describe(spec.name)
                    with reverting(self.chain):
                        outcome = self.settle(rollup, spec, workload)
                    entry = SweepScenario(
                        name=spec.name,
                        fork=spec.fork,
                        onchain=spec.onchain,
                        decider_choice=spec.decider_choice,
                        outcome=outcome,
                        requested_proofs=requested,
                        requested_txs_per_batch=group.group.txs_per_batch,
                        commit_scenario=group.commits_name,
                    )
                    manifest["scenarios"].append(entry.to_json())

    def settle(
        self, rollup: RollupClient, spec: ScenarioSpec, workload: Workload
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
        )
        recorder = self.recorder(spec.name, spec.strategy.name)
        deployed = OnChain(rollup.stack, HarnessRollup(rollup))
        settlement = settle(
            self.chain,
            config,
            spec.strategy,
            deployed,
            Reference(workload.batches, workload.checkpoints, HARNESS_IMAGE_IDS),
            self.pool,
            recorder,
            self.receipts,
        )
        reference_root = workload.checkpoints[spec.proofs].state_root
        state = check_settled(deployed.rollup, spec.proofs, reference_root)
        stats = self.pool.stats.since(before)
        return scenario_outcome(
            config, spec.strategy, settlement, state, stats, time.perf_counter() - started
        )
