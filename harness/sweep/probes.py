"""Probes: transactions that isolate one cost rather than settle a scenario.

* Verification: ``verify(seal, imageId, journalDigest)`` sent as a transaction straight to a
  Groth16 verifier ("bare") and to the router, which forwards it through the emergency stop
  ("routed"), with a synthetic seal and with a real RISC Zero 3.0 receipt.
* Set-inclusion depth: one batch finalised with an inclusion seal under a set-builder root of
  ``K`` leaves (batch claims 1..K), so its path has ``log2 K`` levels, beside the same batch
  finalised with its own Groth16 seal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.aggregation.forest import build_forest
from harness.aggregation.plan import plan_forest, plan_set
from harness.aggregation.strategies import Strategy, StrategyKind
from harness.chain.base import Chain
from harness.claims.images import HARNESS_IMAGE_IDS
from harness.claims.journal import RangeJournal
from harness.common.errors import ChainError
from harness.l2.roots import Checkpoint
from harness.onchain.adapter import ProofKind
from harness.onchain.rollup import RollupClient
from harness.onchain.stack import VerifierStack
from harness.provers.pool import ProverPool
from harness.risc0.params import load_versions
from harness.risc0.reference import REFERENCE_VERSION, reference_groth16
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.recorder import ScenarioRecorder
from harness.sweep.snapshots import reverting

#: Makes the recorder for a named probe scenario.
RecorderFor = Callable[[str], ScenarioRecorder]


@dataclass(frozen=True)
class VerifyCall:
    """One ``verify`` call to measure: which verifier's key, and its three arguments."""

    key: str
    seal: bytes
    image_id: bytes
    journal_digest: bytes


def send_verify_probes(
    chain: Chain, stack: VerifierStack, calls: Sequence[VerifyCall], recorder_for: RecorderFor
) -> list[str]:
    """Send each call bare and routed; returns the probe scenarios' names."""
    names = []
    for call in calls:
        name = f"{chain.info.fork}/verify/{call.key}"
        bare = stack.verifiers[call.seal[:4]]
        with stack.recording(recorder_for(name)):
            for label, contract in (("bare", bare), ("routed", stack.router)):
                args = (call.seal, call.image_id, call.journal_digest)
                stack.send(contract, "verify", *args, kind="verify", label=label)
        names.append(name)
    return names


def _journals(
    checkpoints: Sequence[Checkpoint], chain_id: int, rollup: str
) -> Callable[[int, int], bytes]:
    """The journals ``Rollup.sol`` at ``rollup`` checks, by range."""

    def journal_of(first: int, last: int) -> bytes:
        journal = RangeJournal.over(
            checkpoints,
            first,
            last,
            chain_id=chain_id,
            rollup=rollup,
            batch_image_id=HARNESS_IMAGE_IDS.batch,
        )
        return journal.encode()

    return journal_of


def verify_calls(
    stack: VerifierStack, pool: ProverPool, checkpoints: Sequence[Checkpoint], rollup: RollupClient
) -> list[VerifyCall]:
    """The calls to measure: batch 1's claim with the pool's seal, and the RISC Zero 3.0
    receipt on a verifier with the 3.0 parameters (deployed here if missing)."""
    plan = plan_forest(
        build_forest(1, Strategy.of(StrategyKind.NONE)),
        _journals(checkpoints, stack.chain.info.chain_id, rollup.address),
        HARNESS_IMAGE_IDS,
    )
    (request,) = plan.requests.values()
    (receipt,) = pool.prove([request])
    reference = reference_groth16(REFERENCE_VERSION)
    stack.add_groth16(load_versions().by_version(REFERENCE_VERSION))
    return [
        VerifyCall(pool.source.name, receipt.seal, request.image_id, request.journal_digest),
        VerifyCall(
            f"risc0-{REFERENCE_VERSION}",
            reference.seal,
            reference.image_id,
            reference.journal_digest,
        ),
    ]


def set_depth_probes(
    chain: Chain,
    rollup: RollupClient,
    pool: ProverPool,
    checkpoints: Sequence[Checkpoint],
    leaf_counts: Sequence[int],
    recorder_for: RecorderFor,
    prefix: str,
) -> dict[str, int]:
    """Finalise batch 1 under set roots of each of ``leaf_counts`` leaves, and once with its own
    seal (scenario ``<prefix>/range``), each from the chain's state now (reverted after).

    Returns the probe scenarios' names with their leaf counts (0 for the range probe). Batch 1
    must be committed and not finalised; ``checkpoints`` must cover the largest leaf count.
    """
    stack = rollup.stack
    set_verifier = stack.set_verifier
    if set_verifier is None:
        raise ChainError(
            "the set-depth probes need a set verifier behind the rollup's router; "
            "deploy the stack for on-chain mode 'set'"
        )
    selector = bytes(chain.call(set_verifier, "SELECTOR"))
    plan = plan_forest(
        build_forest(max(leaf_counts), Strategy.of(StrategyKind.NONE)),
        _journals(checkpoints, chain.info.chain_id, rollup.address),
        HARNESS_IMAGE_IDS,
    )
    leaves = [plan.requests[node] for node in plan.roots]
    journal = RangeJournal.decode(plan.journals[(1, 1)])
    names = {}
    for count in leaf_counts:
        set_plan = plan_set(leaves[:count])
        (root_receipt,) = pool.prove([set_plan.root_request])
        seal = SetInclusionSeal(selector, set_plan.paths[0]).encode()
        name = f"{prefix}/k{count}"
        with reverting(chain), stack.recording(recorder_for(name)):
            stack.send(
                set_verifier,
                "submitMerkleRoot",
                set_plan.root,
                root_receipt.seal,
                kind="submit_root",
                label="submitMerkleRoot",
            )
            rollup.finalize(journal, ProofKind.BATCH, seal)
        names[name] = count
    (leaf_receipt,) = pool.prove([leaves[0]])
    with reverting(chain), stack.recording(recorder_for(f"{prefix}/range")):
        rollup.finalize(journal, ProofKind.BATCH, leaf_receipt.seal)
    names[f"{prefix}/range"] = 0
    return names
