"""The five public inputs of a RISC Zero Groth16 proof.

The inputs are, in order: the low and high halves of the control root, the low and high halves
of the claim digest, and the BN254 control id read as a big-endian integer. A digest is split by
reading bytes ``[0:16)`` and ``[16:32)`` each as a little-endian integer.
"""

from __future__ import annotations

from harness.risc0.digests import require_digest

PublicInputs = tuple[int, int, int, int, int]


def split_digest(digest: bytes) -> tuple[int, int]:
    """Split a digest into two 128-bit public inputs: (low half, high half) of its byte reversal."""
    value = int.from_bytes(require_digest(digest, "digest"), "little")
    return value & ((1 << 128) - 1), value >> 128


def public_inputs(
    control_root: bytes, bn254_control_id: bytes, claim_digest: bytes
) -> PublicInputs:
    """The five Groth16 public inputs for ``claim_digest`` under a control root and BN254 id.

    ``bn254_control_id`` is in Solidity (``ControlID.sol``) byte order.
    """
    root0, root1 = split_digest(control_root)
    claim0, claim1 = split_digest(claim_digest)
    bn254_id = int.from_bytes(require_digest(bn254_control_id, "BN254 control id"), "big")
    return root0, root1, claim0, claim1, bn254_id
