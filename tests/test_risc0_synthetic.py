"""The harness's synthetic Groth16 key and seal simulator."""

import pytest

from harness.common.errors import ReceiptError
from harness.provers.sources import MockSource, SyntheticSource
from harness.provers.verifiers import verifier_for_selector
from harness.risc0.digests import ok_claim_digest, sha256
from harness.risc0.groth16 import verify, verify_integrity, verify_receipt
from harness.risc0.inputs import BN254_SCALAR_FIELD
from harness.risc0.params import groth16_selector, load_versions
from harness.risc0.synthetic import synthetic_setup

SEED = b"synthetic test seed"
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
