"""Tagged hashing, claim digests and public inputs, against the published RISC Zero values."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from py_ecc.optimized_bn128 import curve_order, field_modulus

from harness.bn254.fields import BN254_BASE_FIELD, BN254_SCALAR_FIELD
from harness.common.errors import ReceiptError
from harness.risc0.digests import (
    SYSTEM_STATE_ZERO_DIGEST,
    ZERO_DIGEST,
    ExitCode,
    ReceiptClaim,
    journal_digest,
    ok_claim,
    ok_claim_digest,
    output_digest,
    system_state_digest,
    tag_digest,
    tagged_list,
    tagged_struct,
)
from harness.risc0.inputs import public_inputs, split_digest

V3_IMAGE_ID = bytes.fromhex("11d264ed8dfdee222b820f0278e4d7f55d4b69a5472253a471c102265a91ea1a")
V3_CONTROL_ROOT = bytes.fromhex("a54dc85ac99f851c92d7c96d7318af41dbe7c0194edfcc37eb4d422a998c1f56")
JOURNAL = b"just a simple receipt"

digests = st.binary(min_size=32, max_size=32)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("risc0.ReceiptClaim", "cb1fefcd1f2d9a64975cbbbf6e161e2914434b0cbb9960b84df5d717e86b48af"),
        ("risc0.Output", "77eafeb366a78b47747de0d7bb176284085ff5564887009a5be63da32d3559d4"),
        ("risc0.SystemState", "206115a847207c0892e0c0547225df31d02a96eeb395670c31112dff90b421d6"),
        (
            "risc0.Groth16ReceiptVerifierParameters",
            "60b97a2bdc471360c901f58eb3f22679fc24bd6bf6367e14a8a34744f29516aa",
        ),
        (
            "risc0_groth16.VerifyingKey",
            "fa77044bc9f1aec494a3f424cb9104c24149acf58ca6b219b44bd6b1056f9d4c",
        ),
        (
            "risc0_groth16.VerifyingKey.IC",
            "f776d186bf72b819a595ab1833062ab4bb3592160c10857ebeca9691ce729f22",
        ),
        (
            "risc0.SetInclusionReceiptVerifierParameters",
            "0d1598224cacaf2b74569b87801d8afe8d17210a4ea42c1e4f32ac6875276202",
        ),
    ],
)
def test_tag_digest_matches_published_table(tag, expected):
    assert tag_digest(tag).hex() == expected


@given(down=st.lists(digests, max_size=4), data=st.lists(st.integers(0, 2**32 - 1), max_size=3))
def test_tagged_struct_layout_is_tag_down_le_words_le_u16_count(down, data):
    preimage = (
        hashlib.sha256(b"t").digest()
        + b"".join(down)
        + b"".join(word.to_bytes(4, "little") for word in data)
        + len(down).to_bytes(2, "little")
    )
    assert tagged_struct("t", down, data) == hashlib.sha256(preimage).digest()


def test_tagged_struct_rejects_word_wider_than_32_bits():
    with pytest.raises(ReceiptError, match="32 bits"):
        tagged_struct("t", [], [2**32])


def test_empty_tagged_list_is_zero_digest():
    assert tagged_list("t", []) == ZERO_DIGEST


@given(items=st.lists(digests, min_size=1, max_size=5))
def test_tagged_list_is_cons_list_built_from_the_back(items):
    expected = tagged_struct("t", [items[-1], ZERO_DIGEST])
    for item in reversed(items[:-1]):
        expected = tagged_struct("t", [item, expected])
    assert tagged_list("t", items) == expected


def test_system_state_zero_digest_is_the_zero_state():
    assert system_state_digest(0, ZERO_DIGEST) == SYSTEM_STATE_ZERO_DIGEST


def test_v3_worked_vector_journal_output_and_claim():
    digest = journal_digest(JOURNAL)
    assert digest.hex().startswith("3b8839d2") and digest.hex().endswith("ed91be")
    output = output_digest(digest)
    assert output.hex().startswith("6293f84a") and output.hex().endswith("1f0a26")
    assert (
        ok_claim_digest(V3_IMAGE_ID, digest).hex()
        == "196cb48d86169e90c105e595a02aef4cbc6e2c9e5a9caa1a74c2ebbd29211480"
    )


def test_claim_hash_input_is_170_bytes_in_input_pre_post_output_order():
    claim = ok_claim(V3_IMAGE_ID, journal_digest(JOURNAL))
    preimage = (
        tag_digest("risc0.ReceiptClaim")
        + claim.input
        + claim.pre
        + claim.post
        + claim.output
        + bytes(8)
        + b"\x04\x00"
    )
    assert len(preimage) == 170
    assert claim.digest() == hashlib.sha256(preimage).digest()


def test_claim_exit_code_words_are_little_endian_system_then_user():
    claim = ReceiptClaim(
        pre=V3_IMAGE_ID,
        post=SYSTEM_STATE_ZERO_DIGEST,
        exit_code=ExitCode(system=2, user=2),
        input=ZERO_DIGEST,
        output=ZERO_DIGEST,
    )
    preimage = (
        tag_digest("risc0.ReceiptClaim")
        + ZERO_DIGEST
        + V3_IMAGE_ID
        + SYSTEM_STATE_ZERO_DIGEST
        + ZERO_DIGEST
        + bytes.fromhex("02000000020000000400")
    )
    assert claim.digest() == hashlib.sha256(preimage).digest()


def test_ok_claim_rejects_short_image_id():
    with pytest.raises(ReceiptError, match="image id must be a 32-byte digest, got 31"):
        ok_claim_digest(bytes(31), ZERO_DIGEST)


def test_split_digest_gives_published_v3_control_root_halves():
    assert split_digest(V3_CONTROL_ROOT) == (
        0x41AF18736DC9D7921C859FC95AC84DA5,
        0x561F8C992A424DEB37CCDF4E19C0E7DB,
    )


@given(digest=digests)
def test_split_digest_halves_are_little_endian_16_byte_reads(digest):
    low, high = split_digest(digest)
    assert low == int.from_bytes(digest[:16], "little")
    assert high == int.from_bytes(digest[16:], "little")
    assert low < 2**128 and high < 2**128


def test_public_inputs_order_and_bn254_id_read_big_endian():
    bn254_id = bytes.fromhex("04446e66d300eb7fb45c9726bb53c793dda407a62e9601618bb43c5c14657ac0")
    claim = bytes(range(32))
    inputs = public_inputs(V3_CONTROL_ROOT, bn254_id, claim)
    assert inputs == (*split_digest(V3_CONTROL_ROOT), *split_digest(claim), int(bn254_id.hex(), 16))


def test_bn254_field_orders_agree_with_py_ecc_curve():
    assert curve_order == BN254_SCALAR_FIELD
    assert field_modulus == BN254_BASE_FIELD
