"""Where the project's files and installed tools live."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: The project root: the folder holding contracts/, scripts/ and node_modules/.
ROOT = Path(__file__).resolve().parents[2]
#: The Solidity sources the harness compiles; ``ROLLUP_HARNESS_CONTRACTS`` points at another copy
#: (for instance a modified one whose gas is to be compared against the baseline).
CONTRACTS_SRC = Path(os.environ.get("ROLLUP_HARNESS_CONTRACTS", ROOT / "contracts" / "src"))
NODE_BIN = ROOT / "node_modules" / ".bin"
CACHE_DIR = Path(os.environ.get("ROLLUP_HARNESS_CACHE", ROOT / ".cache"))


def tool_path(name: str, env_var: str) -> Path | None:
    """Locate a command-line tool: the env var first, then node_modules/.bin, then PATH."""
    configured = os.environ.get(env_var)
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    local = NODE_BIN / name
    if local.is_file():
        return local
    found = shutil.which(name)
    return Path(found) if found else None
