"""Published gas figures for a RISC Zero verification, set beside what the sweep measures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedFigure:
    """A figure someone published, what exactly it counts, and where it comes from."""

    gas: int
    counts: str
    source: str


#: The Groth16 check alone (execution, no transaction costs): MODEL.md's "~215K".
BARE_CHECK_EXECUTION = PublishedFigure(
    215_000, "execution of the bare Groth16 check", "RISC Zero (approximate)"
)
#: A ``verify()`` transaction through RISC Zero's router, on Sepolia: MODEL.md's "~316K".
ROUTED_TX_SEPOLIA = PublishedFigure(
    316_000, "routed verify() transaction", "RISC Zero on Sepolia (approximate)"
)
#: RISC Zero's own contracts on anvil (prague), verifying the 3.0 test receipt.
BARE_TX_ANVIL = PublishedFigure(
    250_164, "bare verify() transaction, 3.0 receipt", "RISC Zero's contracts on anvil prague"
)
ROUTED_TX_ANVIL = PublishedFigure(
    261_797, "routed verify() transaction, 3.0 receipt", "RISC Zero's contracts on anvil prague"
)
