"""Parsing shared by several commands: proof-count lists and output directories."""

from __future__ import annotations

import time
from pathlib import Path

from harness.common.errors import UsageError


def parse_counts(
    text: str, option: str = "--proofs", count: str = "proof count", unit: str = "proofs"
) -> list[int]:
    """Whole numbers from ``option`` (``--proofs`` unless named): one integer or a
    comma-separated list of them; errors name ``option`` and call each number a ``count``
    of ``unit``."""
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise UsageError(f"{option} needs a {count} or a comma-separated list, e.g. 6,150,800")
    counts = []
    for item in items:
        if not item:
            raise UsageError(f"{option} {text!r} has an empty entry; separate them by one comma")
        try:
            counts.append(int(item))
        except ValueError:
            raise UsageError(f"{option}: {item!r} is not a whole number of {unit}") from None
    return counts


def timestamped_out_dir(parent: str) -> Path:
    """``<parent>/<UTC timestamp>/``: a command's default output directory."""
    return Path(parent) / time.strftime("%Y%m%d-%H%M%S", time.gmtime())
