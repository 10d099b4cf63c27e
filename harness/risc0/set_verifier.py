"""Set-inclusion receipt verification, as ``RiscZeroSetVerifier.verifyIntegrity`` does it.

The claim's leaf is folded up the seal's path to a root. If the seal carries a root seal, that
Groth16 seal must prove the set builder's journal for the root (the cache is not consulted);
otherwise the root must already have been submitted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from harness.common.errors import ReceiptError
from harness.common.hexcodec import to_hex
from harness.risc0.digests import require_digest, sha256
from harness.risc0.groth16 import verify_receipt
from harness.risc0.merkle import fold_path, leaf_hash, root_journal
from harness.risc0.params import SELECTOR_SIZE, SetVerifierParams, VerifierParams
from harness.risc0.seal import SetInclusionSeal


def verify_set_inclusion(
    set_params: SetVerifierParams,
    seal_bytes: bytes,
    claim_digest: bytes,
    *,
    root_verifiers: Sequence[VerifierParams],
    cached_roots: Collection[bytes] = frozenset(),
) -> bytes:
    """Verify a set-inclusion seal for ``claim_digest`` and return the Merkle root it reaches.

    ``root_verifiers`` plays the router behind the set verifier: a root seal is checked by the
    one whose selector it carries. ``cached_roots`` are the roots submitted beforehand.
    Raises :class:`ReceiptError` where the contract would revert.
    """
    seal = SetInclusionSeal.decode(seal_bytes)
    if seal.selector != set_params.selector:
        raise ReceiptError(
            f"selector mismatch: the seal carries {to_hex(seal.selector)}, "
            f"set verifier {set_params.version} expects {to_hex(set_params.selector)}"
        )
    root = fold_path(leaf_hash(require_digest(claim_digest, "claim digest")), seal.path)
    if not seal.root_seal:
        if root not in cached_roots:
            raise ReceiptError(
                f"Merkle root {to_hex(root)} was never submitted and the seal carries no root seal"
            )
        return root
    root_selector = seal.root_seal[:SELECTOR_SIZE]
    verifier = next((p for p in root_verifiers if root_selector in p.accepted_selectors), None)
    if verifier is None:
        raise ReceiptError(f"no verifier for the root seal's selector {to_hex(root_selector)}")
    journal = root_journal(set_params.set_builder_image_id, root)
    verify_receipt(verifier, seal.root_seal, set_params.set_builder_image_id, sha256(journal))
    return root
