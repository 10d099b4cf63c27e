"""The set verifier's Merkle tree, root journal and selector."""

from pathlib import Path

import pytest
from eth_utils import keccak
from hypothesis import given
from hypothesis import strategies as st

from harness.risc0.digests import sha256
from harness.risc0.merkle import (
    fold_path,
    inclusion_path,
    inclusion_paths,
    leaf_hash,
    merkle_root,
    node_hash,
    root_claim_digest,
    root_journal,
    set_verifier_selector,
)
from harness.risc0.receipts import read_corpus

CORPUS = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json")
SET_RECEIPT = CORPUS.set_inclusion[0]

leaf_lists = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=40)


def _mountain_range_root(leaves):
    """Independent model: push leaves into peaks, merge equal heights, fold smallest first."""
    peaks = []
    for leaf in leaves:
        node, height = leaf, 0
        while peaks and peaks[-1][1] == height:
            node, height = node_hash(peaks.pop()[0], node), height + 1
        peaks.append((node, height))
    root = peaks.pop()[0]
    while peaks:
        root = node_hash(peaks.pop()[0], root)
    return root


def test_leaf_is_keccak_of_8_byte_tag_and_claim_digest():
    claim = SET_RECEIPT.claim_digest
    assert leaf_hash(claim) == keccak(b"LEAF_TAG" + claim)
    assert leaf_hash(claim).hex() == (
        "b2e208cf3113008baa314569eb270e526ae5b730ef6613f9121dcbc4b191ed42"
    )


def test_single_leaf_is_its_own_root():
    leaf = leaf_hash(SET_RECEIPT.claim_digest)
    assert merkle_root([leaf]) == leaf == SET_RECEIPT.root
    assert inclusion_path([leaf], 0) == ()


def test_fixture_root_journal_and_root_claim_digest():
    image_id = SET_RECEIPT.set_builder_image_id
    journal = root_journal(image_id, SET_RECEIPT.root)
    assert len(journal) == 96
    assert journal[32:64] == bytes([0x80]) + bytes(31)
    assert sha256(journal).hex() == (
        "d02fc1b54caf1a5afc5d849eafb53ca50eda70329cf69c5a22cffd939e12fce5"
    )
    assert root_claim_digest(image_id, SET_RECEIPT.root).hex() == (
        "f8f5c1a94306b32de2b9b78e3de8a1900d73817d616b054e10ab008c8fcb8b84"
    )


def test_set_verifier_selector_from_set_builder_image_id():
    assert set_verifier_selector(SET_RECEIPT.set_builder_image_id).hex() == "0f63ffd5"


def test_node_hash_sorts_its_children():
    a, b = bytes(32), bytes([1]) * 32
    assert node_hash(a, b) == node_hash(b, a) == keccak(a + b)


def test_three_leaves_form_left_balanced_tree():
    leaves = [leaf_hash(bytes([i]) * 32) for i in range(3)]
    assert merkle_root(leaves) == node_hash(node_hash(leaves[0], leaves[1]), leaves[2])


@given(leaves=leaf_lists)
def test_root_is_the_merkle_mountain_range_root(leaves):
    assert merkle_root(leaves) == _mountain_range_root(leaves)


@given(leaves=leaf_lists)
def test_every_inclusion_path_folds_to_the_root(leaves):
    root = merkle_root(leaves)
    paths = inclusion_paths(leaves)
    assert len(paths) == len(leaves)
    for leaf, path in zip(leaves, paths, strict=True):
        assert fold_path(leaf, path) == root


@given(leaves=leaf_lists, data=st.data())
def test_single_inclusion_path_is_the_leaf_up_sibling_list(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    path = inclusion_path(leaves, index)
    assert path == inclusion_paths(leaves)[index]
    assert len(path) <= (len(leaves) - 1).bit_length()


def test_path_of_first_of_three_leaves_goes_leaf_up():
    leaves = [leaf_hash(bytes([i]) * 32) for i in range(3)]
    assert inclusion_path(leaves, 0) == (leaves[1], leaves[2])
    assert inclusion_path(leaves, 2) == (node_hash(leaves[0], leaves[1]),)


def test_empty_tree_and_out_of_range_index_are_refused():
    with pytest.raises(ValueError, match="at least one leaf"):
        merkle_root([])
    with pytest.raises(IndexError, match="leaf index 3"):
        inclusion_path([bytes(32)] * 3, 3)
