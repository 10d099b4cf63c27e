"""`rollup-harness run --prover external:CMD` end to end on anvil: receipts only for proofs made."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from harness.provers.external import TIMEOUT_ENV, check_seal
from harness.provers.receipt import read_receipt, receipt_path
from harness.provers.verifiers import verifier_for_selector

ROOT = Path(__file__).resolve().parents[1]
PYTHON = shlex.quote(sys.executable)
EXAMPLE = f"{PYTHON} {shlex.quote(str(ROOT / 'scripts' / 'example-prover'))}"
MISBEHAVING = f"{PYTHON} {shlex.quote(str(ROOT / 'tests' / 'provers' / 'misbehaving_prover.py'))}"

pytestmark = pytest.mark.anvil


def _run(
    out: Path, prover: str, *args: str, timeout: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``run --prover external:PROVER`` on anvil; ``timeout`` is the prover's, if given."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "harness",
            "run",
            "--prover",
            f"external:{prover}",
            "--backend",
            "anvil",
            "--txs-per-batch",
            "5",
            "--out",
            str(out),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=dict(os.environ, **({TIMEOUT_ENV: str(timeout)} if timeout else {})),
    )


def _receipts(out: Path) -> list[Path]:
    directory = out / "receipts"
    return sorted(directory.glob("*.json")) if directory.is_dir() else []


def _assert_every_receipt_proves_its_claim(out: Path) -> None:
    for path in _receipts(out):
        receipt = read_receipt(path)
        check_seal(
            verifier_for_selector(receipt.selector), receipt.seal, receipt.request.claim_digest
        )


def test_a_run_with_the_example_prover_settles_every_batch(tmp_path):
    result = _run(tmp_path / "out", EXAMPLE, "--proofs", "3", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["prover"] == "external"
    assert summary["batches_finalized"] == 3
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    assert len(_receipts(tmp_path / "out")) == summary["proving"]["seals_made"] == 3
    _assert_every_receipt_proves_its_claim(tmp_path / "out")


THREE_BATCHES = ("--proofs", "3", "--strategy", "none")
TWO_AGGREGATED = ("--proofs", "2", "--strategy", "single")


@pytest.mark.parametrize(
    ("prover", "needle", "run"),
    [
        ("garbage", "no JSON object on stdout", THREE_BATCHES),
        ("wrong-claim", "receipt for another claim", THREE_BATCHES),
        ("exit", "exited with status 3", THREE_BATCHES),
        (
            "exit --on aggregator",
            "exited with status 3 on the aggregator request for batches 1..2",
            TWO_AGGREGATED,
        ),
    ],
    ids=["garbage", "wrong-claim", "non-zero-exit", "aggregator-only"],
)
def test_a_misbehaving_prover_stops_the_run_with_one_line_and_no_receipt_for_it(
    tmp_path, prover, needle, run
):
    out = tmp_path / "out"
    _assert_stopped_without_a_receipt(_run(out, f"{MISBEHAVING} {prover}", *run), out, needle)


def test_a_prover_that_outlives_its_timeout_stops_the_run_the_same_way(
    tmp_path, prover_timeout_for
):
    out = tmp_path / "out"
    prover = f"{MISBEHAVING} sleep"
    timeout = prover_timeout_for(prover)
    result = _run(out, prover, *THREE_BATCHES, timeout=timeout)
    _assert_stopped_without_a_receipt(result, out, f"timed out after {timeout} s")


def _assert_stopped_without_a_receipt(
    result: subprocess.CompletedProcess[str], out: Path, needle: str
) -> None:
    """The run stopped with one line naming the failed claim, and wrote no receipt for it."""
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: external prover"), result.stderr
    assert needle in lines[0]
    failed = re.search(r"\(claim 0x([0-9a-f]{64})\)", lines[0])
    assert failed is not None
    assert not receipt_path(out / "receipts", bytes.fromhex(failed.group(1))).exists()
    assert not (out / "summary.json").exists()
    _assert_every_receipt_proves_its_claim(out)
