"""Read compiled contracts supplied by the user as forge artifacts (ABI + bytecode JSON).

One artifact is a file; a whole build is forge's ``out/`` folder, where the artifact of
contract ``Name`` from file ``File.sol`` is ``out/File.sol/Name.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
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
        raise UsageError(f"cannot read forge artifact {path}: {exc.strerror}") from None
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


def find_forge_artifact(out_dir: Path, name: str) -> Path:
    """Where contract ``name``'s artifact is in the forge ``out/`` folder ``out_dir``:
    ``<name>.sol/<name>.json``, else the one ``<name>.json`` in a ``*.sol`` folder below it."""
    if not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a folder (expected forge's out/ folder)")
    usual = out_dir / f"{name}.sol" / f"{name}.json"
    if usual.is_file():
        return usual
    found = sorted(p for p in out_dir.rglob(f"{name}.json") if p.parent.suffix == ".sol")
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"{out_dir} has no forge artifact of {name} (expected {usual})")
    listed = ", ".join(str(p.relative_to(out_dir)) for p in found)
    raise UsageError(f"{out_dir} has {len(found)} artifacts of {name} ({listed}); keep one")


def load_forge_build(out_dir: Path, names: Iterable[str]) -> dict[str, Artifact]:
    """The artifacts of the contracts ``names`` from the forge ``out/`` folder ``out_dir``."""
    return {name: load_forge_artifact(find_forge_artifact(out_dir, name)) for name in names}
