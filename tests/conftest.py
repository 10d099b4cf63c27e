"""Shared fixtures for the project's own tests (the harness's pytest plugin adds more)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.toolchain.solc import Artifact, compile_sources

TESTS = Path(__file__).parent
VECTORS = TESTS / "vectors"


@pytest.fixture(scope="session")
def probe_artifact() -> Artifact:
    """The gas probe contract: a 4-pair pairing, a SHA-256 and five SSTOREs in one call."""
    return compile_sources([TESTS / "contracts" / "GasProbe.sol"])["GasProbe"]
