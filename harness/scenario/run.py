"""Run one rollup scenario on a chain: deploy, commit, prove, aggregate, submit, check.

The scenario drives the L2 reference model through ``proofs`` batches, commits each batch's
data, proves every node of the strategy's aggregation forest, submits the roots (as range
proofs, or as inclusion proofs under one set-builder root), and checks that the rollup's
finalised state root is the model's. Every mined transaction goes to the recorder as it lands.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from harness.aggregation.forest import Forest, build_forest
from harness.aggregation.plan import plan_forest, plan_set
from harness.aggregation.strategies import Strategy
from harness.chain.base import Chain
from harness.claims.images import ImageIds, set_builder_image_id
from harness.common.errors import ChainError, HarnessError, UsageError
from harness.costmodel.estimator import estimate
from harness.costmodel.presets import get_preset
from harness.l2.batch import Batch
from harness.l2.blob_batch import check_fits_one_transaction
from harness.l2.roots import Checkpoint, chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.adapter import (
    BatchRange,
    DeployedRollup,
    OnChain,
    ProofKind,
    RollupState,
)
from harness.onchain.attribution import frames_field
from harness.onchain.stack import VerifierStack, deploy_router
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.provers.pool import ProverPool, ProverStats
from harness.provers.receipt import ProvenReceipt, write_new_receipts
from harness.provers.sources import seal_source
from harness.records.cold_storage import first_finalize_cold_gas
from harness.records.outcome import ModelFigures, ProvingStats, ScenarioOutcome, TreeShape
from harness.records.run_summary import GasTotals, RunSummary
from harness.records.txlog import MAIN_SCENARIO, TxLog, TxRecord
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.toolchain.forge_artifact import load_forge_artifact
from harness.toolchain.solc import project_artifacts


class StateRootMismatch(HarnessError):
    """The rollup finalised a state root other than the reference model's."""


def make_pool(config: RunConfig) -> ProverPool:
    """The prover pool a scenario with ``config`` proves with (shareable between scenarios)."""
    preset = get_preset(config.preset)
    return ProverPool(
        seal_source(config.prover),
        workers=preset.parallel_workers,
        capacity=preset.proof_cache_capacity,
    )


def deploy_stack(
    chain: Chain, config: RunConfig, pool: ProverPool, recorder: ScenarioRecorder
) -> VerifierStack:
    """Deploy router → estop → the prover's verifier (and the set verifier in set mode)."""
    stack = deploy_router(chain, project_artifacts(), recorder)
    spec = pool.source.verifier()
    if spec.params is None:
        stack.add_mock(spec.selector)
    else:
        artifact = (
            load_forge_artifact(config.verifier_artifact) if config.verifier_artifact else None
        )
        stack.add_groth16(spec.params, artifact=artifact)
    if config.onchain == "set":
        stack.add_set_verifier(set_builder_image_id())
    return stack


@dataclass(frozen=True)
class Reference:
    """The reference model's run of a scenario's workload: the batches, the checkpoint after
    each, and what a journal may bind about any range of them."""

    workload: tuple[Batch, ...]
    checkpoints: tuple[Checkpoint, ...]
    images: ImageIds

    @classmethod
    def of(cls, config: RunConfig, images: ImageIds) -> Reference:
        """The workload of ``config`` run through the L2 model."""
        workload = tuple(batches(config.proofs, config.txs_per_batch, config.seed))
        return cls(workload, chain_of_roots(genesis(config.seed), workload, config.da), images)

    def batch_range(self, first: int, last: int, *, chain_id: int, rollup: str) -> BatchRange:
        """What the model knows of batches ``first..last`` on the rollup at ``rollup``."""
        return BatchRange.over(
            self.checkpoints,
            self.workload,
            first,
            last,
            chain_id=chain_id,
            rollup=rollup,
            images=self.images,
        )


