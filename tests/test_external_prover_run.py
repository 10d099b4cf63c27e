"""`rollup-harness run --prover external:CMD` end to end on anvil: receipts only for proofs made."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest
from click.testing import Result
from command_line import assert_one_line_error, invoke

from harness.provers.external import TIMEOUT_ENV, check_seal
from harness.provers.receipt import read_receipt, receipt_path
from harness.provers.verifiers import verifier_for_selector

ROOT = Path(__file__).resolve().parents[1]
PYTHON = shlex.quote(sys.executable)
EXAMPLE = f"{PYTHON} {shlex.quote(str(ROOT / 'scripts' / 'example-prover'))}"
MISBEHAVING = f"{PYTHON} {shlex.quote(str(ROOT / 'tests' / 'provers' / 'misbehaving_prover.py'))}"

pytestmark = [pytest.mark.anvil, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _in_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run starts in the project's folder."""
    monkeypatch.chdir(ROOT)


def _run(out: Path, prover: str, *args: str, timeout: int | None = None) -> Result:
    """``run --prover external:PROVER`` on anvil; ``timeout`` is the prover's, if given."""
    return invoke(
        "run", "--prover", f"external:{prover}", "--backend", "anvil", "--txs-per-batch", "5",
        "--out", str(out), *args,
        env={TIMEOUT_ENV: str(timeout)} if timeout else None,
    )  # fmt: skip


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
    assert result.exit_code == 0, (result.stderr, result.exception)
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


def _assert_stopped_without_a_receipt(result: Result, out: Path, needle: str) -> None:
    """The run stopped with one line naming the failed claim, and wrote no receipt for it."""
    line = assert_one_line_error(result, needle, exit_code=1)
    assert line.startswith("error: external prover"), line
    failed = re.search(r"\(claim 0x([0-9a-f]{64})\)", line)
    assert failed is not None
    assert not receipt_path(out / "receipts", bytes.fromhex(failed.group(1))).exists()
    assert not (out / "summary.json").exists()
    _assert_every_receipt_proves_its_claim(out)
