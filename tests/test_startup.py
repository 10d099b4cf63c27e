"""What the command line loads when it starts: a harness on anvil or a node does not import
py-evm and eth-tester (a third of a second of every start), only an eth-tester chain does."""

from __future__ import annotations

import subprocess
import sys

from harness.common.paths import ROOT

PROBE = """\
import sys
import harness.cli
print(sorted({name.split(".")[0] for name in sys.modules} & {"eth", "eth_tester"}))
"""


def test_the_command_line_starts_without_py_evm_or_eth_tester():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
