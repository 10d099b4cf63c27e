"""What to prove and what to submit for a scenario: requests for every node of the forest.

The batch, aggregator and set-builder programs are identified by image ids. The batch and
aggregator ids are the harness's own (no guest binary exists for them: the provers attest to
their claims); the set builder is RISC Zero's, so the set verifier deployed is production's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from harness.l2.journal import RangeJournal
from harness.l2.roots import Checkpoint
from harness.model.tree import Forest, Node
from harness.provers.receipt import ProofRequest
from harness.risc0.digests import sha256
from harness.risc0.merkle import inclusion_paths, leaf_hash, merkle_root, root_journal
from harness.risc0.params import load_versions

BATCH_IMAGE_ID = sha256(b"rollup-harness/guest/batch")
AGGREGATOR_IMAGE_ID = sha256(b"rollup-harness/guest/aggregator")
#: The set-builder release whose image id (and so set-verifier selector) the harness uses.
SET_VERIFIER_VERSION = "0.9.0"


def set_builder_image_id() -> bytes:
    """The set-builder image id of :data:`SET_VERIFIER_VERSION`."""
    return load_versions().set_verifier_by_version(SET_VERIFIER_VERSION).set_builder_image_id


@dataclass(frozen=True)
class RangeProofPlan:
    """The requests of a forest: every node's, and which of them are submitted (the roots)."""

    journals: dict[tuple[int, int], RangeJournal]
    requests: dict[Node, ProofRequest]
    roots: tuple[Node, ...]

    def all_requests(self) -> list[ProofRequest]:
        """Every node's request, children before parents (the proving work)."""
        return list(self.requests.values())


def plan_forest(
    forest: Forest, checkpoints: Sequence[Checkpoint], *, chain_id: int, rollup: str
) -> RangeProofPlan:
    """Build the journal and proof request of each node of ``forest``.

    A leaf is proved by the batch program; an inner node by the aggregator, whose request
    lists its children's claims. Every node's journal has the same shape (DESIGN §5).
    """
    journals: dict[tuple[int, int], RangeJournal] = {}
    requests: dict[Node, ProofRequest] = {}
    for node in forest.nodes():
        journal = RangeJournal.over(
            checkpoints, node.first, node.last,
            chain_id=chain_id, rollup=rollup, batch_image_id=BATCH_IMAGE_ID,
        )  # fmt: skip
        journals[(node.first, node.last)] = journal
        requests[node] = ProofRequest(
            kind="batch" if node.is_leaf else "aggregator",
            image_id=BATCH_IMAGE_ID if node.is_leaf else AGGREGATOR_IMAGE_ID,
            journal=journal.encode(),
            batches=(node.first, node.last),
            children=tuple(requests[child].claim_digest for child in node.children),
        )
    return RangeProofPlan(journals, requests, forest.roots)


@dataclass(frozen=True)
class SetPlan:
    """A set-builder root over the forest roots' claims, and each root's inclusion path."""

    root: bytes
    root_request: ProofRequest
    paths: tuple[tuple[bytes, ...], ...]

    @property
    def depth(self) -> int:
        """The longest inclusion path (the Merkle tree's height)."""
        return max(len(path) for path in self.paths)


def plan_set(leaf_requests: Sequence[ProofRequest]) -> SetPlan:
    """The set-builder claim over ``leaf_requests`` (in order) and their inclusion paths."""
    leaves = [leaf_hash(request.claim_digest) for request in leaf_requests]
    root = merkle_root(leaves)
    image_id = set_builder_image_id()
    request = ProofRequest(kind="set-root", image_id=image_id, journal=root_journal(image_id, root))
    return SetPlan(root, request, inclusion_paths(leaves))
