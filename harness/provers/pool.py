"""Prove many requests: in parallel worker processes, cached by claim digest.

A :class:`SealSource` turns one request into a seal. Sources are small picklable values, sent
once to each worker process, so the pool shares nothing with its workers but the requests.
The worker processes start on the first request batch large enough to share out and live as long
as the pool: :meth:`ProverPool.close` (or leaving a ``with`` block, or the pool being collected,
or the interpreter exiting) shuts them down. They never outlive the process that owns the pool:
each is forked from it and has the kernel send it SIGTERM when its parent ends, whatever ends it
(``kill -9`` included); a worker whose parent ended before that was arranged exits at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from harness.claims.request import ProofRequest
from harness.common.errors import ProverError
from harness.common.lifetime import die_with_parent
from harness.provers.receipt import ProvenReceipt


class SealSource(Protocol):
    """Something that makes the seal for one proof request."""

    name: str

    def recorded(self, request: ProofRequest) -> bytes | None:
        """A seal for ``request`` that already exists (recorded by an earlier run), if any."""

    def seal(self, request: ProofRequest) -> bytes:
        """The seal proving ``request``'s claim."""


@runtime_checkable
class SharedSetup(Protocol):
    """A seal source with something to build once, before the pool forks its workers."""

    def prepare_workers(self) -> None:
        """Build, in the pool's process, what each worker would otherwise build for itself."""


def prepare_shared(source: object) -> None:
    """Have ``source`` build what a pool's workers share, if it is a :class:`SharedSetup`."""
    if isinstance(source, SharedSetup):
        source.prepare_workers()


@dataclass
class ProverStats:
    """What proving cost: requests, cache hits, seals made or reused and the time spent."""

    requests: int = 0
    cache_hits: int = 0
    seals_made: int = 0
    #: Seals taken from an earlier run's receipts instead of being proved.
    seals_reused: int = 0
    seconds: float = 0.0
    workers: int = 1

    def since(self, earlier: ProverStats) -> ProverStats:
        """The work done after ``earlier`` (a copy of these stats taken before it)."""
        return ProverStats(
            requests=self.requests - earlier.requests,
            cache_hits=self.cache_hits - earlier.cache_hits,
            seals_made=self.seals_made - earlier.seals_made,
            seals_reused=self.seals_reused - earlier.seals_reused,
            seconds=self.seconds - earlier.seconds,
            workers=self.workers,
        )

    def to_json(self) -> dict[str, Any]:
        """The statistics as a run summary reports them."""
        return {
            "requests": self.requests,
            "seals_made": self.seals_made,
            "seals_reused": self.seals_reused,
            "cache_hit_rate": self.hit_rate,
            "workers": self.workers,
            "seconds": self.seconds,
        }

    @property
    def hit_rate(self) -> float:
        """Cache hits per request (0 when nothing was requested)."""
        return self.cache_hits / self.requests if self.requests else 0.0


_worker_source: SealSource | None = None
#: How long each worker holds its warm-up task, so that every worker gets one.
WARM_UP_HOLD_SECONDS = 0.05


def _init_worker(source: SealSource, owner: int) -> None:
    """Set a worker up: it ends with ``owner`` (the pool's process), and proves with ``source``."""
    global _worker_source
    die_with_parent(signal.SIGTERM, owner)
    # SIGTERM unwinds the worker, so that whatever it runs is stopped on the way out (an
    # external prover's process group is killed).
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    _worker_source = source


#: How long a worker told to stop may take to unwind before it exits regardless (seconds).
STOP_GRACE_SECONDS = 5.0


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """Unwind the worker; and exit for sure once :data:`STOP_GRACE_SECONDS` have passed: the
    pool's worker loop catches every exception of a task, SystemExit included, and would go
    back to waiting for the next task of an owner that is gone, forever."""
    code = 128 + signum
    deadline = threading.Timer(STOP_GRACE_SECONDS, os._exit, args=(code,))
    deadline.daemon = True
    deadline.start()
    raise SystemExit(code)


def _seal_in_worker(request: ProofRequest) -> bytes:
    if _worker_source is None:
        raise ProverError("a prover worker started without a seal source")
    return _worker_source.seal(request)


def _ready_in_worker(hold_seconds: float) -> int:
    """Report in from a worker, holding it a moment so that the next task goes to another."""
    time.sleep(hold_seconds)
    return os.getpid()


@dataclass
class ProverPool:
    """Proves requests with ``source``, ``workers`` at a time, keeping ``capacity`` seals."""

    source: SealSource
    workers: int = 1
    capacity: int = 10_000
    stats: ProverStats = field(default_factory=ProverStats)
    _cache: OrderedDict[bytes, bytes] = field(default_factory=OrderedDict)
    _executor: ProcessPoolExecutor | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _shutdown: weakref.finalize | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.workers = max(1, min(self.workers, os.cpu_count() or 1))
        self.stats.workers = self.workers

    def __enter__(self) -> ProverPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Shut the worker processes down (if any started); the pool still proves in-process
        afterwards, and starts new workers if it needs them."""
        if self._shutdown is not None:
            self._shutdown()
        self._executor = self._shutdown = None

    def warm_up(self) -> None:
        """Start every worker process now, so that their start-up is not paid by a later
        :meth:`prove` (a no-op with one worker)."""
        if self.workers > 1:
            list(self._pool().map(_ready_in_worker, [WARM_UP_HOLD_SECONDS] * self.workers))

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            prepare_shared(self.source)
            # Forked, so that each worker's parent is this process, which it must end with.
            executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(self.source, os.getpid()),
            )
            # Runs on close(), when the pool is collected, or at interpreter exit.
            self._shutdown = weakref.finalize(self, executor.shutdown, wait=True)
            self._executor = executor
        return self._executor

    def prove(self, requests: Sequence[ProofRequest]) -> list[ProvenReceipt]:
        """Seals for every request, in order; each distinct claim is proved once."""
        started = time.perf_counter()
        digests = [r.claim_digest for r in requests]
        self.stats.requests += len(requests)
        found: dict[bytes, bytes] = {}
        missing: dict[bytes, ProofRequest] = {}
        for digest, request in zip(digests, requests, strict=True):
            if digest in found or digest in missing:
                self.stats.cache_hits += 1
            elif digest in self._cache:
                self._cache.move_to_end(digest)
                found[digest] = self._cache[digest]
                self.stats.cache_hits += 1
            elif (seal := self.source.recorded(request)) is not None:
                found[digest] = seal
                self._remember(digest, seal)
                self.stats.seals_reused += 1
            else:
                missing[digest] = request
        seals = self._make(list(missing.values()))
        self.stats.seals_made += len(seals)
        for digest, seal in zip(missing, seals, strict=True):
            found[digest] = seal
            self._remember(digest, seal)
        name = self.source.name
        result = [
            ProvenReceipt(request, name, found[digest])
            for digest, request in zip(digests, requests, strict=True)
        ]
        self.stats.seconds += time.perf_counter() - started
        return result

    def _make(self, requests: list[ProofRequest]) -> list[bytes]:
        if self.workers == 1 or len(requests) < 2 * self.workers:
            return [self.source.seal(r) for r in requests]
        chunk = max(1, len(requests) // (self.workers * 4))
        return list(self._pool().map(_seal_in_worker, requests, chunksize=chunk))

    def _remember(self, digest: bytes, seal: bytes) -> None:
        self._cache[digest] = seal
        self._cache.move_to_end(digest)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
