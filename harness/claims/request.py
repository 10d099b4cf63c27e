"""A proof request: the claim that a program ran and committed a journal, as the provers get it.

``kind`` is ``batch`` (the batch program over one batch), ``aggregator`` (an aggregation node over
its children's contiguous range) or ``set-root`` (RISC Zero's set builder over a Merkle root).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from harness.common.hexcodec import to_hex
from harness.risc0.digests import journal_digest, ok_claim_digest

KINDS = ("batch", "aggregator", "set-root")


def parse_batches(value: Any, kind: str) -> tuple[int, int] | None:
    """The batch range of a ``kind`` request: ``[first, last]`` (1 <= first <= last) for a
    batch or aggregator, null for a set root; ValueError otherwise."""
    if kind == "set-root":
        if value is not None:
            raise ValueError("batches must be null for a set-root claim")
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(type(item) is int for item in value)
        and 1 <= value[0] <= value[1]
    ):
        raise ValueError(f"batches must be [first, last] with 1 <= first <= last, got {value!r}")
    return value[0], value[1]


@dataclass(frozen=True)
class ProofRequest:
    """A claim to prove: that ``image_id`` ran successfully and committed ``journal``.

    ``children`` are the claim digests an aggregation node verifies (empty for a leaf).
    """

    kind: str
    image_id: bytes
    journal: bytes
    batches: tuple[int, int] | None = None
    children: tuple[bytes, ...] = ()

    @property
    def journal_digest(self) -> bytes:
        """SHA-256 of the journal."""
        return journal_digest(self.journal)

    @cached_property
    def claim_digest(self) -> bytes:
        """The digest of the ok-claim a seal for this request attests to (computed once)."""
        return ok_claim_digest(self.image_id, self.journal_digest)

    def to_json(self) -> dict[str, Any]:
        """The request as sent to an external prover."""
        return {
            "kind": self.kind,
            "image_id": to_hex(self.image_id),
            "journal": to_hex(self.journal),
            "journal_digest": to_hex(self.journal_digest),
            "claim_digest": to_hex(self.claim_digest),
            "batches": list(self.batches) if self.batches else None,
            "children": [to_hex(c) for c in self.children],
        }
