"""The harness's own Groth16 key and its seal simulator ("synthetic" proofs).

A deterministic setup derives trapdoor scalars alpha, beta, gamma, delta and one IC scalar per
public input (plus IC0) from a seed, and publishes the matching verifying key with a harness
control root and BN254 control id, so the key is used exactly like a RISC Zero release's.

Knowing the trapdoor, a seal for any claim is simulated without a circuit: pick a and b, set
``A = a*G1``, ``B = b*G2`` and ``C = ((a*b - alpha*beta - gamma*v) / delta) * G1`` with
``v = ic0 + sum(x_i * ic_{i+1})`` over the public inputs x. Such a seal satisfies the pairing
equation, so an on-chain verifier does the same work for it as for a real RISC Zero seal. It
proves nothing about any computation: results obtained with it are labelled synthetic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

from py_ecc.optimized_bn128 import G1, G2

from harness.bn254.curve import (
    g1_affine,
    g1_fixed_base,
    g1_multiple,
    g2_affine,
    g2_fixed_base,
    g2_multiple,
)
from harness.bn254.fields import BN254_SCALAR_FIELD
from harness.bn254.jacobian import FixedBase
from harness.risc0.digests import require_digest
from harness.risc0.params import VerifierParams, VerifyingKey, groth16_selector
from harness.risc0.seal import Groth16Seal

SYNTHETIC_STATUS = "synthetic"
_DOMAIN = b"rollup-harness synthetic groth16 v1"
_NUM_PUBLIC_INPUTS = 5
#: Every seal multiplies the generators three times: 8-bit windows (32 additions from a table
#: of 8,160 points a group, built once per process that makes more than a dozen or so seals,
#: some 0.5 s for both groups) make a seal some 1.3 ms, against 2.0 to 2.6 ms with 6-bit ones
#: (0.2 s to build): a sweep's worker makes thousands.
_GENERATOR_WINDOW_BITS = 8


@cache
def _g1_base() -> FixedBase:
    return g1_fixed_base(g1_affine(G1), _GENERATOR_WINDOW_BITS)


@cache
def _g2_base() -> FixedBase:
    return g2_fixed_base(g2_affine(G2), _GENERATOR_WINDOW_BITS)


def tabulate_generators() -> None:
    """Build the generators' tables now (see :meth:`FixedBase.tabulate`), in a process about
    to fork workers that will make many seals."""
    _g1_base().tabulate()
    _g2_base().tabulate()


def _derive(seed: bytes, label: bytes) -> bytes:
    """32 bytes bound to (seed, label); the length prefix keeps the encoding unambiguous."""
    return hashlib.sha256(_DOMAIN + len(seed).to_bytes(8, "big") + seed + label).digest()


def _scalar(seed: bytes, label: bytes) -> int:
    """A non-zero scalar mod r derived from (seed, label)."""
    counter = 0
    while True:
        value = int.from_bytes(_derive(seed, label + counter.to_bytes(4, "big")), "big")
        value %= BN254_SCALAR_FIELD
        if value:
            return value
        counter += 1


@dataclass(frozen=True)
class Trapdoor:
    """The secret scalars of the synthetic setup; whoever holds them can simulate any proof."""

    alpha: int
    beta: int
    gamma: int
    delta: int
    ic: tuple[int, ...]


@dataclass(frozen=True)
class SyntheticSetup:
    """The harness's Groth16 parameters together with the trapdoor they were made from."""

    seed: bytes
    params: VerifierParams
    trapdoor: Trapdoor = field(repr=False)

    def simulate_seal(self, claim_digest: bytes) -> Groth16Seal:
        """A seal that verifies for ``claim_digest`` under :attr:`params`, deterministic in
        (seed, claim digest)."""
        claim_digest = require_digest(claim_digest, "claim digest")
        r = BN254_SCALAR_FIELD
        t = self.trapdoor
        inputs = self.params.public_inputs(claim_digest)
        v = (t.ic[0] + sum(x * ic for x, ic in zip(inputs, t.ic[1:], strict=True))) % r
        a = _scalar(self.seed, b"seal a" + claim_digest)
        b = _scalar(self.seed, b"seal b" + claim_digest)
        c = (a * b - t.alpha * t.beta - t.gamma * v) * pow(t.delta, -1, r) % r
        return Groth16Seal(
            selector=self.params.selector,
            a=g1_multiple(_g1_base(), a),
            b=g2_multiple(_g2_base(), b),
            c=g1_multiple(_g1_base(), c),
        )


@cache
def synthetic_setup(seed: bytes) -> SyntheticSetup:
    """The deterministic synthetic setup for ``seed`` (computed once per seed)."""
    trapdoor = Trapdoor(
        alpha=_scalar(seed, b"alpha"),
        beta=_scalar(seed, b"beta"),
        gamma=_scalar(seed, b"gamma"),
        delta=_scalar(seed, b"delta"),
        ic=tuple(_scalar(seed, b"ic%d" % index) for index in range(_NUM_PUBLIC_INPUTS + 1)),
    )
    vk = VerifyingKey(
        alpha1=g1_multiple(_g1_base(), trapdoor.alpha),
        beta2=g2_multiple(_g2_base(), trapdoor.beta),
        gamma2=g2_multiple(_g2_base(), trapdoor.gamma),
        delta2=g2_multiple(_g2_base(), trapdoor.delta),
        ic=tuple(g1_multiple(_g1_base(), scalar) for scalar in trapdoor.ic),
    )
    control_root = _derive(seed, b"control root")
    bn254_id = int.from_bytes(_derive(seed, b"bn254 control id"), "big") % BN254_SCALAR_FIELD
    bn254_control_id = bn254_id.to_bytes(32, "big")
    tag = hashlib.sha256(seed).hexdigest()[:8]
    params = VerifierParams(
        id=f"synthetic-{tag}",
        version="synthetic",
        label="synthetic key",
        status=SYNTHETIC_STATUS,
        selector=groth16_selector(control_root, bn254_control_id, vk),
        control_root=control_root,
        bn254_control_id=bn254_control_id,
        vk_id=f"synthetic-{tag}",
        vk=vk,
    )
    return SyntheticSetup(seed=seed, params=params, trapdoor=trapdoor)
