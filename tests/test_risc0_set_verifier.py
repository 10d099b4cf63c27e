"""Set-inclusion verification: the real fixture, cached roots, and a synthetic aggregation."""

from pathlib import Path

import pytest

from harness.common.errors import ReceiptError
from harness.risc0.digests import sha256
from harness.risc0.merkle import inclusion_paths, leaf_hash, merkle_root, root_claim_digest
from harness.risc0.params import SetVerifierParams, load_versions
from harness.risc0.receipts import read_corpus
from harness.risc0.seal import SetInclusionSeal
from harness.risc0.set_verifier import verify_set_inclusion
from harness.risc0.synthetic import synthetic_setup

CORPUS = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json")
SET_RECEIPT = CORPUS.set_inclusion[0]
TABLE = load_versions()
SET_V07 = TABLE.set_verifier_by_selector(SET_RECEIPT.set_verifier_selector)


def test_fixture_set_inclusion_receipt_verifies_with_its_root_seal():
    root = verify_set_inclusion(
        SET_V07, SET_RECEIPT.seal, SET_RECEIPT.claim_digest, root_verifiers=TABLE.groth16
    )
    assert root == SET_RECEIPT.root


def test_root_seal_does_not_cover_another_claim_even_if_its_root_is_cached():
    other_claim = sha256(b"another claim")
    with pytest.raises(ReceiptError, match="pairing check failed"):
        verify_set_inclusion(
            SET_V07,
            SET_RECEIPT.seal,
            other_claim,
            root_verifiers=TABLE.groth16,
            cached_roots={leaf_hash(other_claim)},
        )


def test_seal_without_root_seal_needs_a_cached_root():
    seal = SetInclusionSeal(SET_V07.selector, ()).encode()
    with pytest.raises(ReceiptError, match="never submitted"):
        verify_set_inclusion(SET_V07, seal, SET_RECEIPT.claim_digest, root_verifiers=())
    root = verify_set_inclusion(
        SET_V07,
        seal[:4],
        SET_RECEIPT.claim_digest,
        root_verifiers=(),
        cached_roots={SET_RECEIPT.root},
    )
    assert root == SET_RECEIPT.root


def test_seal_for_another_set_verifier_is_a_selector_mismatch():
    with pytest.raises(ReceiptError, match="selector mismatch"):
        verify_set_inclusion(
            TABLE.set_verifier_by_version("0.9.0"),
            SET_RECEIPT.seal,
            SET_RECEIPT.claim_digest,
            root_verifiers=TABLE.groth16,
        )


def test_root_seal_with_unknown_selector_is_refused():
    seal = SetInclusionSeal(SET_V07.selector, (), b"\xde\xad\xbe\xef" + bytes(256)).encode()
    with pytest.raises(ReceiptError, match="no verifier for the root seal's selector 0xdeadbeef"):
        verify_set_inclusion(SET_V07, seal, SET_RECEIPT.claim_digest, root_verifiers=TABLE.groth16)


def test_synthetic_root_seal_proves_every_claim_of_an_aggregated_batch():
    setup = synthetic_setup(b"set verifier test")
    set_params = SetVerifierParams.for_image("harness", sha256(b"harness set builder"))
    claims = [sha256(bytes([index])) for index in range(5)]
    leaves = [leaf_hash(claim) for claim in claims]
    root = merkle_root(leaves)
    root_seal = setup.simulate_seal(root_claim_digest(set_params.set_builder_image_id, root))
    path = inclusion_paths(leaves)[3]
    seal = SetInclusionSeal(set_params.selector, path, root_seal.encode()).encode()
    assert verify_set_inclusion(set_params, seal, claims[3], root_verifiers=(setup.params,)) == root
