"""The verifier a seal needs on chain: the mock, the synthetic key, or a RISC Zero release."""

from __future__ import annotations

from dataclasses import dataclass

from harness.risc0.digests import sha256
from harness.risc0.params import VerifierParams, load_versions
from harness.risc0.synthetic import SYNTHETIC_STATUS, synthetic_setup

#: The seed of the harness's own Groth16 key; fixed, so recorded synthetic seals replay anywhere.
SYNTHETIC_SEED = b"rollup-harness synthetic key"
#: The dev-mode mock verifier's selector.
MOCK_SELECTOR = sha256(b"rollup-harness.RiscZeroMockVerifier")[:4]


@dataclass(frozen=True)
class VerifierSpec:
    """The verifier a seal needs: a Groth16 verifier with ``params``, or the mock verifier."""

    selector: bytes
    params: VerifierParams | None = None

    @property
    def label(self) -> str:
        """How reports name this verifier."""
        if self.params is None:
            return "mock (dev mode)"
        name = self.params.label
        if self.params.status != SYNTHETIC_STATUS:
            name = f"RISC Zero {name}"
        return f"{name} (selector 0x{self.selector.hex()})"


def synthetic_params() -> VerifierParams:
    """The parameters of the harness's own Groth16 key."""
    return synthetic_setup(SYNTHETIC_SEED).params


def verifier_for_selector(selector: bytes) -> VerifierSpec:
    """The verifier that accepts seals starting with ``selector``: the mock, the synthetic key,
    or a RISC Zero release from the version table."""
    if selector == MOCK_SELECTOR:
        return VerifierSpec(selector)
    synthetic = synthetic_params()
    if selector == synthetic.selector:
        return VerifierSpec(selector, synthetic)
    return VerifierSpec(selector, load_versions().by_selector(selector))
