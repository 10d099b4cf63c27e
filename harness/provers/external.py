"""The external prover: a command that turns one proof request into one receipt.

The harness runs the command (split into words as a shell would, but run without a shell) once
per request, writes one JSON object to its standard input and reads one JSON object from its
standard output. A proof request is::

    {"format": "rollup-harness/proof-request@1", "kind": "batch", "image_id": "0x…",
     "journal": "0x…", "journal_digest": "0x…", "claim_digest": "0x…",
     "batches": [1, 4], "children": ["0x…", …]}

and is answered by a receipt-file object (:mod:`harness.provers.receipt`) for the same claim.
Once, before any proof, the command is asked which verifier its seals are for::

    {"format": "rollup-harness/proof-request@1", "kind": "describe"}  →  {"selector": "0x…"}

and the selector must be the mock verifier's, the synthetic key's or a RISC Zero release's.
Every seal is checked before it is accepted: it must carry that selector and verify the
requested claim (a Groth16 pairing check, or the claim digest of a mock seal). A command that
exits non-zero, outlives its timeout or prints anything else is a :class:`ProverError` naming
the request. The command gets SIGTERM when the process that started it ends. The messages,
for a prover written in Python too, are :mod:`harness.provers.protocol`'s.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shlex
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from harness.claims.request import ProofRequest
from harness.common.errors import ProverError, ReceiptError, UsageError
from harness.common.hexcodec import from_hex, to_hex
from harness.common.jsonfields import load_json, problem
from harness.common.lifetime import ending_with_this_process
from harness.provers.protocol import describe_message, request_message, shorten
from harness.provers.receipt import ProvenReceipt
from harness.provers.verifiers import VerifierSpec, verifier_for_selector
from harness.risc0.groth16 import verify_integrity
from harness.risc0.params import SELECTOR_SIZE
from harness.risc0.seal import MockSeal

TIMEOUT_ENV = "ROLLUP_HARNESS_PROVER_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
#: The longest timeout accepted (a week): beyond it the OS wait calls overflow.
MAX_TIMEOUT = 7 * 24 * 3600.0


def prover_timeout(environ: Mapping[str, str] | None = None) -> float:
    """Seconds one prover call may take: :data:`TIMEOUT_ENV` if set, else the default."""
    text = (os.environ if environ is None else environ).get(TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise UsageError(
            f"{TIMEOUT_ENV}={shorten(repr(text), 40)} is not a number of seconds "
            f"above 0 and at most {MAX_TIMEOUT:g}"
        )
    return value


def command_argv(command: str) -> tuple[str, ...]:
    """The words of a ``--prover external:CMD`` command."""
    try:
        argv = tuple(shlex.split(command))
    except ValueError as exc:
        raise UsageError(f"prover external:{shorten(command, 60)}: {exc}") from None
    if not argv:
        raise UsageError("prover external: needs a command, e.g. external:scripts/example-prover")
    return argv


def describe_request(request: ProofRequest) -> str:
    """How errors name a request: its kind, batch range and claim digest."""
    where = f" for batches {request.batches[0]}..{request.batches[1]}" if request.batches else ""
    return f"the {request.kind} request{where} (claim {to_hex(request.claim_digest)})"


def check_seal(spec: VerifierSpec, seal: bytes, claim_digest: bytes) -> None:
    """Raise :class:`ReceiptError` unless ``seal`` proves ``claim_digest`` to ``spec``'s
    verifier, as that verifier on chain would decide."""
    if seal[:SELECTOR_SIZE] != spec.selector:
        raise ReceiptError(
            f"the seal carries selector {to_hex(seal[:SELECTOR_SIZE])}, "
            f"not the declared {to_hex(spec.selector)}"
        )
    if spec.params is not None:
        verify_integrity(spec.params, seal, claim_digest)
    elif MockSeal.decode(seal).claim_digest != claim_digest:
        raise ReceiptError("the mock seal carries another claim digest")


@dataclass(frozen=True)
class ProverCommand:
    """A prover command line: ``text`` as given, ``argv`` its words, ``timeout`` per call."""

    text: str
    argv: tuple[str, ...]
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def parse(cls, text: str, *, timeout: float | None = None) -> ProverCommand:
        """The command ``text``; ``timeout`` defaults to :func:`prover_timeout`."""
        return cls(text, command_argv(text), prover_timeout() if timeout is None else timeout)

    def ask(self, message: dict[str, Any], what: str) -> Any:
        """Send ``message`` to a fresh run of the command and return its parsed JSON answer.

        ``what`` names the request in errors. On a timeout (or an interrupt) the command's
        whole process group is killed, so nothing it started keeps running.
        """
        try:
            process = subprocess.Popen(
                ending_with_this_process(self.argv),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise ProverError(
                f"cannot start external prover {self.text!r}: {exc.strerror or exc}"
            ) from None
        with process:
            try:
                out, err = process.communicate(json.dumps(message).encode(), self.timeout)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                raise ProverError(
                    f"external prover {self.text!r} timed out after {self.timeout:g} s on "
                    f"{what}; set {TIMEOUT_ENV} to allow longer"
                ) from None
            except BaseException:
                _kill_group(process)
                raise
        if process.returncode != 0:
            raise ProverError(
                f"external prover {self.text!r} {_exit_status(process.returncode)} "
                f"on {what}: {_last_line(err)}"
            )
        try:
            return load_json(out)
        except ValueError as exc:
            raise ProverError(
                f"external prover {self.text!r} answered {what} with no JSON object on "
                f"stdout ({shorten(str(exc), 80)})"
            ) from None


@dataclass(frozen=True)
class ExternalSource:
    """Seals from an external command, each checked before it is accepted.

    ``selector`` is what the command declared for its seals; build one with :meth:`start`.
    """

    command: ProverCommand
    selector: bytes
    name: str = "external"

    def recorded(self, request: ProofRequest) -> bytes | None:
        """An external prover's seals are always asked for afresh."""
        return None

    @classmethod
    def start(cls, text: str, *, timeout: float | None = None) -> ExternalSource:
        """Ask the command ``text`` which verifier its seals are for; it must be a known one.

        ``timeout`` defaults to :func:`prover_timeout` (the environment, else 600 s).
        """
        command = ProverCommand.parse(text, timeout=timeout)
        what = "the describe request"
        reply = command.ask(describe_message(), what)
        try:
            selector = from_hex(reply["selector"], SELECTOR_SIZE)
        except (KeyError, TypeError, ValueError) as exc:
            detail = problem(exc)
            raise ProverError(
                f"external prover {text!r} answered {what} without a selector "
                f'({shorten(detail)}); expected {{"selector": "0x<4 bytes>"}}'
            ) from None
        try:
            verifier_for_selector(selector)
        except ReceiptError as exc:
            raise ProverError(f"external prover {text!r} declared its seals: {exc}") from None
        return cls(command, selector)

    def verifier(self) -> VerifierSpec:
        """The verifier for the selector the command declared."""
        return verifier_for_selector(self.selector)

    def seal(self, request: ProofRequest) -> bytes:
        """Run the command for ``request`` and return its seal, once checked."""
        reply = self.command.ask(request_message(request), describe_request(request))
        return self.accept(reply, request)

    def accept(self, reply: Any, request: ProofRequest) -> bytes:
        """The seal of ``reply`` (the command's parsed answer to ``request``) if it is a
        receipt for the request's claim whose seal proves it; else :class:`ProverError`."""
        what = describe_request(request)
        prover = f"external prover {self.command.text!r}"
        try:
            receipt = ProvenReceipt.from_json(reply, origin=f"{prover} answered {what}")
        except ReceiptError as exc:
            raise ProverError(str(exc)) from None
        claim = receipt.request.claim_digest
        if claim != request.claim_digest:
            raise ProverError(
                f"{prover} answered {what} with a receipt for another claim, {to_hex(claim)}"
            )
        try:
            check_seal(self.verifier(), receipt.seal, claim)
        except ReceiptError as exc:
            raise ProverError(f"{prover} answered {what} with a bad seal: {exc}") from None
        return receipt.seal


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the command and everything it started (its session's process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _exit_status(code: int) -> str:
    if code < 0:
        return f"was killed by signal {-code}"
    return f"exited with status {code}"


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return shorten(lines[-1]) if lines else "(nothing on stderr)"
