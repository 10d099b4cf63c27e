"""Read a compiled contract supplied by the user as a forge artifact (ABI + bytecode JSON)."""

from __future__ import annotations

from pathlib import Path

from harness.common.errors import UsageError
from harness.common.jsonfields import load_json
from harness.toolchain.solc import Artifact


def load_forge_artifact(path: Path) -> Artifact:
    """Load ``out/<File>.sol/<Name>.json`` as written by ``forge build``."""
    try:
        data = load_json(path.read_bytes())
        abi = data["abi"]
        bytecode = data["bytecode"]
        code = bytecode["object"] if isinstance(bytecode, dict) else bytecode
        deployed = data.get("deployedBytecode", "")
        deployed_code = deployed["object"] if isinstance(deployed, dict) else deployed
        creation = bytes.fromhex(code.removeprefix("0x"))
        runtime = bytes.fromhex(deployed_code.removeprefix("0x"))
    except OSError as exc:
        raise UsageError(f"cannot read verifier artifact {path}: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UsageError(
            f"{path} is not a forge artifact (expected JSON with 'abi' and 'bytecode.object')"
        ) from None
    if not creation:
        raise UsageError(f"{path} has no creation bytecode (an interface or abstract contract?)")
    return Artifact(
        name=path.stem,
        source=str(path),
        abi=tuple(abi),
        bytecode=creation,
        deployed_bytecode=runtime,
    )
