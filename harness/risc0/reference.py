"""The real RISC Zero receipts shipped with the harness, which measure one verification.

``harness/data/risc0_reference_receipts.json`` is a small receipt corpus: the Groth16 test
receipt of RISC Zero's 3.0 release (``TestReceiptV3_0`` in risc0-ethereum, commit 28a3b2ce) and
the 0.7 set verifier's set-inclusion test receipt, whose root seal is a 3.0 Groth16 seal. The gas
gate, the sweep's verify probes and ``bench gas`` all read it through this module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from harness.common.errors import ReceiptError
from harness.risc0.params import load_versions
from harness.risc0.receipts import (
    Groth16Receipt,
    ReceiptCorpus,
    SetInclusionReceipt,
    read_corpus,
)

REFERENCE_RECEIPTS = (
    Path(__file__).resolve().parent.parent / "data" / "risc0_reference_receipts.json"
)
#: The RISC Zero release whose Groth16 receipt the harness verifies to measure one verification.
REFERENCE_VERSION = "3.0"


@cache
def reference_receipts() -> ReceiptCorpus:
    """Every shipped reference receipt (read once)."""
    return read_corpus(REFERENCE_RECEIPTS)


def reference_groth16(version: str = REFERENCE_VERSION) -> Groth16Receipt:
    """The shipped Groth16 receipt of RISC Zero ``version``."""
    wanted = load_versions().by_version(version).id
    for receipt in reference_receipts().groth16:
        if receipt.verifier_id == wanted:
            return receipt
    raise ReceiptError(f"{REFERENCE_RECEIPTS} holds no Groth16 receipt of RISC Zero {version}")


def reference_set_inclusion() -> SetInclusionReceipt:
    """The shipped set-inclusion receipt."""
    receipts = reference_receipts().set_inclusion
    if not receipts:
        raise ReceiptError(f"{REFERENCE_RECEIPTS} holds no set-inclusion receipt")
    return receipts[0]
