"""What the command line loads when it starts: a harness on anvil or a node does not import
py-evm and eth-tester (a third of a second of every start), only an eth-tester chain does; a
command that needs no chain (``model``) does not import web3 either (some 1.5 s), nor does the
pytest plugin, which every pytest session in the environment loads, until a fixture is used; a
prover in Python, started once per request, makes a seal without eth-utils or eth-abi."""

from __future__ import annotations

import json
import subprocess
import sys

from harness.common.paths import ROOT

#: The packages of a chain.
CHAIN_PACKAGES = {"eth", "eth_tester", "web3", "eth_account"}
PROBE = """\
import json, sys
{code}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & {packages!r})))
"""
COMMAND = """\
from harness.cli import main
try:
    main({args!r})
except SystemExit as exc:
    assert not exc.code, exc.code
"""


def _loaded_by(code: str, packages: set[str] = CHAIN_PACKAGES) -> list[str]:
    """Which of ``packages`` (by default, those of a chain) a Python process running ``code``
    loaded."""
    probe = PROBE.format(code=code, packages=packages)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def _loaded(*args: str) -> list[str]:
    """The packages of a chain that ``rollup-harness ARGS`` loaded (the top-level help loads
    every command's module)."""
    return _loaded_by(COMMAND.format(args=list(args)))


def test_the_commands_start_without_py_evm_or_eth_tester():
    assert not {"eth", "eth_tester"} & set(_loaded("--help"))


def test_the_model_starts_without_the_chains_packages():
    assert _loaded("model", "--proofs", "100") == []


def test_the_pytest_plugin_loads_without_the_chains_packages():
    assert _loaded_by("import harness.pytest_plugin") == []


#: What a prover written in Python need not load to make a synthetic seal, and each request
#: would pay for again: eth-utils brings pydantic, some 0.2 s.
PROVER_SPARED = {"eth_utils", "eth_abi", "pydantic", "web3"}


def test_a_python_prover_makes_a_synthetic_seal_without_eth_utils_or_eth_abi():
    code = (
        "from harness.claims.request import ProofRequest\n"
        "from harness.provers.sources import SyntheticSource\n"
        "SyntheticSource().seal(ProofRequest('batch', bytes(32), b'journal'))"
    )
    assert _loaded_by(code, PROVER_SPARED) == []
