"""Probes: transactions that isolate one cost rather than settle a scenario.

* Verification: ``verify(seal, imageId, journalDigest)`` sent as a transaction straight to a
  Groth16 verifier ("bare") and to the router, which forwards it through the emergency stop
  ("routed"), with a synthetic seal and with a real RISC Zero 3.0 receipt.
* Set-inclusion depth: one batch finalised with an inclusion seal under a set-builder root of
  ``K`` leaves (its claim and ``K - 1`` others), so its path has ``log2 K`` levels, beside the
  same batch finalised with its own Groth16 seal.

Both go through the rollup's adapter: batch 1's journal is the one the rollup checks, and the
probes finalise it with the adapter's ``finalize``, so they work for any rollup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.aggregation.forest import build_forest
from harness.aggregation.plan import plan_forest, plan_set
from harness.aggregation.strategies import Strategy, StrategyKind
from harness.chain.base import Chain
from harness.claims.images import ImageIds
from harness.claims.request import ProofRequest
from harness.common.errors import ChainError
from harness.onchain.adapter import DeployedRollup, OnChain, ProofKind
from harness.onchain.stack import VerifierStack
from harness.provers.pool import ProverPool
from harness.risc0.params import load_versions
from harness.risc0.reference import REFERENCE_VERSION, reference_groth16
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import Reference
from harness.sweep.snapshots import reverting

#: Makes the recorder for a named probe scenario.
RecorderFor = Callable[[str], ScenarioRecorder]
#: A rollup's journal of batches ``first..last``.
JournalOf = Callable[[int, int], bytes]
#: What the journals of the set-depth probes' other leaves start with.
SET_LEAF_TAG = b"rollup-harness set-depth leaf"


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


def _journals(reference: Reference, chain_id: int, rollup: DeployedRollup) -> JournalOf:
    """The journals ``rollup`` checks (its adapter's), by range of ``reference``'s batches."""

    def journal_of(first: int, last: int) -> bytes:
        return rollup.journal(
            reference.batch_range(first, last, chain_id=chain_id, rollup=rollup.address)
        )

    return journal_of


def _batch_one(stack: VerifierStack, reference: Reference, rollup: DeployedRollup) -> ProofRequest:
    """The batch program's claim on batch 1, with the journal ``rollup`` checks for it."""
    plan = plan_forest(
        build_forest(1, Strategy.of(StrategyKind.NONE)),
        _journals(reference, stack.chain.info.chain_id, rollup),
        reference.images,
    )
    (request,) = plan.requests.values()
    return request


def verify_calls(
    stack: VerifierStack, pool: ProverPool, reference: Reference, rollup: DeployedRollup
) -> list[VerifyCall]:
    """The calls to measure: batch 1's claim (its journal the rollup's) with the pool's seal,
    and the RISC Zero 3.0 receipt on a verifier with the 3.0 parameters (deployed here if
    missing)."""
    request = _batch_one(stack, reference, rollup)
    (receipt,) = pool.prove([request])
    reference_receipt = reference_groth16(REFERENCE_VERSION)
    stack.add_groth16(load_versions().by_version(REFERENCE_VERSION))
    return [
        VerifyCall(pool.source.name, receipt.seal, request.image_id, request.journal_digest),
        VerifyCall(
            f"risc0-{REFERENCE_VERSION}",
            reference_receipt.seal,
            reference_receipt.image_id,
            reference_receipt.journal_digest,
        ),
    ]


def _other_leaves(images: ImageIds, count: int) -> list[ProofRequest]:
    """``count`` claims of the batch program that stand beside batch 1's in a set tree: only
    their digests are hashed into the tree (nothing proves or finalises them), so their
    journals are distinct words rather than a rollup's journals of batches not committed."""
    return [
        ProofRequest(
            kind="batch", image_id=images.batch, journal=SET_LEAF_TAG + k.to_bytes(32, "big")
        )
        for k in range(2, count + 1)
    ]


def set_depth_probes(
    chain: Chain,
    deployed: OnChain,
    pool: ProverPool,
    reference: Reference,
    leaf_counts: Sequence[int],
    recorder_for: RecorderFor,
    prefix: str,
) -> dict[str, int]:
    """Finalise batch 1 under set roots of each of ``leaf_counts`` leaves (batch 1's claim
    first), and once with its own seal (scenario ``<prefix>/range``), each from the chain's
    state now (reverted after), through the rollup's adapter.

    Returns the probe scenarios' names with their leaf counts (0 for the range probe). Batch 1
    must be committed and not finalised.
    """
    stack, rollup = deployed.stack, deployed.rollup
    set_verifier = stack.set_verifier
    if set_verifier is None:
        raise ChainError(
            "the set-depth probes need a set verifier behind the rollup's router; "
            "deploy the stack for on-chain mode 'set'"
        )
    selector = bytes(chain.call(set_verifier, "SELECTOR"))
    batch_one = _batch_one(stack, reference, rollup)
    leaves = [batch_one, *_other_leaves(reference.images, max(leaf_counts))]
    batches = reference.batch_range(1, 1, chain_id=chain.info.chain_id, rollup=rollup.address)
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
            rollup.finalize(batches, batch_one.journal, ProofKind.BATCH, seal)
        names[name] = count
    (leaf_receipt,) = pool.prove([batch_one])
    with reverting(chain), stack.recording(recorder_for(f"{prefix}/range")):
        rollup.finalize(batches, batch_one.journal, ProofKind.BATCH, leaf_receipt.seal)
    names[f"{prefix}/range"] = 0
    return names
