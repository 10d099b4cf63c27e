"""The harness's synthetic Groth16 key and seal simulator."""

import pytest

from harness.bn254.fields import BN254_SCALAR_FIELD
from harness.common.errors import ReceiptError
from harness.provers.sources import SYNTHETIC_SEED, MockSource, SyntheticSource
from harness.provers.verifiers import verifier_for_selector
from harness.risc0.digests import ok_claim_digest, sha256
from harness.risc0.groth16 import verify, verify_integrity, verify_receipt
from harness.risc0.params import groth16_selector, load_versions
from harness.risc0.synthetic import synthetic_setup

SEED = b"synthetic test seed"
# Seals for sha256(b"vector 0") and sha256(b"vector 1") under the sweep's seed, as recorded
# as computed with py_ecc's projective point arithmetic (the bytes must never change).
RECORDED_SEALS = [
    (
        "b5ad45dc932b245a2f88f729ce30a4a098c868bd549de8bf8d8641b37a5e8501",
        (
            "2559991b1629b2fefa9c9a4153b30e3ccf9bdafb4561b52c2f5fa91a5fd433912fef000d0f3c2c3f27dd3de0"
            "cb2df46768afa12a88b84a421d26e755c926ff7ca627cd38191eb55321a902a2cc1062a6d25805b2468f52f7"
            "2eb84cfb5319e8f552893c9904d6ee13f4ace569ce7c31bd1baffbc6c2ab480c38d367c051b4c6257a1f09eb"
            "1111d5208d11039f0adbc59dff63d9ca2cf613a199ce88c794a858f947cb579c269a303ba4aa642eae10a529"
            "a7cff52c7a0c47152061e5aaf6299a61191f3b4005b23af9c891f5ae990ea47311f38672635047e8240c4c1d"
            "72c16c466cca7dfb278b8af0fabcf46f2ee75eb53a4f500759cd7b9f90ea476039b008da9b1816a6"
        ),
    ),
    (
        "755857880e120d9459f8a967958f4bf832e02acdb94518de504f35c6443d818a",
        (
            "2559991b136635d5943915da6d24b1aea019be93f9df915e178bcbddd1b23a824dca523211df83ac9f1f7534"
            "9edfb0cbbac86ed53e0bde2ac2eb8d452e44b5252ea0fc13069a91006c75e285062174f321126ded7f198ace"
            "d871d9c108c9d97c2495479904055d00e1efe6e53a5d434ffe2bba628d3b50442257d0535b08ef525c756bfb"
            "112110529d1f9c24a635780e2a2bdaa127f4c458562ad8382cd0ee30b939249d175aa5657d388f42907a76ce"
            "2df80b99e0fdb8645802124a5f9921bdf2857d9828da1e1dbf5b914c78bc81658b0954915e5472da98162afe"
            "05e24cd93a35f2a62e3a5e3240669e772938e361f8790f834e807b1f401610e9fc0363669752ea92"
        ),
    ),
]
CLAIM = sha256(b"batch 1")


@pytest.fixture(scope="module")
def setup():
    return synthetic_setup(SEED)


@pytest.fixture(scope="module")
def seal(setup):
    return setup.simulate_seal(CLAIM)


def test_setup_is_deterministic_in_its_seed(setup):
    again = synthetic_setup(bytes(SEED))
    assert again.params == setup.params
    assert synthetic_setup(b"another seed").params.selector != setup.params.selector


def test_parameters_look_like_a_release_and_say_synthetic(setup):
    params = setup.params
    assert params.status == "synthetic" and "synthetic" in params.label
    assert len(params.control_root) == 32
    assert int.from_bytes(params.bn254_control_id, "big") < BN254_SCALAR_FIELD
    assert params.vk.num_public_inputs == 5
    assert params.selector == groth16_selector(
        params.control_root, params.bn254_control_id, params.vk
    )


def test_trapdoor_is_kept_out_of_the_repr(setup):
    assert "trapdoor" not in repr(setup)
    assert str(setup.trapdoor.alpha) not in repr(setup)


def test_seal_is_deterministic_in_seed_and_claim(setup, seal):
    assert setup.simulate_seal(CLAIM) == seal
    assert setup.simulate_seal(sha256(b"batch 2")).a != seal.a


@pytest.mark.parametrize(("claim", "seal_hex"), RECORDED_SEALS)
def test_seal_bytes_equal_the_recorded_ones(claim, seal_hex):
    setup = synthetic_setup(SYNTHETIC_SEED)
    assert setup.simulate_seal(bytes.fromhex(claim)).encode() == bytes.fromhex(seal_hex)


def test_simulated_seal_passes_the_pairing_check(setup, seal):
    assert verify(setup.params.vk, seal, setup.params.public_inputs(CLAIM))


def test_simulated_seal_passes_receipt_verification(setup):
    image_id, journal_digest = sha256(b"image"), sha256(b"journal")
    claim = ok_claim_digest(image_id, journal_digest)
    verify_receipt(setup.params, setup.simulate_seal(claim).encode(), image_id, journal_digest)


def test_simulated_seal_does_not_verify_another_claim(setup, seal):
    with pytest.raises(ReceiptError, match="pairing check failed"):
        verify_integrity(setup.params, seal.encode(), sha256(b"batch 2"))


def test_every_single_flipped_byte_fails(setup, seal):
    encoded = seal.encode()
    for index in range(len(encoded)):
        flipped = bytearray(encoded)
        flipped[index] ^= 0xFF
        with pytest.raises(ReceiptError):
            verify_integrity(setup.params, bytes(flipped), CLAIM)


def test_claim_must_be_a_digest(setup):
    with pytest.raises(ReceiptError, match="claim digest must be a 32-byte digest"):
        setup.simulate_seal(b"short")


def test_verifier_labels_name_the_key_and_its_selector_once():
    synthetic = SyntheticSource().verifier()
    assert synthetic.label == f"synthetic key (selector 0x{synthetic.selector.hex()})"
    release = load_versions().by_version("3.0")
    assert verifier_for_selector(release.selector).label == (
        f"RISC Zero 3.0 (selector 0x{release.selector.hex()})"
    )
    assert MockSource().verifier().label == "mock (dev mode)"
