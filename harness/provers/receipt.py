"""The one receipt-file format the harness writes and reads.

A receipt file is a JSON object::

    {"format": "rollup-harness/receipt@1", "prover": "synthetic", "kind": "batch",
     "batches": [1, 1], "image_id": "0x…", "journal": "0x…", "claim_digest": "0x…",
     "selector": "0x…", "seal": "0x…"}

``kind`` is ``batch``, ``aggregator`` or ``set-root``; ``batches`` is the range the journal
covers (null for a set root). Files are named ``<claim digest hex>.json``, so a replay finds a
receipt by the claim it needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.claims.request import KINDS, ProofRequest, parse_batches
from harness.common.errors import ReceiptError
from harness.common.files import atomic_write_text
from harness.common.hexcodec import from_hex, to_hex
from harness.common.jsonfields import problem, read_json_file

FORMAT = "rollup-harness/receipt@1"


@dataclass(frozen=True)
class ProvenReceipt:
    """A seal for a request, as a verifier on chain will see it."""

    request: ProofRequest
    prover: str
    seal: bytes

    @property
    def selector(self) -> bytes:
        """The verifier selector the seal starts with."""
        return self.seal[:4]

    def to_json(self) -> dict[str, Any]:
        """The receipt-file object."""
        return {
            "format": FORMAT,
            "prover": self.prover,
            "kind": self.request.kind,
            "batches": list(self.request.batches) if self.request.batches else None,
            "image_id": to_hex(self.request.image_id),
            "journal": to_hex(self.request.journal),
            "claim_digest": to_hex(self.request.claim_digest),
            "selector": to_hex(self.selector),
            "seal": to_hex(self.seal),
        }

    @classmethod
    def from_json(cls, data: Any, *, origin: str) -> ProvenReceipt:
        """Parse a receipt-file object; ``origin`` names it in errors."""
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
            if data["kind"] not in KINDS:
                raise ValueError(f"kind {data['kind']!r} is not one of {', '.join(KINDS)}")
            if not isinstance(data["prover"], str):
                raise ValueError("prover must be a string")
            request = ProofRequest(
                kind=data["kind"],
                image_id=from_hex(data["image_id"], 32),
                journal=from_hex(data["journal"]),
                batches=parse_batches(data["batches"], data["kind"]),
            )
            receipt = cls(request, data["prover"], from_hex(data["seal"]))
            if from_hex(data["claim_digest"], 32) != request.claim_digest:
                raise ValueError("claim_digest does not match image_id and journal")
            if len(receipt.seal) < 4 or from_hex(data["selector"], 4) != receipt.selector:
                raise ValueError("selector does not match the seal's first 4 bytes")
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
            detail = problem(exc)
            raise ReceiptError(f"{origin}: not a harness receipt ({detail})") from None
        return receipt


def receipt_path(directory: Path, claim_digest: bytes) -> Path:
    """Where the receipt for ``claim_digest`` lives in a receipts directory."""
    return directory / f"{claim_digest.hex()}.json"


def write_receipt(directory: Path, receipt: ProvenReceipt, *, durable: bool = True) -> Path:
    """Write ``receipt`` into ``directory`` (atomically; fsynced if ``durable``, see
    :func:`~harness.common.files.atomic_write_text`) and return its path."""
    path = receipt_path(directory, receipt.request.claim_digest)
    atomic_write_text(path, json.dumps(receipt.to_json(), indent=1) + "\n", durable=durable)
    return path


def read_receipt(path: Path) -> ProvenReceipt:
    """Read one receipt file."""
    data = read_json_file(path, "receipt", ReceiptError)
    return ProvenReceipt.from_json(data, origin=str(path))


def write_new_receipts(
    directory: Path, receipts: Iterable[ProvenReceipt], *, durable: bool = True
) -> None:
    """Write each receipt whose claim has no file in ``directory`` yet (created if need be).

    A file, once there, is kept: it holds a seal for its claim, and the seal a transaction
    already carried is the one a resumed run must send again. Files are complete once renamed
    into place; a ``durable`` one survives a power loss, another may then be missing or empty,
    which only suits a directory nothing resumes from.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for receipt in receipts:
        if not receipt_path(directory, receipt.request.claim_digest).exists():
            write_receipt(directory, receipt, durable=durable)
