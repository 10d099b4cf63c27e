"""RISC Zero structured ("tagged") hashing and receipt-claim digests.

A struct is hashed as ``H(H(tag) || down digests || u32le data words || u16le(len(down)))`` with
H = SHA-256; a list is a cons-list of such structs built from the back. The claim a Groth16 proof
attests to is a ``risc0.ReceiptClaim`` whose digests go into the hash in the order
``input, pre, post, output`` (not the struct's field order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from harness.common.errors import ReceiptError

DIGEST_SIZE = 32
ZERO_DIGEST = bytes(DIGEST_SIZE)

RECEIPT_CLAIM_TAG = "risc0.ReceiptClaim"
OUTPUT_TAG = "risc0.Output"
SYSTEM_STATE_TAG = "risc0.SystemState"

SYSTEM_STATE_ZERO_DIGEST = bytes.fromhex(
    "a3acc27117418996340b84e5a90f3ef4c49d22c79e44aad822ec9c313e1eb8e2"
)
"""Digest of the all-zero SystemState (pc 0, zero Merkle root): the post state of a halted run."""

_U32_LIMIT = 1 << 32


def sha256(data: bytes) -> bytes:
    """Return the SHA-256 digest of ``data``."""
    return hashlib.sha256(data).digest()


def require_digest(value: bytes, name: str) -> bytes:
    """Return ``value`` if it is a 32-byte digest, else raise :class:`ReceiptError` naming it."""
    if not isinstance(value, bytes | bytearray) or len(value) != DIGEST_SIZE:
        size = len(value) if isinstance(value, bytes | bytearray) else type(value).__name__
        raise ReceiptError(f"{name} must be a {DIGEST_SIZE}-byte digest, got {size}")
    return bytes(value)


def tag_digest(tag: str) -> bytes:
    """Return ``H(tag)``, the digest that opens every struct hash with that tag."""
    return sha256(tag.encode("ascii"))


def tagged_struct(tag: str, down: Sequence[bytes], data: Sequence[int] = ()) -> bytes:
    """Hash a struct with sub-digests ``down`` and 32-bit ``data`` words under ``tag``."""
    parts = [tag_digest(tag)]
    parts.extend(require_digest(digest, f"{tag} field") for digest in down)
    for word in data:
        if not 0 <= word < _U32_LIMIT:
            raise ReceiptError(f"{tag} data word {word} does not fit in 32 bits")
        parts.append(word.to_bytes(4, "little"))
    parts.append(len(down).to_bytes(2, "little"))
    return sha256(b"".join(parts))


def tagged_list(tag: str, items: Sequence[bytes]) -> bytes:
    """Hash ``items`` as a cons-list under ``tag``; the empty list hashes to 32 zero bytes."""
    acc = ZERO_DIGEST
    for item in reversed(items):
        acc = tagged_struct(tag, [item, acc])
    return acc


def system_state_digest(pc: int, merkle_root: bytes) -> bytes:
    """Digest of a ``risc0.SystemState`` (program counter and memory Merkle root)."""
    return tagged_struct(SYSTEM_STATE_TAG, [merkle_root], [pc])


def journal_digest(journal: bytes) -> bytes:
    """Digest of a guest's journal: the SHA-256 of its bytes."""
    return sha256(journal)


def output_digest(journal_digest: bytes, assumptions_digest: bytes = ZERO_DIGEST) -> bytes:
    """Digest of a ``risc0.Output``; the default assumptions digest is the empty list's."""
    return tagged_struct(OUTPUT_TAG, [journal_digest, assumptions_digest])


@dataclass(frozen=True)
class ExitCode:
    """A zkVM exit code: the system code (Halted 0, Paused 1, SystemSplit 2) and a user code."""

    system: int
    user: int


HALTED_OK = ExitCode(system=0, user=0)


@dataclass(frozen=True)
class ReceiptClaim:
    """What a receipt attests to: a run from ``pre`` to ``post`` with an exit code and output."""

    pre: bytes
    post: bytes
    exit_code: ExitCode
    input: bytes
    output: bytes

    def digest(self) -> bytes:
        """The claim digest, with digests in hash order ``input, pre, post, output``."""
        return tagged_struct(
            RECEIPT_CLAIM_TAG,
            [self.input, self.pre, self.post, self.output],
            [self.exit_code.system, self.exit_code.user],
        )


def ok_claim(image_id: bytes, journal_digest: bytes) -> ReceiptClaim:
    """The claim ``verify(seal, imageId, journalDigest)`` checks: a halted, successful run."""
    return ReceiptClaim(
        pre=require_digest(image_id, "image id"),
        post=SYSTEM_STATE_ZERO_DIGEST,
        exit_code=HALTED_OK,
        input=ZERO_DIGEST,
        output=output_digest(require_digest(journal_digest, "journal digest")),
    )


def ok_claim_digest(image_id: bytes, journal_digest: bytes) -> bytes:
    """Digest of :func:`ok_claim`, as the on-chain ``verify`` computes it."""
    return ok_claim(image_id, journal_digest).digest()
