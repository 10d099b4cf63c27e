"""Seals a run already made, handed back before anything is proved again."""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.claims.request import ProofRequest
from harness.provers.pool import SealSource, prepare_shared
from harness.provers.verifiers import VerifierSpec


@dataclass(frozen=True)
class RecordedFirst:
    """A seal source that returns the seals a run already recorded, and proves the rest."""

    source: SealSource
    seals: dict[bytes, bytes] = field(repr=False, compare=False, hash=False)

    @property
    def name(self) -> str:
        """The underlying prover's name (the recorded seals are its own)."""
        return self.source.name

    def recorded(self, request: ProofRequest) -> bytes | None:
        """The seal this run already made for the request's claim, if any."""
        return self.seals.get(request.claim_digest) or self.source.recorded(request)

    def seal(self, request: ProofRequest) -> bytes:
        """A new seal from the underlying prover."""
        return self.source.seal(request)

    def prepare_workers(self) -> None:
        """What the underlying prover builds for a pool's workers, if anything."""
        prepare_shared(self.source)

    def verifier(self) -> VerifierSpec:
        """The underlying prover's verifier."""
        return self.source.verifier()  # type: ignore[attr-defined]
