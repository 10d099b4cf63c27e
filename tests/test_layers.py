"""The import layers of pyproject.toml hold, and a backward import breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with the project's contracts over ``package_parent``'s ``harness``."""
    env = os.environ | {"PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def harness_copy(tmp_path: Path) -> Path:
    """A copy of the package to break."""
    shutil.copytree(
        ROOT / "harness", tmp_path / "harness", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def test_the_layers_hold(harness_copy: Path) -> None:
    result = lint_imports(harness_copy)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "backward", "contract"),
    [
        ("chain/base.py", "harness.scenario.run", "The pipeline's layers"),
        ("reports/markdown.py", "harness.chain.base", "Reports read records"),
        ("chain/history.py", "harness.l2.state", "The chain knows nothing"),
        ("risc0/digests.py", "harness.l2.state", "stand alone"),
    ],
)
def test_a_backward_import_breaks_a_contract(
    harness_copy: Path, module: str, backward: str, contract: str
) -> None:
    path = harness_copy / "harness" / module
    path.write_text(path.read_text() + f"\nimport {backward}  # noqa: E402\n")
    result = lint_imports(harness_copy)
    assert result.returncode == 1
    assert f"{contract}" in result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), broken
