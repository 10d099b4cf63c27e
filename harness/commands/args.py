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


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` (it must be new or empty, so no earlier record is overwritten)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        if any(out.iterdir()):
            raise UsageError(f"output directory {out} is not empty; give a new --out")
        probe = out / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {out}: {exc.strerror}") from None
    return out
