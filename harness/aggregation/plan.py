"""What to prove and what to submit for a scenario: requests for every node of the forest.

A leaf is the batch program's claim over one batch, an inner node the aggregator's over its
children's range, and in set mode one set-builder claim commits to the roots' claims.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.aggregation.forest import Forest, Node
from harness.claims.images import ImageIds, set_builder_image_id
from harness.claims.request import ProofRequest
from harness.risc0.merkle import inclusion_paths, leaf_hash, merkle_root, root_journal


@dataclass(frozen=True)
class RangeProofPlan:
    """The requests of a forest: every node's, and which of them are submitted (the roots)."""

    journals: dict[tuple[int, int], bytes]
    requests: dict[Node, ProofRequest]
    roots: tuple[Node, ...]

    def all_requests(self) -> list[ProofRequest]:
        """Every node's request, children before parents (the proving work)."""
        return list(self.requests.values())


def plan_forest(
    forest: Forest, journal_of: Callable[[int, int], bytes], images: ImageIds
) -> RangeProofPlan:
    """Build the journal and proof request of each node of ``forest``.

    ``journal_of(first, last)`` is the journal of a range, the same shape for every node (the
    rollup decides its layout). A leaf is proved by the batch program; an inner node by the
    aggregator, whose request lists its children's claims.
    """
    journals: dict[tuple[int, int], bytes] = {}
    requests: dict[Node, ProofRequest] = {}
    for node in forest.nodes():
        journal = journal_of(node.first, node.last)
        journals[(node.first, node.last)] = journal
        requests[node] = ProofRequest(
            kind="batch" if node.is_leaf else "aggregator",
            image_id=images.for_leaf(node.is_leaf),
            journal=journal,
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
