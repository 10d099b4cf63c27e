"""The external prover: a command answers proof requests; misbehaviour is one clear error."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import pytest

from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID
from harness.claims.request import ProofRequest
from harness.common.errors import ProverError, UsageError
from harness.provers.external import (
    DEFAULT_TIMEOUT,
    TIMEOUT_ENV,
    ExternalSource,
    prover_timeout,
)
from harness.provers.pool import ProverPool
from harness.provers.sources import SyntheticSource, seal_source
from harness.provers.verifiers import synthetic_params
from harness.risc0.groth16 import verify_integrity

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PYTHON = shlex.quote(sys.executable)
EXAMPLE = f"{PYTHON} {shlex.quote(str(ROOT / 'scripts' / 'example-prover'))}"
MISBEHAVING = f"{PYTHON} {shlex.quote(str(ROOT / 'tests' / 'provers' / 'misbehaving_prover.py'))}"
REQUEST = ProofRequest("batch", BATCH_IMAGE_ID, b"journal of batches 1..2", batches=(1, 2))


def misbehaving(mode: str, *options: str) -> str:
    return " ".join([MISBEHAVING, mode, *map(shlex.quote, options)])


@pytest.fixture(scope="module")
def example() -> ExternalSource:
    return ExternalSource.start(EXAMPLE)


def _prover_error(command: str, request: ProofRequest = REQUEST, **start) -> str:
    source = ExternalSource.start(command, **start)
    with pytest.raises(ProverError) as raised:
        source.seal(request)
    message = str(raised.value)
    assert "\n" not in message
    return message


def _names_the_request(message: str) -> None:
    assert "the batch request for batches 1..2" in message
    assert "0x" + REQUEST.claim_digest.hex() in message


def test_example_prover_declares_the_synthetic_verifier(example):
    assert example.verifier() == SyntheticSource().verifier()
    assert example.name == "external"


def test_example_prover_seals_verify_the_requested_claim(example):
    seal = example.seal(REQUEST)
    verify_integrity(synthetic_params(), seal, REQUEST.claim_digest)
    assert seal == SyntheticSource().seal(REQUEST)


def test_prover_flag_external_starts_the_command():
    source = seal_source(f"external:{EXAMPLE}")
    assert isinstance(source, ExternalSource)
    assert source.command.argv[0] == sys.executable


def test_external_source_proves_in_worker_processes(example):
    requests = [
        ProofRequest("batch", BATCH_IMAGE_ID, b"batch %d" % i, batches=(i, i)) for i in (1, 2, 3)
    ]
    requests.append(ProofRequest("aggregator", AGGREGATOR_IMAGE_ID, b"1..3", batches=(1, 3)))
    receipts = ProverPool(example, workers=2).prove(requests)
    assert [r.seal for r in receipts] == [SyntheticSource().seal(r) for r in requests]
    assert {r.prover for r in receipts} == {"external"}


def test_garbage_on_stdout_is_an_error_naming_the_request():
    message = _prover_error(misbehaving("garbage"))
    _names_the_request(message)
    assert "no JSON object on stdout" in message


def test_receipt_for_another_claim_is_refused():
    message = _prover_error(misbehaving("wrong-claim"))
    _names_the_request(message)
    assert "receipt for another claim" in message


def test_seal_that_does_not_prove_the_claim_is_refused():
    message = _prover_error(misbehaving("forged-seal"))
    _names_the_request(message)
    assert "bad seal" in message and "does not verify" in message


def test_non_zero_exit_reports_the_last_line_of_stderr():
    message = _prover_error(misbehaving("exit"))
    _names_the_request(message)
    assert message.endswith(
        "exited with status 3 on the batch request for batches 1..2 "
        f"(claim 0x{REQUEST.claim_digest.hex()}): prover crashed: out of cycles"
    )


def test_timeout_kills_the_prover_and_everything_it_started(tmp_path, prover_timeout_for):
    pid_file = tmp_path / "child.pid"
    command = misbehaving("sleep", "--pid-file", str(pid_file))
    timeout = prover_timeout_for(command)
    source = ExternalSource.start(command, timeout=timeout)
    started = time.monotonic()
    with pytest.raises(ProverError) as raised:
        source.seal(REQUEST)
    assert time.monotonic() - started < timeout + 5, "the request outlived its timeout"
    message = str(raised.value)
    _names_the_request(message)
    assert f"timed out after {timeout} s" in message and TIMEOUT_ENV in message
    assert not _running(int(pid_file.read_text()))


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for its reaper is not)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize(
    ("mode", "needle"),
    [
        ("garbage", "no JSON object on stdout"),
        ("exit", "exited with status 3 on the describe request"),
        ("unknown-selector", "no known RISC Zero Groth16 verifier has selector 0xdeadbeef"),
    ],
)
def test_a_bad_describe_answer_fails_before_any_proof(mode, needle):
    with pytest.raises(ProverError, match=needle):
        ExternalSource.start(misbehaving(mode, "--on", "describe"))


def test_a_missing_command_is_a_prover_error():
    with pytest.raises(ProverError, match="cannot start external prover '/nonexistent/prover'"):
        ExternalSource.start("/nonexistent/prover")


@pytest.mark.parametrize("spec", ["external:", "external:   ", "external:'unclosed"])
def test_an_unusable_command_line_is_a_usage_error(spec):
    with pytest.raises(UsageError, match="prover external:"):
        seal_source(spec)


def test_timeout_comes_from_the_environment():
    assert prover_timeout({}) == DEFAULT_TIMEOUT
    assert prover_timeout({TIMEOUT_ENV: " 2.5 "}) == 2.5


@pytest.mark.parametrize("text", ["0", "-1", "soon", "nan", "inf", "1e9"])
def test_an_unusable_timeout_is_a_usage_error(text):
    with pytest.raises(UsageError, match=TIMEOUT_ENV):
        prover_timeout({TIMEOUT_ENV: text})


def test_the_timeout_is_read_when_the_source_starts(monkeypatch):
    monkeypatch.setenv(TIMEOUT_ENV, "7")
    assert ExternalSource.start(EXAMPLE).command.timeout == 7
