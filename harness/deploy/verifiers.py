"""The ``--verifier`` choices of a deploy: the synthetic key, the mock, or a RISC Zero release."""

from __future__ import annotations

from harness.common.errors import UsageError
from harness.provers.verifiers import MOCK_SELECTOR, VerifierSpec, synthetic_params
from harness.risc0.params import load_versions

VERIFIER_CHOICES = ("synthetic", "mock", "risc0:VERSION")


def parse_verifier(choice: str) -> VerifierSpec:
    """The verifier named by ``choice``: ``synthetic``, ``mock`` or ``risc0:VERSION``."""
    if choice == "synthetic":
        params = synthetic_params()
        return VerifierSpec(params.selector, params)
    if choice == "mock":
        return VerifierSpec(MOCK_SELECTOR)
    if choice.startswith("risc0:") and len(choice) > len("risc0:"):
        params = load_versions().by_version(choice.removeprefix("risc0:"))
        return VerifierSpec(params.selector, params)
    raise UsageError(f"unknown verifier {choice!r}; choose one of {', '.join(VERIFIER_CHOICES)}")
