"""`replay --stack-artifacts DIR`: a whole verifier stack deployed from a forge ``out/`` folder.

The folder is a real ``forge build`` of this project, its stack contracts among the rest (RISC
Zero's own sources are not available offline; a build of them lays its files out the same way),
so the gas must be the built-in stack's to the unit.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.common.paths import ROOT, tool_path
from harness.onchain.stack import GROTH16
from harness.toolchain.solc import compile_sources

TESTS = Path(__file__).parent
CORPUS = TESTS / "vectors" / "risc0-receipts.json"


@pytest.fixture(scope="module")
def forge_out() -> Path:
    """The project's own ``forge build``, in forge's ``out/`` layout: up to date once ``make
    test`` has built it (``forge build`` then compiles nothing), else built now, by one worker
    at a time. The tests read it, and copy it to change it."""
    forge = tool_path("forge", "FORGE")
    if forge is None:
        pytest.skip("forge is not installed")
    lock = ROOT / "cache" / "forge-build.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        subprocess.run(
            [str(forge), "build", "--quiet"], cwd=ROOT, check=True, capture_output=True, timeout=600
        )
    return ROOT / "out"


def _replay(tmp_path: Path, corpus: Path, *args: str) -> tuple[int, str, dict[str, int | None]]:
    out = tmp_path / f"results-{len(list(tmp_path.iterdir()))}.json"
    result = CliRunner().invoke(
        main,
        ["replay", str(corpus), "--backend", "anvil", "--no-python-check", "--json", str(out)]
        + list(args),
    )
    rows = json.loads(out.read_text()) if out.exists() else []
    return result.exit_code, result.output, {row["id"]: row["gas_used"] for row in rows}


def test_a_forge_build_of_the_stack_replays_with_the_built_in_stacks_gas(tmp_path, forge_out):
    code, output, built_in = _replay(tmp_path, CORPUS)
    assert code == 0, output
    code, output, from_forge = _replay(tmp_path, CORPUS, "--stack-artifacts", str(forge_out))
    assert code == 0, output
    assert f"(built in {forge_out})" in output
    assert from_forge == built_in and len(built_in) == 13


def test_a_groth16_verifier_with_its_key_built_in_is_constructed_like_risc_zeros(
    tmp_path, forge_out
):
    """A verifier taking (controlRoot, bn254ControlId), as RISC Zero's does, in the same tree."""
    tree = tmp_path / "out"
    shutil.copytree(forge_out, tree)
    keyed = compile_sources([TESTS / "contracts" / "BuiltInKeyGroth16Verifier.sol"])
    artifact = keyed["BuiltInKeyGroth16Verifier"]
    forge_json = {
        "abi": list(artifact.abi),
        "bytecode": {"object": "0x" + artifact.bytecode.hex()},
        "deployedBytecode": {"object": "0x" + artifact.deployed_bytecode.hex()},
    }
    (tree / f"{GROTH16}.sol" / f"{GROTH16}.json").write_text(json.dumps(forge_json))
    corpus = json.loads(CORPUS.read_text())
    corpus["groth16_receipts"] = [r for r in corpus["groth16_receipts"] if "3.0" in r["id"]]
    corpus["set_inclusion_receipts"] = []
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(corpus))
    code, output, built_in = _replay(tmp_path, path)
    assert code == 0, output
    code, output, built_in_key = _replay(tmp_path, path, "--stack-artifacts", str(tree))
    assert code == 0, output
    assert built_in_key == built_in and len(built_in) == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("remove the router", "has no forge artifact of RiscZeroVerifierRouter (expected"),
        ("groth16 takes 3 arguments", "takes 3 constructor arguments; a Groth16 verifier takes"),
        ("both flags", "give --stack-artifacts or --verifier-artifact, not both"),
    ],
)
def test_a_bad_stack_folder_is_a_one_line_error(tmp_path, forge_out, damage, message):
    tree = tmp_path / "out"
    shutil.copytree(forge_out, tree)
    extra: list[str] = []
    if damage == "remove the router":
        shutil.rmtree(tree / "RiscZeroVerifierRouter.sol")
    elif damage == "groth16 takes 3 arguments":
        path = tree / f"{GROTH16}.sol" / f"{GROTH16}.json"
        data = json.loads(path.read_text())
        ctor = next(item for item in data["abi"] if item["type"] == "constructor")
        ctor["inputs"] = ctor["inputs"][:3]
        path.write_text(json.dumps(data))
    else:
        extra = ["--verifier-artifact", str(tree / f"{GROTH16}.sol" / f"{GROTH16}.json")]
    code, output, _ = _replay(tmp_path, CORPUS, "--stack-artifacts", str(tree), *extra)
    assert code != 0
    assert output.count("\n") == 1 and output.startswith("error:") and message in output
