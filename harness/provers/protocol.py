"""The messages between the harness and an external prover, for both sides of the exchange.

:mod:`harness.provers.external` runs the prover command and checks its answers; a prover written
in Python reads its request and writes its describe answer with this module, which imports
nothing heavier than the request's own digests (a command starts once per request).
"""

from __future__ import annotations

from typing import Any

from harness.claims.request import KINDS, ProofRequest, parse_batches
from harness.common.errors import ProverError
from harness.common.hexcodec import from_hex, to_hex
from harness.common.jsonfields import problem

REQUEST_FORMAT = "rollup-harness/proof-request@1"
#: The ``kind`` of the request that asks a prover which verifier its seals are for.
DESCRIBE = "describe"
_MESSAGE_LIMIT = 200


def shorten(text: str, limit: int = _MESSAGE_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def request_message(request: ProofRequest) -> dict[str, Any]:
    """The JSON object sent to an external prover for ``request``."""
    return {"format": REQUEST_FORMAT, **request.to_json()}


def describe_message() -> dict[str, Any]:
    """The JSON object that asks an external prover which verifier its seals are for."""
    return {"format": REQUEST_FORMAT, "kind": DESCRIBE}


def describe_reply(selector: bytes) -> dict[str, Any]:
    """A prover's answer to the describe request: the selector its seals carry."""
    return {"selector": to_hex(selector)}


def parse_request(message: Any) -> ProofRequest | None:
    """The proof request in a request object, or ``None`` for the describe request.

    For prover authors: every digest the object states is checked against the image id and
    journal, so a prover can trust ``claim_digest``. Raises :class:`ProverError` if malformed.
    """
    try:
        if message.get("format") != REQUEST_FORMAT:
            raise ValueError(f"format is {message.get('format')!r}, expected {REQUEST_FORMAT!r}")
        kind = message["kind"]
        if kind == DESCRIBE:
            return None
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {DESCRIBE}, {', '.join(KINDS)}")
        children = message["children"]
        if not isinstance(children, list):
            raise ValueError("children must be a list")
        request = ProofRequest(
            kind=kind,
            image_id=from_hex(message["image_id"], 32),
            journal=from_hex(message["journal"]),
            batches=parse_batches(message["batches"], kind),
            children=tuple(from_hex(child, 32) for child in children),
        )
        if from_hex(message["journal_digest"], 32) != request.journal_digest:
            raise ValueError("journal_digest is not the SHA-256 of journal")
        if from_hex(message["claim_digest"], 32) != request.claim_digest:
            raise ValueError("claim_digest does not match image_id and journal")
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        detail = problem(exc)
        raise ProverError(f"not a rollup-harness proof request ({shorten(detail)})") from None
    return request
