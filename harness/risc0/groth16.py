"""The Groth16 check of RISC Zero's on-chain verifier, in Python.

It follows this project's Solidity verifier step by step: every public input must be below r;
A.y must be below q (stricter than RISC Zero's own verifier, which negates an unreduced A.y
with wrapping EVM arithmetic) and A is negated as ``(A.x, (q - A.y) mod q)``; every point
handed to the pairing precompile must have coordinates below q, lie on its curve and, for G2, in the
subgroup; and the proof is accepted iff ``e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) = 1``
with ``vk_x = IC0 + sum(x_i * IC_{i+1})``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from py_ecc.optimized_bn128 import add

from harness.bn254.curve import (
    Point,
    g1_fixed_base,
    g1_multiple,
    g1_point,
    g1_projective,
    g2_point,
)
from harness.bn254.fields import BN254_BASE_FIELD, BN254_SCALAR_FIELD
from harness.bn254.fq12 import Fq12
from harness.bn254.jacobian import FixedBase
from harness.bn254.pairing import PreparedG2, miller_loop, miller_product, product_is_one
from harness.common.errors import ReceiptError
from harness.common.hexcodec import to_hex
from harness.risc0.digests import ok_claim_digest, require_digest
from harness.risc0.params import SELECTOR_SIZE, VerifierParams, VerifyingKey
from harness.risc0.seal import Groth16Seal


@dataclass(frozen=True)
class _PreparedKey:
    """What a verifying key contributes to every check, computed once per key."""

    alpha_beta: Fq12
    gamma: PreparedG2 | None
    delta: PreparedG2 | None
    ic0: Point
    input_bases: tuple[FixedBase, ...]


@lru_cache(maxsize=8)
def _prepare(vk: VerifyingKey) -> _PreparedKey:
    alpha = g1_point(vk.alpha1, "verifying key alpha1")
    beta = g2_point(vk.beta2, "verifying key beta2")
    ic = [g1_point(point, f"verifying key IC{index}") for index, point in enumerate(vk.ic)]
    return _PreparedKey(
        alpha_beta=miller_loop(beta, alpha),
        gamma=PreparedG2.of(g2_point(vk.gamma2, "verifying key gamma2")),
        delta=PreparedG2.of(g2_point(vk.delta2, "verifying key delta2")),
        ic0=ic[0],
        input_bases=tuple(g1_fixed_base(point) for point in vk.ic[1:]),
    )


def check_proof(vk: VerifyingKey, seal: Groth16Seal, public_inputs: Sequence[int]) -> None:
    """Run the on-chain Groth16 check; raise :class:`ReceiptError` naming why it fails.

    The seal's selector is not looked at here (that is the receipt verifier's job).
    """
    if len(public_inputs) != vk.num_public_inputs:
        raise ReceiptError(
            f"the verifying key takes {vk.num_public_inputs} public inputs, "
            f"got {len(public_inputs)}"
        )
    for index, value in enumerate(public_inputs):
        if not 0 <= value < BN254_SCALAR_FIELD:
            raise ReceiptError(f"public input {index} is not below the BN254 scalar field order")
    a_x, a_y = seal.a
    if a_y >= BN254_BASE_FIELD:
        raise ReceiptError("seal A: y coordinate is not below the BN254 base field modulus")
    negated_a = g1_point((a_x, (BN254_BASE_FIELD - a_y) % BN254_BASE_FIELD), "seal A")
    c = g1_point(seal.c, "seal C")
    b = g2_point(seal.b, "seal B")
    key = _prepare(vk)
    vk_x = key.ic0
    for value, base in zip(public_inputs, key.input_bases, strict=True):
        vk_x = add(vk_x, g1_projective(g1_multiple(base, value)))
    miller_values = [
        miller_product([(PreparedG2.of(b), negated_a), (key.gamma, vk_x), (key.delta, c)]),
        key.alpha_beta,
    ]
    if not product_is_one(miller_values):
        raise ReceiptError(
            "Groth16 pairing check failed: the proof does not match the public inputs"
        )


def verify(vk: VerifyingKey, seal: Groth16Seal, public_inputs: Sequence[int]) -> bool:
    """Whether the on-chain ``verifyProof`` accepts ``seal`` for ``public_inputs`` under ``vk``."""
    try:
        check_proof(vk, seal, public_inputs)
    except ReceiptError:
        return False
    return True


def verify_integrity(params: VerifierParams, seal_bytes: bytes, claim_digest: bytes) -> None:
    """Mirror ``verifyIntegrity``: check the selector, decode the seal, check the proof of
    ``claim_digest``. Raises :class:`ReceiptError` where the contract would revert."""
    claim_digest = require_digest(claim_digest, "claim digest")
    received = bytes(seal_bytes[:SELECTOR_SIZE])
    if received not in params.accepted_selectors:
        raise ReceiptError(
            f"selector mismatch: the seal carries {to_hex(received)}, "
            f"the RISC Zero {params.version} verifier expects {to_hex(params.selector)}"
        )
    seal = Groth16Seal.decode(seal_bytes)
    try:
        check_proof(params.vk, seal, params.public_inputs(claim_digest))
    except ReceiptError as exc:
        raise ReceiptError(
            f"seal does not verify claim {to_hex(claim_digest)} "
            f"under RISC Zero {params.version} parameters: {exc}"
        ) from None


def verify_receipt(
    params: VerifierParams, seal_bytes: bytes, image_id: bytes, journal_digest: bytes
) -> None:
    """Mirror ``verify(seal, imageId, journalDigest)``: verify the successful-run claim."""
    verify_integrity(params, seal_bytes, ok_claim_digest(image_id, journal_digest))
