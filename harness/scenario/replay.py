"""Verify real RISC Zero receipts on chain, through router → emergency stop → verifier.

For every selector the receipts carry, the matching release's Groth16 verifier (or a set
verifier) is deployed behind the router; each receipt is then verified with
``verify(seal, imageId, journalDigest)`` sent as a transaction, so its gas is a mined receipt's.
Each receipt is also checked in Python first (the same pairing equation, with py_ecc).

Every corpus entry gets a verdict: *verified* (the router accepted it), *failed* (the transaction
reverted) or *rejected* (never sent: the entry could not be read, or no verifier the harness
knows has its selector).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from harness.chain.base import Chain, Reverted
from harness.common.errors import HarnessError, ReceiptError
from harness.onchain.stack import Recorder, VerifierStack, deploy_router
from harness.risc0.groth16 import verify_receipt
from harness.risc0.params import SetVerifierParams, VerifierParams, VersionTable, load_versions
from harness.risc0.receipts import (
    CorpusEntry,
    Receipt,
    RejectedEntry,
    SetInclusionReceipt,
)
from harness.risc0.seal import SetInclusionSeal
from harness.risc0.set_verifier import verify_set_inclusion
from harness.toolchain.solc import Artifact, project_artifacts

VERIFIED, FAILED, REJECTED = "verified", "failed", "rejected"


@dataclass(frozen=True)
class ReplayResult:
    """What happened to one corpus entry, in Python and on chain.

    ``verdict`` is :data:`VERIFIED`, :data:`FAILED` (reverted on chain; ``error`` is the decoded
    revert) or :data:`REJECTED` (never sent; ``error`` says why).
    """

    id: str
    selector: bytes | None
    version: str
    verdict: str
    gas_used: int | None
    error: str | None
    python_verified: bool | None

    @property
    def verified(self) -> bool:
        """Whether the router accepted the receipt."""
        return self.verdict == VERIFIED

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of the result."""
        return {
            "id": self.id,
            "selector": "0x" + self.selector.hex() if self.selector is not None else None,
            "version": self.version,
            "verdict": self.verdict,
            "verified": self.verified,
            "gas_used": self.gas_used,
            "error": self.error,
        }


def _selector(receipt: Receipt) -> bytes:
    return receipt.seal[:4]


def _version(versions: VersionTable, receipt: Receipt) -> str:
    if isinstance(receipt, SetInclusionReceipt):
        return "set " + versions.set_verifier_by_selector(receipt.set_verifier_selector).version
    return versions.by_selector(_selector(receipt)).version


def _needed(
    versions: VersionTable, receipt: Receipt
) -> tuple[VerifierParams | SetVerifierParams, ...]:
    """The verifiers ``receipt`` needs behind the router (for a set-inclusion receipt with a
    root seal, the root seal's too); ReceiptError if the harness knows none for a selector."""
    if isinstance(receipt, SetInclusionReceipt):
        params = versions.set_verifier_by_selector(receipt.set_verifier_selector)
        root_seal = _root_seal(receipt)
        return (params, versions.by_selector(root_seal[:4])) if root_seal else (params,)
    return (versions.by_selector(_selector(receipt)),)


def deploy_for(
    chain: Chain,
    receipts: Iterable[Receipt],
    *,
    verifier_artifact: Artifact | None = None,
    record: Recorder | None = None,
) -> VerifierStack:
    """Deploy a router with a verifier for every selector the receipts need."""
    versions = load_versions()
    stack = deploy_router(chain, project_artifacts(), record)
    for receipt in receipts:
        for params in _needed(versions, receipt):
            if isinstance(params, SetVerifierParams):
                stack.add_set_verifier(params.set_builder_image_id)
            else:
                stack.add_groth16(params, artifact=verifier_artifact)
    return stack


def _root_seal(receipt: SetInclusionReceipt) -> bytes:
    return SetInclusionSeal.decode(receipt.seal).root_seal


def screen(entries: Iterable[CorpusEntry]) -> list[Receipt | ReplayResult]:
    """Each entry as a receipt to replay, or, when it cannot be sent, as its rejected verdict:
    an entry the corpus reader rejected, or a receipt no known verifier has the selector of."""
    versions = load_versions()
    screened: list[Receipt | ReplayResult] = []
    for entry in entries:
        if isinstance(entry, RejectedEntry):
            screened.append(ReplayResult(entry.id, None, "-", REJECTED, None, entry.message, None))
            continue
        try:
            _needed(versions, entry)
        except ReceiptError as exc:
            screened.append(
                ReplayResult(entry.id, _selector(entry), "unknown", REJECTED, None, str(exc), None)
            )
            continue
        screened.append(entry)
    return screened


def python_check(receipt: Receipt, versions: VersionTable) -> None:
    """Verify ``receipt`` in Python as the contracts would; raises ReceiptError if it fails."""
    if isinstance(receipt, SetInclusionReceipt):
        verify_set_inclusion(
            versions.set_verifier_by_selector(receipt.set_verifier_selector),
            receipt.seal,
            receipt.claim_digest,
            root_verifiers=versions.groth16,
        )
    else:
        verify_receipt(
            versions.by_selector(_selector(receipt)),
            receipt.seal,
            receipt.image_id,
            receipt.journal_digest,
        )


def replay_receipt(
    stack: VerifierStack, receipt: Receipt, *, check_in_python: bool = True
) -> ReplayResult:
    """Verify one receipt through the router as a mined transaction."""
    versions = load_versions()
    python_ok = None
    if check_in_python:
        try:
            python_check(receipt, versions)
            python_ok = True
        except HarnessError:
            python_ok = False
    gas_used, error = None, None
    try:
        tx = stack.send(
            stack.router,
            "verify",
            receipt.seal,
            receipt.image_id,
            receipt.journal_digest,
            kind="verify",
            label=f"verify({receipt.id})",
        )
        gas_used = tx.gas_used
    except Reverted as exc:
        error = str(exc.error)
        gas_used = exc.tx.gas_used if exc.tx is not None else None
    try:
        version = _version(versions, receipt)
    except HarnessError:
        version = "unknown"
    verdict = VERIFIED if error is None else FAILED
    return ReplayResult(
        receipt.id, _selector(receipt), version, verdict, gas_used, error, python_ok
    )
