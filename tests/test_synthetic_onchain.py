"""Synthetic seals do the same on-chain work, and pay the same gas, as real RISC Zero seals."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.chain.backends import open_chain
from harness.chain.base import Reverted
from harness.claims.request import ProofRequest
from harness.onchain.receipt_stack import deploy_for_receipts
from harness.provers.sources import SyntheticSource
from harness.provers.verifiers import synthetic_params
from harness.risc0.receipts import read_corpus

REAL = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json").groth16
REQUEST = ProofRequest("batch", b"\x42" * 32, b"a synthetic journal")


@pytest.fixture(scope="module")
def stack():
    with open_chain("anvil") as chain:
        stack = deploy_for_receipts(chain, REAL)
        stack.add_groth16(synthetic_params())
        yield stack


def _routed_gas(stack, seal: bytes, image_id: bytes, journal_digest: bytes) -> int:
    return stack.chain.transact(stack.router, "verify", seal, image_id, journal_digest).gas_used


def test_a_synthetic_seal_verifies_through_router_estop_and_verifier(stack):
    seal = SyntheticSource().seal(REQUEST)
    assert _routed_gas(stack, seal, REQUEST.image_id, REQUEST.journal_digest) > 200_000


def test_a_synthetic_seal_with_any_byte_changed_does_not_verify(stack):
    seal = SyntheticSource().seal(REQUEST)
    for index in range(len(seal)):
        tampered = bytearray(seal)
        tampered[index] ^= 0x80
        with pytest.raises(Reverted):
            stack.chain.call(
                stack.router, "verify", bytes(tampered), REQUEST.image_id, REQUEST.journal_digest
            )


def test_synthetic_and_real_seals_cost_the_same_gas_within_one_percent(stack):
    synthetic = _routed_gas(
        stack, SyntheticSource().seal(REQUEST), REQUEST.image_id, REQUEST.journal_digest
    )
    for receipt in REAL:
        real = _routed_gas(stack, receipt.seal, receipt.image_id, receipt.journal_digest)
        assert abs(synthetic - real) / real < 0.01, (receipt.id, synthetic, real)
