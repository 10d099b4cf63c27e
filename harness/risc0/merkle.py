"""The set verifier's Merkle tree ("set builder" aggregation), LEAF_TAG generation (0.6 on).

* leaf = keccak256(b"LEAF_TAG" || claim digest); inner node = keccak256(min(a, b) || max(a, b)),
  so a path needs no direction bits and is folded from the leaf up.
* The shape is a left-balanced Merkle mountain range: the leaves split at the largest power of two
  below their count, so three leaves give ``N(N(l0, l1), l2)``.
* The set-builder guest commits a 96-byte journal ``image id || uint256(1 << 255) || root``; the
  root's Groth16 claim is the ordinary "ok" claim of that journal under the set-builder image.
"""

from __future__ import annotations

from collections.abc import Sequence

from eth_hash.auto import keccak  # not eth_utils: it imports pydantic, 0.2 s at a prover's start

from harness.risc0.digests import ok_claim_digest, require_digest, sha256, tagged_struct

LEAF_TAG = b"LEAF_TAG"
SET_VERIFIER_PARAMETERS_TAG = "risc0.SetInclusionReceiptVerifierParameters"
FINALIZED_BITMAP = (1 << 255).to_bytes(32, "big")
"""The middle journal word: a finalized mountain range with its single peak at max depth."""

MerklePath = tuple[bytes, ...]


def leaf_hash(claim_digest: bytes) -> bytes:
    """The tree leaf of a claim digest."""
    return keccak(LEAF_TAG + require_digest(claim_digest, "claim digest"))


def node_hash(left: bytes, right: bytes) -> bytes:
    """An inner node: keccak256 of its two children, smaller first."""
    return keccak(min(left, right) + max(left, right))


def _split(count: int) -> int:
    """Size of the left subtree for ``count >= 2`` leaves: the largest power of two below it."""
    return 1 << ((count - 1).bit_length() - 1)


def merkle_root(leaves: Sequence[bytes]) -> bytes:
    """The root over leaf hashes (not claim digests); a single leaf is its own root."""
    if not leaves:
        raise ValueError("a Merkle tree needs at least one leaf")
    if len(leaves) == 1:
        return require_digest(leaves[0], "leaf")
    middle = _split(len(leaves))
    return node_hash(merkle_root(leaves[:middle]), merkle_root(leaves[middle:]))


def inclusion_paths(leaves: Sequence[bytes]) -> tuple[MerklePath, ...]:
    """Every leaf's inclusion path (siblings from the leaf up), in leaf order."""
    if not leaves:
        raise ValueError("a Merkle tree needs at least one leaf")
    return tuple(tuple(path) for path in _paths(leaves)[1])


def _paths(leaves: Sequence[bytes]) -> tuple[bytes, list[list[bytes]]]:
    if len(leaves) == 1:
        return require_digest(leaves[0], "leaf"), [[]]
    middle = _split(len(leaves))
    left_root, left_paths = _paths(leaves[:middle])
    right_root, right_paths = _paths(leaves[middle:])
    paths = [path + [right_root] for path in left_paths] + [
        path + [left_root] for path in right_paths
    ]
    return node_hash(left_root, right_root), paths


def inclusion_path(leaves: Sequence[bytes], index: int) -> MerklePath:
    """The inclusion path of ``leaves[index]``, siblings from the leaf up."""
    if not 0 <= index < len(leaves):
        raise IndexError(f"leaf index {index} is outside a tree of {len(leaves)} leaves")
    return inclusion_paths(leaves)[index]


def fold_path(leaf: bytes, path: Sequence[bytes]) -> bytes:
    """The root reached from ``leaf`` along ``path``, as the set verifier computes it."""
    node = leaf
    for sibling in path:
        node = node_hash(node, sibling)
    return node


def root_journal(set_builder_image_id: bytes, root: bytes) -> bytes:
    """The 96-byte journal the set-builder guest commits for a finalized root."""
    return (
        require_digest(set_builder_image_id, "set builder image id")
        + FINALIZED_BITMAP
        + require_digest(root, "Merkle root")
    )


def root_claim_digest(set_builder_image_id: bytes, root: bytes) -> bytes:
    """The claim digest the root's Groth16 seal must prove."""
    return ok_claim_digest(set_builder_image_id, sha256(root_journal(set_builder_image_id, root)))


def set_verifier_selector(set_builder_image_id: bytes) -> bytes:
    """A set verifier's selector: the first 4 bytes of its parameters digest."""
    return tagged_struct(SET_VERIFIER_PARAMETERS_TAG, [set_builder_image_id])[:4]
