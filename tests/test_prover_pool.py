"""The prover pool: parallel workers that live as long as the pool, and its seal cache."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass

import pytest
from processes import is_alive, wait_until_gone

from harness.claims.request import ProofRequest
from harness.provers.pool import ProverPool, SharedSetup
from harness.provers.recorded import RecordedFirst

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two CPUs")


@dataclass(frozen=True)
class PidSource:
    """Seals that say which process made them."""

    name: str = "pid"

    def recorded(self, request: ProofRequest) -> bytes | None:
        return None

    def seal(self, request: ProofRequest) -> bytes:
        return os.getpid().to_bytes(4, "big") + request.claim_digest


def _requests(count: int, salt: int) -> list[ProofRequest]:
    return [ProofRequest("batch", b"\x01" * 32, bytes([salt, i])) for i in range(count)]


def _makers(receipts) -> set[int]:
    return {int.from_bytes(r.seal[:4], "big") for r in receipts}


def test_one_set_of_workers_serves_every_prove_call_until_close():
    with ProverPool(PidSource(), workers=2) as pool:
        first = _makers(pool.prove(_requests(40, 1)))
        second = _makers(pool.prove(_requests(40, 2)))
        assert os.getpid() not in first | second
        assert len(first | second) <= 2
    after_close = _makers(pool.prove(_requests(40, 3)))
    pool.close()
    assert os.getpid() not in after_close
    assert not after_close & (first | second)


def test_seals_come_back_in_request_order():
    requests = _requests(40, 4)
    with ProverPool(PidSource(), workers=2) as pool:
        receipts = pool.prove(requests)
    assert [r.seal[4:] for r in receipts] == [r.claim_digest for r in requests]


def test_warm_up_starts_every_worker_before_proving():
    with ProverPool(PidSource(), workers=2) as pool:
        pool.warm_up()
        executor = pool._executor
        assert executor is not None and len(executor._processes) == 2
        pool.prove(_requests(40, 5))
        assert pool._executor is executor


def test_small_batches_and_one_worker_prove_in_process():
    with ProverPool(PidSource(), workers=2) as pool:
        assert _makers(pool.prove(_requests(3, 6))) == {os.getpid()}
    with ProverPool(PidSource(), workers=1) as single:
        single.warm_up()
        assert _makers(single.prove(_requests(40, 7))) == {os.getpid()}


#: The processes in which a SharedSetup source below was prepared.
prepared_in: list[int] = []


@dataclass(frozen=True)
class PreparedSource:
    """Seals that say which process made them, and whether it had seen the source prepared."""

    name: str = "prepared"

    def recorded(self, request: ProofRequest) -> bytes | None:
        return None

    def prepare_workers(self) -> None:
        prepared_in.append(os.getpid())

    def seal(self, request: ProofRequest) -> bytes:
        return os.getpid().to_bytes(4, "big") + bytes([os.getpid() != prepared_in[-1]])


@pytest.mark.parametrize(
    "source",
    [PreparedSource(), RecordedFirst(PreparedSource(), {})],
    ids=["source", "recorded-first"],
)
def test_a_source_prepares_once_in_the_pools_process_before_the_workers_fork(source):
    prepared_in.clear()
    with ProverPool(source, workers=2) as pool:
        assert isinstance(pool.source, SharedSetup)
        receipts = pool.prove(_requests(40, 8)) + pool.prove(_requests(40, 9))
    assert prepared_in == [os.getpid()]
    assert os.getpid() not in _makers(receipts)
    assert {r.seal[4:] for r in receipts} == {b"\x01"}


@dataclass(frozen=True)
class HalfRecorded:
    """Seals for even journals exist already; odd ones are made."""

    name: str = "half"

    def recorded(self, request: ProofRequest) -> bytes | None:
        return b"old!" + request.claim_digest if request.journal[-1] % 2 == 0 else None

    def seal(self, request: ProofRequest) -> bytes:
        return b"new!" + request.claim_digest


def test_recorded_seals_are_reused_and_counted_apart_from_made_ones():
    pool = ProverPool(HalfRecorded(), workers=1)
    receipts = pool.prove(_requests(6, 0))
    assert [r.seal[:4] for r in receipts] == [b"old!", b"new!"] * 3
    assert (pool.stats.seals_reused, pool.stats.seals_made) == (3, 3)


#: How long the busy workers below may unwind: the pool's grace, shortened for the test (the
#: workers, forked from their owner, take its value).
BUSY_GRACE_SECONDS = 1.0
#: A process that owns a pool of two started workers, prints their pids and waits; with the
#: argument ``busy`` the workers are each inside a seal instead (they say so, then sleep).
POOL_OWNER = textwrap.dedent(
    f"""
    import os, sys, time
    from harness.claims.request import ProofRequest
    from harness.provers import pool as pool_module
    from harness.provers.pool import ProverPool

    BUSY = sys.argv[1:] == ["busy"]
    if BUSY:
        pool_module.STOP_GRACE_SECONDS = {BUSY_GRACE_SECONDS}

    class Source:
        name = "pid"

        def recorded(self, request):
            return None

        def seal(self, request):
            if BUSY:
                # One write, so that the two workers' lines cannot interleave.
                os.write(1, f"busy {{os.getpid()}}\\n".encode())
                time.sleep(600)
            return os.getpid().to_bytes(4, "big")

    pool = ProverPool(Source(), workers=2)
    if BUSY:
        pool.prove([ProofRequest("batch", bytes(32), bytes([i])) for i in range(4)])
    pool.warm_up()
    print(*pool._executor._processes, flush=True)
    time.sleep(600)
    """
)


def _kill_what_is_left(owner: subprocess.Popen[str], workers: list[int]) -> None:
    """Kill the owner and its workers if the test left them alive."""
    for pid in (owner.pid, *workers):
        with contextlib.suppress(ProcessLookupError):
            if is_alive(pid):
                os.kill(pid, signal.SIGKILL)
    owner.wait(timeout=30)


@pytest.mark.alone
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_process_that_owns_the_pool_whatever_ends_it(sig):
    owner = subprocess.Popen([sys.executable, "-c", POOL_OWNER], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        assert owner.stdout is not None
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert len(workers) == 2 and all(is_alive(pid) for pid in workers)
        owner.send_signal(sig)
        owner.wait(timeout=30)
        wait_until_gone(lambda pid, _: pid in workers)
    finally:
        _kill_what_is_left(owner, workers)


@pytest.mark.alone
def test_workers_busy_on_a_seal_end_with_their_killed_owner():
    """The pool's worker loop catches whatever a task raises, SystemExit included: a worker
    stopped in the middle of a seal must still end, not wait for its dead owner's next task."""
    owner = subprocess.Popen(
        [sys.executable, "-c", POOL_OWNER, "busy"], stdout=subprocess.PIPE, text=True
    )
    workers: list[int] = []
    try:
        assert owner.stdout is not None
        workers = [int(owner.stdout.readline().split()[1]) for _ in range(2)]
        owner.kill()
        owner.wait(timeout=30)
        wait_until_gone(lambda pid, _: pid in workers, seconds=3 * BUSY_GRACE_SECONDS)
    finally:
        _kill_what_is_left(owner, workers)
