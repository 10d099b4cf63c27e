"""The compiler launcher, the artifact cache, and forge through the launcher."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from harness.common.paths import ROOT
from harness.toolchain import solc

#: Each test runs the compiler or forge as a process of its own: some 9 s in all.
pytestmark = pytest.mark.slow

#: A contract with imports, for forge to build through the launcher.
MOCK_VERIFIER = "contracts/src/RiscZeroMockVerifier.sol"
#: The smallest source to compile.
TINY = "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract Tiny {}\n"


def _big_standard_json() -> dict:
    sources = {
        str(path.relative_to(ROOT)): {"content": path.read_text()}
        for path in sorted(solc.CONTRACTS_SRC.rglob("*.sol"))
    }
    return {
        "language": "Solidity",
        "sources": sources,
        # The sources' syntax trees alone pass 64 KiB, without generating code.
        "settings": {"outputSelection": {"*": {"": ["ast"]}}},
    }


def test_launcher_passes_output_over_64_kib_through_a_pipe_intact():
    result = subprocess.run(
        [str(solc.LAUNCHER), "--standard-json", "--base-path", str(ROOT)],
        input=json.dumps(_big_standard_json()),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    assert len(result.stdout) > 64 * 1024
    output = json.loads(result.stdout)  # a truncated or bannered output would not parse
    assert not [e for e in output.get("errors", []) if e["severity"] == "error"]
    assert len(output["sources"]) == len(_big_standard_json()["sources"])


def test_launcher_reports_a_native_compatible_version():
    out = subprocess.run(
        [str(solc.LAUNCHER), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[1].startswith("Version: 0.8.")


def test_the_launcher_answers_its_version_again_without_starting_the_compiler(tmp_path):
    asked = subprocess.run(
        [str(solc.LAUNCHER), "--version"], capture_output=True, text=True, check=True
    ).stdout
    broken = tmp_path / "node"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    again = subprocess.run(
        [str(solc.LAUNCHER), "--version"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert again == asked


def test_second_compile_of_unchanged_sources_runs_no_compiler(tmp_path, monkeypatch, tiny):
    """The first compile's artifacts (a real compile's, from :func:`tiny`) come back from the
    cache file, and the compiler runs again only once the sources change."""
    monkeypatch.setattr(solc, "CACHE_DIR", tmp_path)
    source = tmp_path / "Tiny.sol"
    source.write_text(TINY)
    monkeypatch.setattr(solc, "_run_compiler", lambda standard, base: tiny)
    first = solc.compile_sources([source])
    assert first == tiny
    calls = []
    monkeypatch.setattr(solc, "_run_compiler", lambda standard, base: calls.append(standard) or {})
    assert solc.compile_sources([source]) == first
    assert calls == []
    source.write_text(source.read_text() + "contract Other {}\n")
    assert solc.compile_sources([source]) == {}  # what the stub compiler returned
    assert len(calls) == 1


def test_the_same_sources_in_another_folder_are_the_same_cache_entry(tmp_path, monkeypatch):
    """A team's contracts checked out, or copied, to another folder: the names the compiler
    knows them by, and so the cache key, stay the same."""
    monkeypatch.setattr(solc, "CACHE_DIR", tmp_path / "cache")
    compiled = []
    monkeypatch.setattr(
        solc, "_run_compiler", lambda standard, base: compiled.append(standard) or {}
    )
    for checkout in (tmp_path / "one", tmp_path / "two" / "deeper"):
        (checkout / "contracts" / "lib").mkdir(parents=True)
        (checkout / "contracts" / "Tiny.sol").write_text(TINY)
        (checkout / "contracts" / "lib" / "Other.sol").write_text("contract Other {}\n")
        solc.compile_sources(sorted((checkout / "contracts").rglob("*.sol")))
    assert len(compiled) == 1
    assert list(compiled[0]["sources"]) == ["Tiny.sol", "lib/Other.sol"]


def test_a_teams_import_it_was_not_given_is_not_looked_for_in_the_project(tmp_path, monkeypatch):
    """A team's file importing one it did not list: the compiler looks in the team's folder
    only, never finds the project's file of that name, and says where it looked."""
    monkeypatch.setattr(solc, "CACHE_DIR", tmp_path / "cache")
    source = tmp_path / "team" / "Uses.sol"
    source.parent.mkdir()
    source.write_text('pragma solidity ^0.8.24;\nimport "contracts/src/IRiscZeroVerifier.sol";\n')
    assert (solc.ROOT / "contracts" / "src" / "IRiscZeroVerifier.sol").is_file()
    with pytest.raises(solc.ToolchainError, match=f"files named from {source.parent}.*not found"):
        solc.compile_sources([source])


@pytest.fixture(scope="module")
def tiny() -> dict[str, solc.Artifact]:
    """The artifacts of one real compile of :data:`TINY`."""
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(solc, "CACHE_DIR", Path(folder))
        source = Path(folder) / "Tiny.sol"
        source.write_text(TINY)
        return solc.compile_sources([source])


@pytest.mark.parametrize("content", ["", '{"Tiny": {"name": "Tiny"', "[1, 2]", '{"Tiny": {}}'])
def test_a_corrupt_cache_file_is_a_miss_that_is_compiled_again_and_overwritten(
    tmp_path, monkeypatch, content, tiny
):
    monkeypatch.setattr(solc, "CACHE_DIR", tmp_path)
    compiled = []
    monkeypatch.setattr(
        solc, "_run_compiler", lambda standard, base: compiled.append(standard) or tiny
    )
    source = tmp_path / "Tiny.sol"
    source.write_text(TINY)
    assert solc.compile_sources([source]) == tiny and len(compiled) == 1
    (cache_file,) = (tmp_path / "solc").glob("*.json")
    cache_file.write_text(content)
    assert solc.compile_sources([source]) == tiny and len(compiled) == 2
    assert json.loads(cache_file.read_text())["Tiny"]["name"] == "Tiny"
    assert [p.name for p in (tmp_path / "solc").iterdir()] == [cache_file.name]


def test_a_compile_error_is_one_actionable_line(tmp_path, monkeypatch):
    monkeypatch.setattr(solc, "CACHE_DIR", tmp_path)
    broken = tmp_path / "Broken.sol"
    broken.write_text("pragma solidity ^0.8.24;\ncontract Broken { function f( }\n")
    with pytest.raises(
        solc.ToolchainError, match=r"compilation failed \(files named from .*\): Pars"
    ):
        solc.compile_sources([broken])


def test_forge_builds_offline_through_the_launcher(tmp_path):
    """forge (offline, with foundry.toml's solc: the launcher) builds a contract and its imports.

    One contract keeps it quick: ``make test`` builds every contract with the same forge
    settings in its forge-test step, and the launcher's output over 64 KiB (all the sources) is
    checked above.
    """
    forge = str(ROOT / "node_modules/.bin/forge")
    out, cache = str(tmp_path / "out"), str(tmp_path / "cache")
    result = subprocess.run(
        [forge, "build", "--offline", "--out", out, "--cache-path", cache, MOCK_VERIFIER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    built = {path.parent.name for path in (tmp_path / "out").rglob("*.json")}
    assert {"RiscZeroMockVerifier.sol", "RiscZeroClaimVerifier.sol", "SealLib.sol"} <= built