def run_scenario(
    chain: Chain,
    config: RunConfig,
    *,
    txlog: TxLog,
    receipts_dir: Path,
    scenario: str = MAIN_SCENARIO,
    target: RollupTarget = HARNESS_TARGET,
    pool: ProverPool | None = None,
    deployed: OnChain | None = None,
    logged: Iterable[TxRecord] = (),
    on_deploy: Callable[[str, str], None] | None = None,
    frames: bool = True,
) -> RunSummary:
    """Run ``config`` on ``chain`` as scenario ``scenario`` against the rollup of ``target``,
    every mined transaction recorded in ``txlog``; returns the scenario's summary (see
    :func:`summarise`).

    With ``deployed`` (a stack and a rollup already on chain, for instance from a deploy
    manifest) nothing is deployed; the rollup must be at the workload's genesis, or where the
    ``logged`` records (a resumed run's, already in ``txlog``) left it. ``on_deploy`` hears of
    every contract the scenario deploys (label and address). With ``frames`` false the
    settlement transactions are not traced (their records carry no call frames, the summary
    no finalise breakdown): tracing runs each one again, which a py-evm chain pays in full.
    """
    started = time.perf_counter()
    target.check_da(config.da)
    if config.da != "calldata":
        check_fits_one_transaction(config.txs_per_batch, chain.info.fork)
    strategy = config.resolved_strategy()
    pool = pool or make_pool(config)
    recorder = ScenarioRecorder(
        txlog,
        scenario,
        strategy.name,
        logged={record.tx_hash: record for record in logged},
        on_deploy=on_deploy,
    )
    stats_before = replace(pool.stats)
    reference = Reference.of(config, target.images)
    if deployed is None:
        stack = deploy_stack(chain, config, pool, recorder)
        deployed = target.deploy(stack, reference.checkpoints[0].state_root, da=config.da)
    else:
        _check_start(deployed.rollup, reference.checkpoints[0].state_root, logged)
    stack = deployed.stack
    if frames:
        recorder.frames_of = lambda tx: frames_field(stack, tx)
    with deployed.stack.recording(recorder):
        for index, batch in enumerate(reference.workload, start=1):
            deployed.rollup.commit(index, batch)
    settlement = settle(chain, config, strategy, deployed, reference, pool, recorder, receipts_dir)
    return summarise(
        chain,
        config,
        strategy,
        deployed.rollup,
        recorder,
        pool,
        pool.stats.since(stats_before),
        reference_root=reference.checkpoints[config.proofs].state_root,
        settlement=settlement,
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class Settlement:
    """What settling a scenario built: its aggregation forest and the set tree's depth."""

    forest: Forest
    set_depth: int | None


def settle(
    chain: Chain,
    config: RunConfig,
    strategy: Strategy,
    deployed: OnChain,
    reference: Reference,
    pool: ProverPool,
    recorder: ScenarioRecorder,
    receipts_dir: Path,
    *,
    durable_receipts: bool = True,
) -> Settlement:
    """Prove ``strategy``'s forest over batches 1..``config.proofs`` and finalise them all.

    The batches must be committed and none finalised; ``reference`` (the workload's model run)
    may run past them. Every transaction goes to ``recorder``. Each seal's receipt file is
    written to ``receipts_dir`` before any transaction carries the seal, fsynced if
    ``durable_receipts`` (a resumed run reads the seals back; see
    :func:`~harness.provers.receipt.write_new_receipts`).
    """
    rollup = deployed.rollup

    def batch_range(first: int, last: int) -> BatchRange:
        return reference.batch_range(
            first, last, chain_id=chain.info.chain_id, rollup=rollup.address
        )

    def journal_of(first: int, last: int) -> bytes:
        return rollup.journal(batch_range(first, last))

    forest = build_forest(config.proofs, strategy)
    plan = plan_forest(forest, journal_of, reference.images)
    proved = dict(zip(plan.requests, pool.prove(plan.all_requests()), strict=True))
    write_new_receipts(receipts_dir, proved.values(), durable=durable_receipts)
    root_receipts = [proved[node] for node in plan.roots]
    with deployed.stack.recording(recorder):
        if config.onchain == "range":
            seals, set_depth = [receipt.seal for receipt in root_receipts], None
        else:
            seals, set_depth = _submit_set_root(
                chain, deployed.stack, pool, root_receipts, receipts_dir, durable_receipts
            )
        for node, seal in zip(plan.roots, seals, strict=True):
            kind = ProofKind.BATCH if node.is_leaf else ProofKind.AGGREGATOR
            journal = plan.journals[(node.first, node.last)]
            rollup.finalize(batch_range(node.first, node.last), journal, kind, seal)
    return Settlement(forest, set_depth)


def _submit_set_root(
    chain: Chain,
    stack: VerifierStack,
    pool: ProverPool,
    root_receipts: Sequence[ProvenReceipt],
    receipts_dir: Path,
    durable_receipts: bool,
) -> tuple[list[bytes], int]:
    """Prove the set-builder root over the roots' claims and submit it; returns each root's
    inclusion seal (against the now cached root) and the Merkle tree's depth."""
    set_plan = plan_set([receipt.request for receipt in root_receipts])
    (root_receipt,) = pool.prove([set_plan.root_request])
    write_new_receipts(receipts_dir, [root_receipt], durable=durable_receipts)
    set_verifier = stack.set_verifier
    if set_verifier is None:
        raise ChainError(
            "set-inclusion settlement needs a set verifier behind the router; "
            "deploy the stack with onchain='set'"
        )
    stack.send(
        set_verifier,
        "submitMerkleRoot",
        set_plan.root,
        root_receipt.seal,
        kind="submit_root",
        label="submitMerkleRoot",
    )
    selector = bytes(chain.call(set_verifier, "SELECTOR"))
    return [SetInclusionSeal(selector, path).encode() for path in set_plan.paths], set_plan.depth


def check_settled(rollup: DeployedRollup, proofs: int, reference_root: bytes) -> RollupState:
    """The rollup's state, once it has finalised ``proofs`` batches to ``reference_root``."""
    state = rollup.state()
    if state.state_root != reference_root or state.last_finalized != proofs:
        raise StateRootMismatch(
            f"rollup finalised {state.last_finalized}/{proofs} batches with root "
            f"0x{state.state_root.hex()}, the model says 0x{reference_root.hex()}"
        )
    return state


def _check_start(rollup: DeployedRollup, genesis_root: bytes, logged: Iterable[TxRecord]) -> None:
    """The rollup must be fresh, or (resuming) where the run's logged records left it."""
    logged = list(logged)
    committed = sum(1 for r in logged if r.kind == "commit")
    finalized = max((r.batches[1] for r in logged if r.kind == "finalize" and r.batches), default=0)
    state = rollup.state()
    if (state.last_committed, state.last_finalized) != (committed, finalized) or (
        finalized == 0 and state.state_root != genesis_root
    ):
        if not logged:
            raise UsageError(
                f"the rollup at {rollup.address} already has {state.last_committed} committed "
                f"batches or another genesis root; deploy a fresh one for this scenario"
            )
        raise UsageError(
            f"the rollup at {rollup.address} has {state.last_committed} committed and "
            f"{state.last_finalized} finalised batches, but this run's records say {committed} "
            f"and {finalized}; something else used it since, so the run cannot be resumed"
        )


def scenario_outcome(
    config: RunConfig,
    strategy: Strategy,
    settlement: Settlement,
    state: RollupState,
    stats: ProverStats,
    seconds: float,
) -> ScenarioOutcome:
    """What settling ``config`` with ``strategy`` gave, as a run's summary and a sweep's
    manifest both record it: the model's figures beside the tree proved, the state root the
    rollup reached (``state``), the proving work (``stats``) and the ``seconds`` it took."""
    return ScenarioOutcome(
        proofs=config.proofs,
        txs_per_batch=config.txs_per_batch,
        strategy=strategy.name,
        strategy_description=strategy.description,
        aggregation_factor=strategy.aggregation_factor,
        model=ModelFigures.from_json(estimate(config.proofs, strategy).to_json()),
        tree=TreeShape.from_json(settlement.forest.to_json() | {"set_depth": settlement.set_depth}),
        onchain_state_root="0x" + state.state_root.hex(),
        proving=ProvingStats.from_json(stats.to_json()),
        seconds=seconds,
    )


def summarise(
    chain: Chain,
    config: RunConfig,
    strategy: Strategy,
    rollup: DeployedRollup,
    recorder: ScenarioRecorder,
    pool: ProverPool,
    stats: ProverStats,
    *,
    reference_root: bytes,
    settlement: Settlement,
    seconds: float,
) -> RunSummary:
    """The scenario's summary: model against measurement, from the recorded transactions."""
    state = check_settled(rollup, config.proofs, reference_root)
    return RunSummary(
        outcome=scenario_outcome(config, strategy, settlement, state, stats, seconds),
        onchain_mode=config.onchain,
        da=config.da,
        prover=pool.source.name,
        verifier=pool.source.verifier().label,
        backend=chain.info.backend,
        fork=chain.info.fork,
        chain_id=chain.info.chain_id,
        client=chain.info.client,
        seed=config.seed,
        rollup=rollup.address,
        verifications=recorder.count("finalize"),
        batches_finalized=state.last_finalized,
        reference_state_root="0x" + reference_root.hex(),
        gas=GasTotals(
            commit=recorder.gas("commit"),
            finalize=recorder.gas("finalize"),
            submit_root=recorder.gas("submit_root"),
            deploy=recorder.gas("deploy") + recorder.gas("admin"),
            finalize_breakdown=recorder.breakdown("finalize"),
            first_finalize_cold_storage=first_finalize_cold_gas(recorder.records),
            submit_root_breakdown=recorder.breakdown("submit_root"),
            blob=recorder.blob_gas(),
        ),
    )
