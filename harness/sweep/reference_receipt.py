"""A real RISC Zero 3.0 Groth16 receipt, sent to the verifiers to measure one verification.

It is the test receipt of RISC Zero's 3.0 release (``TestReceiptV3_0`` in risc0-ethereum,
commit 28a3b2ce), whose seal passes the release's Groth16 check; the sweep verifies it on a
verifier deployed with the 3.0 parameters, bare and through the router.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceReceipt:
    """A receipt as ``verify(seal, imageId, journalDigest)`` takes it, and its release."""

    version: str
    seal: bytes
    image_id: bytes
    journal_digest: bytes


RISC0_3_0_RECEIPT = ReferenceReceipt(
    version="3.0",
    seal=bytes.fromhex(
        "73c457ba2ccb718fd9092cc11546eeded62a44d3ed274076dd3ec154fae8739f"
        "3432050b2005be2c5dbe6c08bfd04b30601a462540962bc26a2f38c5cfc0a4d7"
        "6d8f1b8015e690a1b230081234867edeedb2f98bcdf33d0471c2aa5e8db63b72"
        "333f871527eb5d1fcf0a7af50fb8f42e8699e2c4eda3cd93f4e2a930096ae78e"
        "38bea4020c5c3d963dc453b4b302170e47c0cf53382255143c8fcef474d8b6ea"
        "aa8daaaf092c2f650809a3afbd122ef128cb882c2de7a6ccddd2e544b645fa3f"
        "edf6bcc92e09be04876a07778231fd5b93305d35fd8af23f040a11682a8c6413"
        "0370804f28f07a76fa538755276e42c04b5f7eb97b04b68b65fa50e3181a0452"
        "069a3667"
    ),
    image_id=bytes.fromhex("11d264ed8dfdee222b820f0278e4d7f55d4b69a5472253a471c102265a91ea1a"),
    journal_digest=bytes.fromhex(
        "3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be"
    ),
)
