"""The Solidity files the scripts generate for the forge tests, checked in the test's process."""

from __future__ import annotations

import runpy
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def assert_up_to_date(script: str) -> None:
    """Assert that ``scripts/SCRIPT`` renders its ``OUTPUT`` file byte for byte: what its
    ``--check`` does, without a process of its own that would import the harness again (and,
    for blobs, load the KZG setup again)."""
    namespace = runpy.run_path(str(SCRIPTS / script))
    output = namespace["OUTPUT"]
    assert output.read_text() == namespace["render"](), f"{output} is stale; run scripts/{script}"
