"""Blob packing, KZG commitments and proofs, blob sidecars, and the fork's blob parameters."""

from __future__ import annotations

import hashlib
import random

import ckzg
import pytest
import rlp
from eth_account import Account
from eth_utils import to_checksum_address
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.ethereum import blobs as kzg
from harness.ethereum.blob_tx import BLOB_TX_TYPE, network_form, sidecar, sign_blob_tx
from harness.ethereum.limits import (
    BLOB_BASE_COST,
    GAS_PER_BLOB,
    blob_base_fee,
    blob_schedule,
    fake_exponential,
    next_excess_blob_gas,
)

CAPACITY = kzg.payload_capacity(1)
#: Lengths around the edges: empty, one element, one blob full, one byte over, two blobs full.
EDGES = (0, 1, 27, 28, CAPACITY, CAPACITY + 1, kzg.payload_capacity(2))


def _data(length: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(length)


def test_a_blob_carries_126976_data_bytes_less_the_length_prefix() -> None:
    assert kzg.BYTES_PER_BLOB == 131_072
    assert kzg.DATA_BYTES_PER_BLOB == 126_976 == 4096 * 31
    assert CAPACITY == 126_972
    assert kzg.blobs_needed(CAPACITY) == 1
    assert kzg.blobs_needed(CAPACITY + 1) == 2
    assert kzg.blobs_needed(0) == 1


@settings(max_examples=25, deadline=None)
@given(length=st.one_of(st.sampled_from(EDGES), st.integers(0, 2 * kzg.DATA_BYTES_PER_BLOB)))
def test_unpack_inverts_pack(length: int) -> None:
    data = _data(length, length)
    packed = kzg.pack(data)
    assert len(packed) == kzg.blobs_needed(length)
    assert all(len(blob) == kzg.BYTES_PER_BLOB for blob in packed)
    assert kzg.unpack(packed) == data


@settings(max_examples=25, deadline=None)
@given(length=st.integers(0, 2 * kzg.DATA_BYTES_PER_BLOB), seed=st.integers(0, 2**32))
def test_every_field_element_starts_with_a_zero_byte_and_is_below_the_modulus(
    length: int, seed: int
) -> None:
    for blob in kzg.pack(_data(length, seed)):
        for at in range(0, kzg.BYTES_PER_BLOB, kzg.BYTES_PER_FIELD_ELEMENT):
            element = blob[at : at + kzg.BYTES_PER_FIELD_ELEMENT]
            assert element[0] == 0
            assert int.from_bytes(element, "big") < kzg.BLS_MODULUS


def test_the_stream_is_the_length_then_the_data_31_bytes_an_element() -> None:
    (blob,) = kzg.pack(b"\xaa" * 40)
    assert blob[:32] == b"\x00" + (40).to_bytes(4, "big") + b"\xaa" * 27
    assert blob[32:64] == b"\x00" + b"\xaa" * 13 + bytes(18)
    assert not any(blob[64:])


def _mutated(blobs: tuple[bytes, ...], at: int, value: int) -> list[bytes]:
    first = bytearray(blobs[0])
    first[at] = value
    return [bytes(first), *blobs[1:]]


@pytest.mark.parametrize(
    ("case", "mutate", "message"),
    [
        ("a non-zero leading byte", lambda b: _mutated(b, 32, 1), "zero byte"),
        ("a length over capacity", lambda b: _mutated(b, 1, 0xFF), "length prefix"),
        ("bytes after the data", lambda b: _mutated(b, 4001, 7), "after the data"),
        ("an extra blob", lambda b: [*b, bytes(kzg.BYTES_PER_BLOB)], "need fewer"),
        ("a short blob", lambda b: [b[0][:-1]], "not 131,072"),
        ("no blob", lambda b: [], "no blobs"),
    ],
)
def test_unpack_rejects_what_pack_cannot_write(case, mutate, message) -> None:
    with pytest.raises(kzg.MalformedBlobs, match=message):
        kzg.unpack(mutate(kzg.pack(b"\x01" * 100)))


def test_pack_rejects_nothing_and_counts_reject_nonsense() -> None:
    with pytest.raises(UsageError):
        kzg.payload_capacity(0)
    with pytest.raises(UsageError):
        kzg.blobs_needed(-1)


def test_the_versioned_hash_is_the_version_byte_and_the_commitments_sha256() -> None:
    (blob,) = kzg.pack(_data(5000))
    commitment = kzg.commitment(blob)
    expected = b"\x01" + hashlib.sha256(commitment).digest()[1:]
    assert kzg.versioned_hash(commitment) == expected
    assert commitment == bytes(ckzg.blob_to_kzg_commitment(blob, kzg.trusted_setup()))
    proof = ckzg.compute_blob_kzg_proof(blob, commitment, kzg.trusted_setup())
    assert ckzg.verify_blob_kzg_proof(blob, commitment, proof, kzg.trusted_setup())


def test_an_evaluation_proof_verifies_at_its_point_and_for_its_value_only() -> None:
    (blob,) = kzg.pack(_data(3000, 1))
    commitment = kzg.commitment(blob)
    z = kzg.BLS_MODULUS - 12345
    proof, y = kzg.evaluation_proof(blob, z)
    assert 0 <= y < kzg.BLS_MODULUS
    assert kzg.verify_evaluation(commitment, z, y, proof)
    assert not kzg.verify_evaluation(commitment, z, (y + 1) % kzg.BLS_MODULUS, proof)
    assert not kzg.verify_evaluation(commitment, z - 1, y, proof)
    with pytest.raises(UsageError):
        kzg.evaluation_proof(blob, kzg.BLS_MODULUS)


def test_the_trusted_setup_comes_from_an_installed_package() -> None:
    path = kzg.trusted_setup_path()
    assert path.name == "kzg_trusted_setup.txt" and path.is_file()
    assert "site-packages" in path.parts or "dist-packages" in path.parts
    assert kzg.trusted_setup() is kzg.trusted_setup()


# -- sidecars and the network form ---------------------------------------------------------------
def test_a_prague_sidecar_carries_one_proof_per_blob() -> None:
    blobs = kzg.pack(_data(CAPACITY + 10))
    car = sidecar(blobs, "prague")
    assert not car.cell_proofs and len(car.proofs) == 2
    assert ckzg.verify_blob_kzg_proof_batch(
        b"".join(blobs), b"".join(car.commitments), b"".join(car.proofs), kzg.trusted_setup()
    )
    assert car.blob_gas == 2 * GAS_PER_BLOB
    bare = sidecar(blobs, "prague", proofs=False)
    assert bare.proofs == () and bare.versioned_hashes == car.versioned_hashes


def test_an_osaka_sidecar_carries_128_cell_proofs_per_blob() -> None:
    (blob,) = kzg.pack(_data(100))
    car = sidecar((blob,), "osaka")
    assert car.cell_proofs and len(car.proofs) == 128
    cells, _ = ckzg.compute_cells_and_kzg_proofs(blob, kzg.trusted_setup())
    commitments = [car.commitments[0]] * 128
    setup = kzg.trusted_setup()
    assert ckzg.verify_cell_kzg_proof_batch(
        commitments, list(range(128)), list(cells), list(car.proofs), setup
    )


@pytest.mark.parametrize(("fork", "count"), [("osaka", 7), ("prague", 10), ("cancun", 7)])
def test_a_sidecar_refuses_more_blobs_than_a_transaction_may_carry(fork: str, count: int) -> None:
    blob = bytes(kzg.BYTES_PER_BLOB)
    with pytest.raises(UsageError, match=f"1 to {count - 1} blobs, got {count}"):
        sidecar([blob] * count, fork)
    with pytest.raises(UsageError, match="got 0"):
        sidecar([], fork)


@pytest.mark.parametrize(("fork", "fields"), [("prague", 4), ("osaka", 5)])
def test_the_network_form_wraps_the_signed_payload(fork: str, fields: int) -> None:
    (blob,) = kzg.pack(b"network form")
    car = sidecar((blob,), fork)
    payload = [b"\x01", b"\x02", b"\x03"]
    signed = b"\x03" + rlp.encode(payload)
    wrapped = rlp.decode(network_form(signed, car)[1:])
    assert len(wrapped) == fields
    assert wrapped[0] == payload
    assert wrapped[-3:] == [[blob], list(car.commitments), list(car.proofs)]
    if fields == 5:
        assert wrapped[1] == b"\x01"  # EIP-7594 wrapper version 1
    assert network_form(signed, car) == b"\x03" + rlp.encode(wrapped)
    with pytest.raises(UsageError):
        network_form(b"\x02" + rlp.encode(payload), car)
    with pytest.raises(UsageError):
        network_form(b"\x03" + rlp.encode(b"not a list"), car)


# -- blob parameters per fork --------------------------------------------------------------------
def test_the_blob_parameters_are_the_eips() -> None:
    assert GAS_PER_BLOB == 131_072
    cancun, prague, osaka = (blob_schedule(f) for f in ("cancun", "prague", "osaka"))
    assert (cancun.target_per_block, cancun.max_per_block, cancun.update_fraction) == (
        3,
        6,
        3_338_477,
    )
    assert (prague.target_per_block, prague.max_per_block, prague.update_fraction) == (
        6,
        9,
        5_007_716,
    )
    assert (prague.max_per_tx, osaka.max_per_tx) == (9, 6)
    assert osaka.reserve_price and osaka.cell_proofs and not prague.reserve_price
    with pytest.raises(UsageError, match="no blob parameters"):
        blob_schedule("shanghai")


def test_the_blob_base_fee_follows_the_excess_blob_gas() -> None:
    assert blob_base_fee(0, "prague") == 1
    assert fake_exponential(1, 0, 5_007_716) == 1
    # e^1 ≈ 2.718: an excess of one update fraction multiplies the fee by e (integer maths).
    assert fake_exponential(1000, 5_007_716, 5_007_716) in range(2716, 2719)
    fees = [blob_base_fee(excess, "prague") for excess in range(0, 50_000_000, 1_000_000)]
    assert fees == sorted(fees) and fees[-1] > 10


def test_the_excess_blob_gas_moves_by_the_distance_from_the_target() -> None:
    prague = blob_schedule("prague")
    assert next_excess_blob_gas(0, prague.target_blob_gas - 1, 10**9, "prague") == 0
    full = next_excess_blob_gas(0, prague.max_blob_gas, 10**9, "prague")
    assert full == prague.max_blob_gas - prague.target_blob_gas
    assert next_excess_blob_gas(full, 0, 10**9, "prague") == 0


def test_osakas_reserve_price_keeps_the_excess_growing_while_blobs_are_cheap() -> None:
    osaka = blob_schedule("osaka")
    base_fee = 10**9  # a blob's execution cost, BLOB_BASE_COST * base fee, beats 1 wei blob gas
    assert BLOB_BASE_COST * base_fee > GAS_PER_BLOB * blob_base_fee(0, "osaka")
    excess = next_excess_blob_gas(0, osaka.target_blob_gas, base_fee, "osaka")
    assert excess == osaka.target_blob_gas * 3 // 9
    assert next_excess_blob_gas(0, osaka.target_blob_gas, base_fee, "prague") == 0


@settings(max_examples=25, deadline=None)
@given(
    secret=st.integers(1, 2**255),
    nonce=st.integers(0, 2**64 - 2),
    fees=st.tuples(*(st.integers(0, 2**128) for _ in range(3))),
    gas=st.integers(21_000, 2**24),
    data=st.binary(max_size=300),
    hashes=st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=6),
)
def test_a_blob_transaction_is_signed_as_eth_account_signs_it(
    secret: int,
    nonce: int,
    fees: tuple[int, int, int],
    gas: int,
    data: bytes,
    hashes: list[bytes],
) -> None:
    key = secret.to_bytes(32, "big")
    tip, fee_cap, blob_fee_cap = fees
    tx = {
        "chainId": 131277322940537,
        "nonce": nonce,
        "to": to_checksum_address(hashlib.sha256(key).digest()[:20]),
        "value": 0,
        "gas": gas,
        "data": data,
        "maxPriorityFeePerGas": tip,
        "maxFeePerGas": fee_cap,
        "maxFeePerBlobGas": blob_fee_cap,
        "blobVersionedHashes": hashes,
        "accessList": [],
    }
    expected = Account.from_key(key).sign_transaction({"type": BLOB_TX_TYPE, **tx})
    assert sign_blob_tx(key, tx) == bytes(expected.raw_transaction)


def test_a_blob_transaction_with_an_access_list_is_refused() -> None:
    tx = dict.fromkeys(("chainId", "nonce", "gas", "value"), 1) | {
        "accessList": [("0x" + "00" * 20, [])]
    }
    with pytest.raises(UsageError, match="empty access list"):
        sign_blob_tx(b"\x01" * 32, tx)
