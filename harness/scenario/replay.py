"""Verify real RISC Zero receipts on chain, through router → emergency stop → verifier.

For every selector the receipts carry, the matching release's Groth16 verifier (or a set
verifier) is deployed behind the router; each receipt is then verified with
``verify(seal, imageId, journalDigest)`` sent as a transaction, so its gas is a mined receipt's.
Each receipt is also checked in Python first (the same pairing equation, with py_ecc).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from harness.chain.base import Chain, Reverted
from harness.common.errors import HarnessError
from harness.onchain.stack import Recorder, VerifierStack, deploy_router
from harness.risc0.groth16 import verify_receipt
from harness.risc0.params import VersionTable, load_versions
from harness.risc0.receipts import Groth16Receipt, ReceiptCorpus, SetInclusionReceipt
from harness.risc0.seal import SetInclusionSeal
from harness.risc0.set_verifier import verify_set_inclusion
from harness.toolchain.solc import Artifact, project_artifacts

Receipt = Groth16Receipt | SetInclusionReceipt


@dataclass(frozen=True)
class ReplayResult:
    """What happened to one receipt, in Python and on chain."""

    id: str
    selector: bytes
    version: str
    verified: bool
    gas_used: int | None
    error: str | None
    python_verified: bool | None

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of the result."""
        return {
            "id": self.id,
            "selector": "0x" + self.selector.hex(),
            "version": self.version,
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
        if isinstance(receipt, SetInclusionReceipt):
            params = versions.set_verifier_by_selector(receipt.set_verifier_selector)
            stack.add_set_verifier(params.set_builder_image_id)
            root_seal = _root_seal(receipt)
            if root_seal:
                stack.add_groth16(versions.by_selector(root_seal[:4]), artifact=verifier_artifact)
        else:
            stack.add_groth16(versions.by_selector(_selector(receipt)), artifact=verifier_artifact)
    return stack


def _root_seal(receipt: SetInclusionReceipt) -> bytes:
    return SetInclusionSeal.decode(receipt.seal).root_seal


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
    return ReplayResult(
        receipt.id, _selector(receipt), version, error is None, gas_used, error, python_ok
    )


def corpus_receipts(corpora: Iterable[ReceiptCorpus]) -> list[Receipt]:
    """Every receipt of the corpora, Groth16 first, in file order."""
    receipts: list[Receipt] = []
    for corpus in corpora:
        receipts.extend(corpus.groth16)
        receipts.extend(corpus.set_inclusion)
    return receipts
