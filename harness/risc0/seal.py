"""Seal encodings: Groth16 (260 bytes), mock/dev-mode (36 bytes) and set inclusion (ABI).

Every seal starts with the 4-byte selector that routes it to a verifier.

* Groth16: ``selector || A.x, A.y, B.x_imag, B.x_real, B.y_imag, B.y_real, C.x, C.y``, eight
  big-endian 32-byte words (``abi.encode(uint256[2], uint256[2][2], uint256[2])``).
* Mock: ``selector || claim digest``, accepted by the dev-mode verifier without any proof.
* Set inclusion: ``selector || abi.encode((bytes32[] path, bytes rootSeal))``; a bare selector
  stands for an empty path and no root seal.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.bn254.curve import G1Affine, G2Affine
from harness.common.errors import ReceiptError
from harness.risc0.digests import DIGEST_SIZE, require_digest
from harness.risc0.params import SELECTOR_SIZE

_WORD = 32
_PROOF_WORDS = 8
GROTH16_SEAL_SIZE = SELECTOR_SIZE + _PROOF_WORDS * _WORD
MOCK_SEAL_SIZE = SELECTOR_SIZE + DIGEST_SIZE
_SET_SEAL_ABI = "(bytes32[],bytes)"


def _require_selector(selector: bytes) -> None:
    if not isinstance(selector, bytes | bytearray) or len(selector) != SELECTOR_SIZE:
        raise ReceiptError(f"a seal selector must be {SELECTOR_SIZE} bytes")


def _require_size(data: bytes, size: int, what: str) -> None:
    if len(data) != size:
        raise ReceiptError(f"{what} must be {size} bytes, got {len(data)}")


@dataclass(frozen=True)
class Groth16Seal:
    """A Groth16 seal: selector and proof points; G2 point ``b`` is imaginary-first."""

    selector: bytes
    a: G1Affine
    b: G2Affine
    c: G1Affine

    def __post_init__(self) -> None:
        _require_selector(self.selector)
        if not all(0 <= word < 1 << 256 for word in self.words):
            raise ReceiptError("Groth16 seal words must be unsigned 256-bit integers")

    @property
    def words(self) -> tuple[int, ...]:
        """The eight proof words in seal order."""
        return (*self.a, *self.b, *self.c)

    def encode(self) -> bytes:
        """The 260-byte seal."""
        return self.selector + b"".join(word.to_bytes(_WORD, "big") for word in self.words)

    @classmethod
    def decode(cls, data: bytes) -> Groth16Seal:
        """Parse a 260-byte seal; the words are not range-checked, as the ABI decoder does not."""
        _require_size(data, GROTH16_SEAL_SIZE, "a Groth16 seal (4-byte selector + 8 words)")
        words = [
            int.from_bytes(data[offset : offset + _WORD], "big")
            for offset in range(SELECTOR_SIZE, GROTH16_SEAL_SIZE, _WORD)
        ]
        return cls(
            selector=bytes(data[:SELECTOR_SIZE]),
            a=(words[0], words[1]),
            b=(words[2], words[3], words[4], words[5]),
            c=(words[6], words[7]),
        )


@dataclass(frozen=True)
class MockSeal:
    """A dev-mode seal: the claim digest in the clear, accepted without a proof."""

    selector: bytes
    claim_digest: bytes

    def __post_init__(self) -> None:
        _require_selector(self.selector)
        require_digest(self.claim_digest, "mock seal claim digest")

    def encode(self) -> bytes:
        """The 36-byte seal."""
        return self.selector + self.claim_digest

    @classmethod
    def decode(cls, data: bytes) -> MockSeal:
        """Parse a 36-byte seal."""
        _require_size(data, MOCK_SEAL_SIZE, "a mock seal (4-byte selector + claim digest)")
        return cls(bytes(data[:SELECTOR_SIZE]), bytes(data[SELECTOR_SIZE:]))


@dataclass(frozen=True)
class SetInclusionSeal:
    """A set-inclusion seal: the Merkle path from the claim's leaf and, optionally, a Groth16
    seal of the root (empty when the root was submitted to the set verifier beforehand)."""

    selector: bytes
    path: tuple[bytes, ...]
    root_seal: bytes = b""

    def __post_init__(self) -> None:
        _require_selector(self.selector)
        for sibling in self.path:
            require_digest(sibling, "Merkle path node")

    def encode(self) -> bytes:
        """``selector || abi.encode((bytes32[] path, bytes rootSeal))``."""
        from eth_abi import encode  # set seals only: a Groth16 prover starts without eth_abi

        return self.selector + encode([_SET_SEAL_ABI], [(list(self.path), self.root_seal)])

    @classmethod
    def decode(cls, data: bytes) -> SetInclusionSeal:
        """Parse a set-inclusion seal; exactly 4 bytes mean an empty path and no root seal."""
        if len(data) < SELECTOR_SIZE:
            raise ReceiptError(
                f"a set-inclusion seal needs a 4-byte selector, got {len(data)} bytes"
            )
        selector = bytes(data[:SELECTOR_SIZE])
        if len(data) == SELECTOR_SIZE:
            return cls(selector, ())
        from eth_abi import decode
        from eth_abi.exceptions import DecodingError

        try:
            ((path, root_seal),) = decode([_SET_SEAL_ABI], bytes(data[SELECTOR_SIZE:]))
        except (DecodingError, OverflowError) as exc:
            raise ReceiptError(f"set-inclusion seal is not valid ABI: {exc}") from None
        seal = cls(selector, tuple(path), root_seal)
        if seal.encode() != bytes(data):
            raise ReceiptError("set-inclusion seal is not in the canonical ABI encoding")
        return seal
