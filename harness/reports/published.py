"""Gas figures for a RISC Zero verification from outside this project, set beside what it measures.

Two kinds, kept apart by their ``source``:

* Published figures, quoted in RISC Zero's documentation (risc0/risc0,
  ``website/api/blockchain-integration/contracts/verifier.md``, commit 90172f93, 2024-09-16):
  "around 215k gas" for the Groth16 ``verifyProof`` check and "~316k gas" for a ``verify()``
  transaction through the router on Sepolia (so with its base gas and calldata).
* Reference figures for RISC Zero's own contracts (v3.0 release, built with their settings:
  solc 0.8.26, via-IR, 10,000 optimizer runs, cancun; run on ``anvil --hardfork prague``,
  measured as mined transactions); given to this project as reference values. ``replay
  --stack-artifacts`` reproduces them from a user's build of those contracts; this project
  cannot build them itself (their sources are not part of it).
"""

from __future__ import annotations

from dataclasses import dataclass

_DOCS = "RISC Zero's verifier documentation, approximate"
_REFERENCE = "RISC Zero's 3.0 contracts on anvil prague (reference value)"


@dataclass(frozen=True)
class PublishedFigure:
    """A figure from outside the project, what exactly it counts, and (briefly, for a table
    cell) where it comes from."""

    gas: int
    counts: str
    source: str


#: The Groth16 check alone (execution, no transaction costs): "around 215k gas".
BARE_CHECK_EXECUTION = PublishedFigure(215_000, "execution of the bare Groth16 check", _DOCS)
#: A ``verify()`` transaction through RISC Zero's router, on Sepolia: "~316k gas".
ROUTED_TX_SEPOLIA = PublishedFigure(316_000, "routed verify() transaction on Sepolia", _DOCS)

#: ``verify`` sent straight to the Groth16 verifier, with the 3.0 test receipt.
BARE_TX_ANVIL = PublishedFigure(250_164, "bare verify() transaction, 3.0 receipt", _REFERENCE)
#: ``verify`` through router → emergency stop → Groth16 verifier, with the 3.0 test receipt.
ROUTED_TX_ANVIL = PublishedFigure(261_797, "routed verify() transaction, 3.0 receipt", _REFERENCE)
#: ``submitMerkleRoot`` on the set verifier, the root's Groth16 seal checked via the router.
SUBMIT_ROOT_TX_ANVIL = PublishedFigure(
    291_634, "submitMerkleRoot() transaction, root seal via the router", _REFERENCE
)
#: An inclusion ``verify`` against a cached root (path of depth 0) with the 4-byte seal (the
#: selector alone), through router → emergency stop → set verifier, as deployed on mainnet.
CACHED_INCLUSION_TX_ANVIL = PublishedFigure(
    39_596,
    "inclusion verify() transaction, cached root, depth 0, 4-byte seal, router → estop → "
    "set verifier",
    _REFERENCE,
)
#: The same inclusion through router → set verifier, without an emergency stop.
CACHED_INCLUSION_NO_ESTOP_TX_ANVIL = PublishedFigure(
    33_917,
    "inclusion verify() transaction, cached root, depth 0, 4-byte seal, router → set verifier",
    _REFERENCE,
)
#: The same without an emergency stop, the seal written as the selector followed by the
#: ABI-encoded empty set-inclusion seal (164 bytes instead of 4).
CACHED_INCLUSION_NO_ESTOP_ENCODED_SEAL_TX_ANVIL = PublishedFigure(
    35_544,
    "inclusion verify() transaction, cached root, depth 0, 164-byte encoded empty seal, "
    "router → set verifier",
    _REFERENCE,
)

#: How this project's Groth16 path compares with RISC Zero's on real receipts, for every
#: place that sets verification gas beside the model's 300K.
GROTH16_PATH_NOTE = (
    "this project's Groth16 verification path costs about 2 % less gas than RISC Zero's own "
    "contracts on the same real receipt (2.05 % less than theirs on each of 28 real receipts "
    "measured against their build), so verification gas here is that much below production's"
)


def routing_reference() -> int:
    """Gas of RISC Zero's router and emergency stop frames around their Groth16 verifier: the
    routed ``verify`` less the bare one (same calldata, so the intrinsic cost cancels)."""
    return ROUTED_TX_ANVIL.gas - BARE_TX_ANVIL.gas
