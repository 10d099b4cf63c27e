"""Parsing shared by several commands: proof-count lists and output directories."""

from __future__ import annotations

import time
from pathlib import Path

from harness.common.errors import UsageError


def parse_proof_counts(text: str) -> list[int]:
    """Proof counts from ``--proofs``: one integer or a comma-separated list of them."""
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise UsageError("--proofs needs a proof count or a comma-separated list, e.g. 6,150,800")
    counts = []
    for item in items:
        if not item:
            raise UsageError(f"--proofs {text!r} has an empty entry; separate counts by one comma")
        try:
            counts.append(int(item))
        except ValueError:
            raise UsageError(f"--proofs: {item!r} is not a whole number of proofs") from None
    return counts


def timestamped_out_dir(parent: str) -> Path:
    """``<parent>/<UTC timestamp>/``: a command's default output directory."""
    return Path(parent) / time.strftime("%Y%m%d-%H%M%S", time.gmtime())
