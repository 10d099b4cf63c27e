"""The Solidity files the scripts generate for the forge tests, checked in the test's process."""

from __future__ import annotations

import runpy

from harness.common.paths import ROOT


def assert_up_to_date(script: str) -> None:
    """Assert that ``scripts/SCRIPT`` renders the text its ``OUTPUT`` file holds: what its
    ``--check`` does, without a process of its own that would import the harness again (and,
    for blobs, load the KZG setup again)."""
    namespace = runpy.run_path(str(ROOT / "scripts" / script))
    output = namespace["OUTPUT"]
    stale = f"{output} is missing or stale; run scripts/{script}"
    assert output.is_file() and output.read_text() == namespace["render"](), stale
