"""The seal sources: synthetic Groth16, dev-mode mock, and replay from receipt files.

Each is a small frozen value (picklable, so a worker process can hold its own copy) with a
``seal(request)`` method, and says which verifier its seals need on chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from harness.claims.request import ProofRequest
from harness.common.errors import ProverError, UsageError
from harness.provers.external import ExternalSource
from harness.provers.receipt import read_receipt
from harness.provers.verifiers import (
    MOCK_SELECTOR,
    SYNTHETIC_SEED,
    VerifierSpec,
    synthetic_params,
    verifier_for_selector,
)
from harness.risc0.seal import MockSeal
from harness.risc0.synthetic import synthetic_setup, tabulate_generators


@dataclass(frozen=True)
class SyntheticSource:
    """Seals from the Groth16 simulator over the harness's own key: labelled synthetic."""

    name: str = "synthetic"

    def recorded(self, request: ProofRequest) -> bytes | None:
        """No seal exists before the simulator makes it."""
        return None

    def seal(self, request: ProofRequest) -> bytes:
        """A seal that satisfies the pairing check for the request's claim."""
        return synthetic_setup(SYNTHETIC_SEED).simulate_seal(request.claim_digest).encode()

    def prepare_workers(self) -> None:
        """The key's multiplication tables, built once for the workers a pool forks."""
        tabulate_generators()

    def verifier(self) -> VerifierSpec:
        """The synthetic key's Groth16 verifier."""
        params = synthetic_params()
        return VerifierSpec(params.selector, params)


@dataclass(frozen=True)
class MockSource:
    """Dev-mode seals (selector ‖ claim digest) for the mock verifier: fast, proves nothing."""

    name: str = "mock"

    def recorded(self, request: ProofRequest) -> bytes | None:
        """Mock seals are always made afresh (they cost nothing)."""
        return None

    def seal(self, request: ProofRequest) -> bytes:
        """The mock seal of the request's claim."""
        return MockSeal(MOCK_SELECTOR, request.claim_digest).encode()

    def verifier(self) -> VerifierSpec:
        """The mock verifier."""
        return VerifierSpec(MOCK_SELECTOR)


@dataclass(frozen=True)
class ReplaySource:
    """Seals read from a directory of receipt files, found by claim digest."""

    directory: Path
    seals: dict[bytes, bytes] = field(repr=False, compare=False, hash=False)
    name: str = "replay"

    @classmethod
    def load(cls, directory: Path) -> ReplaySource:
        """Read every ``*.json`` receipt file in ``directory``."""
        if not directory.is_dir():
            raise UsageError(f"replay directory {directory} does not exist")
        seals = read_seals(directory)
        if not seals:
            raise UsageError(f"replay directory {directory} holds no receipt files")
        return cls(directory, seals)

    def recorded(self, request: ProofRequest) -> bytes | None:
        """The recorded seal for the request's claim."""
        return self.seals.get(request.claim_digest)

    def seal(self, request: ProofRequest) -> bytes:
        """Asked only for a claim with no recorded seal: a replay cannot prove anything new."""
        where = f" (batches {request.batches[0]}..{request.batches[1]})" if request.batches else ""
        raise ProverError(
            f"{self.directory} has no receipt for the {request.kind} claim "
            f"0x{request.claim_digest.hex()}{where}; was it recorded with the same scenario?"
        )

    def verifier(self) -> VerifierSpec:
        """The verifier of the recorded seals (they must all share one selector)."""
        selectors = {seal[:4] for seal in self.seals.values()}
        if len(selectors) != 1:
            listed = ", ".join("0x" + s.hex() for s in sorted(selectors))
            raise UsageError(f"{self.directory} mixes seals for several verifiers: {listed}")
        return verifier_for_selector(selectors.pop())


def read_seals(directory: Path) -> dict[bytes, bytes]:
    """The seals of every receipt file in ``directory``, by claim digest."""
    seals = {}
    for path in sorted(directory.glob("*.json")):
        receipt = read_receipt(path)
        seals[receipt.request.claim_digest] = receipt.seal
    return seals


SOURCES = ("synthetic", "mock", "replay:DIR", "external:CMD")


def seal_source(spec: str) -> SyntheticSource | MockSource | ReplaySource | ExternalSource:
    """The seal source named by a ``--prover`` value."""
    if spec == "synthetic":
        return SyntheticSource()
    if spec == "mock":
        return MockSource()
    if spec.startswith("replay:") and len(spec) > len("replay:"):
        return ReplaySource.load(Path(spec.removeprefix("replay:")))
    if spec.startswith("external:"):
        # Imported here: the external source builds on this module's verifier lookup.
        from harness.provers.external import ExternalSource

        return ExternalSource.start(spec.removeprefix("external:"))
    raise UsageError(f"unknown prover {spec!r}; choose one of {', '.join(SOURCES)}")
