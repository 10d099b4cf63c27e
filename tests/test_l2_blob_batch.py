"""The L2 model's blob modes: blobs of a batch, data hashes per mode, challenge points, openings."""

from __future__ import annotations

import hashlib

import pytest
from generated_files import assert_up_to_date
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.ethereum import blobs as kzg
from harness.l2.batch import GENESIS_ACCUMULATOR, TRANSFER_SIZE, acc_next, data_hash
from harness.l2.blob_batch import (
    DA_MODES,
    OPENING_SIZE,
    BlobBatch,
    batch_hash,
    challenge_point,
    check_da,
    transfers_per_blobs,
)
from harness.l2.roots import chain_of_roots
from harness.l2.workload import batches, genesis

ONE = BlobBatch.of(batches(1, 100)[0].encode())


def test_a_blob_holds_1983_encoded_transfers() -> None:
    fits = transfers_per_blobs(1)
    assert fits == 1983
    assert len(kzg.pack(bytes(fits * TRANSFER_SIZE))) == 1
    assert len(kzg.pack(bytes((fits + 1) * TRANSFER_SIZE))) == 2
    assert transfers_per_blobs(6) == (6 * 126_976 - 4) // 64


def test_the_blob_data_hash_is_the_sha256_of_the_versioned_hashes() -> None:
    assert ONE.blobs_hash == hashlib.sha256(b"".join(ONE.versioned_hashes)).digest()
    assert ONE.versioned_hashes == tuple(
        kzg.versioned_hash(kzg.commitment(blob)) for blob in kzg.pack(ONE.data)
    )
    assert batch_hash(ONE.data, "blob") == ONE.blobs_hash


def test_calldata_mode_keeps_the_sha256_of_the_data() -> None:
    assert batch_hash(ONE.data, "calldata") == data_hash(ONE.data) == ONE.data_hash


@settings(max_examples=20, deadline=None)
@given(versioned_hash=st.binary(min_size=32, max_size=32), d=st.binary(min_size=32, max_size=32))
def test_the_challenge_point_is_the_reduced_sha256_of_the_versioned_and_data_hash(
    versioned_hash: bytes, d: bytes
) -> None:
    z = challenge_point(versioned_hash, d)
    assert 0 <= z < kzg.BLS_MODULUS
    assert z == int.from_bytes(hashlib.sha256(versioned_hash + d).digest(), "big") % kzg.BLS_MODULUS


def test_every_blob_is_opened_at_its_challenge_point() -> None:
    two = BlobBatch.of(batches(1, 1984)[0].encode())
    assert len(two.blobs) == 2
    for opening, blob in zip(two.openings, two.blobs, strict=True):
        assert opening.z == challenge_point(opening.versioned_hash, two.data_hash)
        assert opening.commitment == kzg.commitment(blob)
        assert kzg.verify_evaluation(opening.commitment, opening.z, opening.y, opening.proof)
    assert len(two.openings_data) == 2 * OPENING_SIZE == 256


def test_an_opening_encodes_as_the_value_the_commitment_and_the_proof() -> None:
    (opening,) = ONE.openings
    encoded = opening.encode()
    assert encoded == opening.y.to_bytes(32, "big") + opening.commitment + opening.proof
    assert len(encoded) == OPENING_SIZE == 128


def test_the_kzg_data_hash_binds_the_data_hash_and_every_evaluation() -> None:
    (opening,) = ONE.openings
    expected = hashlib.sha256(
        ONE.data_hash + opening.versioned_hash + opening.y.to_bytes(32, "big")
    ).digest()
    assert ONE.kzg_hash == expected == batch_hash(ONE.data, "blob-kzg")


def test_the_modes_give_distinct_accumulators_over_the_same_states() -> None:
    workload = batches(2, 5)
    by_mode = {da: chain_of_roots(genesis(0), workload, da) for da in DA_MODES}
    roots = {tuple(c.state_root for c in chain) for chain in by_mode.values()}
    assert len(roots) == 1
    accumulators = {chain[-1].accumulator for chain in by_mode.values()}
    assert len(accumulators) == len(DA_MODES)
    calldata = by_mode["calldata"]
    assert calldata[1].accumulator == acc_next(GENESIS_ACCUMULATOR, workload[0].encode())


def test_an_unknown_mode_is_one_clear_error() -> None:
    assert check_da("blob-kzg") == "blob-kzg"
    with pytest.raises(UsageError, match="unknown data-availability mode 'blobs'; choose one of"):
        batch_hash(b"", "blobs")


def test_the_blob_vectors_of_the_forge_tests_are_up_to_date() -> None:
    assert_up_to_date("gen-blob-vectors")
