"""Run a sweep's units as tasks on a Dask distributed cluster (``rollup-harness[cluster]``).

A cluster worker runs a unit the way a local worker process does, so it needs what a local
sweep needs: this harness, the same version, installed with its npm tools (``make setup`` in a
checkout: anvil, and solc, which compiles the contracts into the worker's own cache), and, for
a team's rollup, its config at the same path. Before a sweep starts, every worker is asked for
its harness version, the digest of its compiled contracts (and of the config's rollup) and its
anvil version; a worker whose answer differs from this machine's, or that
cannot answer, is named in a one-line error and nothing runs.

A unit's records, its part of the manifest and its seals come back as the task's result, and
the sweep writes them. A task whose worker dies is run again by the scheduler on another worker
(up to its ``allowed-failures``); the dead attempt returned nothing, so nothing of it is
recorded. Progress reports travel as worker events on a topic of the sweep's own.
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from harness import __version__
from harness.chain.anvil import anvil_binary
from harness.common.errors import HarnessError, UsageError
from harness.common.files import atomic_write_text
from harness.sweep.grid import SweepPlan, sweep_target
from harness.sweep.reporting import Channel, Finished, run_portable
from harness.sweep.runner import SweepUnit
from harness.toolchain.solc import Artifact, project_artifacts

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT_S = 10


def requirements(backend: str, config: Path | None = None) -> dict[str, str]:
    """What a machine running units of a ``backend`` sweep of the rollup ``config`` names has:
    the harness version, a digest of the compiled contracts (the harness's, and the config's
    rollup's), and (on anvil) anvil's version; raises if it lacks one."""
    found = {"harness": __version__, "contracts": _digest(project_artifacts())}
    if config is not None:
        found["rollup"] = _digest(sweep_target(config).artifacts())
    if backend == "anvil":
        answer = subprocess.run(
            [str(anvil_binary()), "--version"], capture_output=True, text=True, check=False
        )
        found["anvil"] = (answer.stdout.strip().splitlines() or ["no version"])[0]
    return found


def _digest(artifacts: dict[str, Artifact]) -> str:
    """A short digest of ``artifacts``' names and code."""
    digest = hashlib.sha256()
    for name, artifact in sorted(artifacts.items()):
        digest.update(name.encode() + artifact.bytecode + artifact.deployed_bytecode)
    return digest.hexdigest()[:16]


def _probe(backend: str, config: Path | None) -> dict[str, str] | str:
    """:func:`requirements` on a worker, or what it lacks."""
    try:
        return requirements(backend, config)
    except (HarnessError, OSError) as exc:
        return str(exc)


def _mismatch(expected: dict[str, str], found: dict[str, str] | str | BaseException) -> str:
    """Why a worker's answer to the probe differs from ``expected`` ("" if it does not)."""
    if isinstance(found, BaseException):
        return f"{type(found).__name__}: {found}"
    if isinstance(found, str):
        return found
    return "; ".join(
        f"{key} {found.get(key, 'missing')} (here {value})"
        for key, value in expected.items()
        if found.get(key) != value
    )


def _run_task(plan: SweepPlan, unit: SweepUnit, topic: str) -> tuple[Finished, dict[str, str]]:
    """Run ``unit`` on this cluster worker: its result and its seals' files (name, text)."""
    from distributed import get_worker

    worker = get_worker()

    def channel(report: dict[str, Any]) -> None:
        worker.log_event(topic, report)

    with tempfile.TemporaryDirectory(prefix="rollup-harness-seals-") as scratch:
        receipts = Path(scratch)
        finished = run_portable(plan, unit, receipts, channel, worker=worker.address)
        seals = {path.name: path.read_text() for path in sorted(receipts.glob("*.json"))}
    return finished, seals


def _check_listening(address: str) -> None:
    """Refuse an address that is not ``[protocol://]host:port`` or where nothing listens (a
    client that cannot start leaves work behind it that delays the exit)."""
    from distributed.comm import get_address_host_port

    try:
        host, port = get_address_host_port(address)
    except ValueError as exc:
        raise UsageError(f"{address!r} is not a Dask scheduler address ({exc})") from None
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


class DaskCluster:
    """The Dask cluster of the scheduler at ``address``; use as a context manager."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(
                "a Dask cluster needs the cluster extra: pip install 'rollup-harness[cluster]'"
            ) from None
        self.address = address
        _check_listening(address)
        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = len(self._client.scheduler_info(n_workers=-1)["workers"])

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def check(self, plan: SweepPlan) -> None:
        """Refuse a cluster with no workers, or a worker that cannot run ``plan``'s units as
        this machine would (one line naming the first such worker)."""
        try:
            expected = requirements(plan.backend, plan.config)
        except (HarnessError, OSError) as exc:
            raise UsageError(f"this machine cannot check the cluster's workers: {exc}") from None
        answers = self._client.run(_probe, plan.backend, plan.config, on_error="return")
        if not answers:
            raise UsageError(f"the Dask cluster at {self.address} has no workers")
        for worker, found in sorted(answers.items()):
            reason = _mismatch(expected, found)
            if reason:
                raise UsageError(f"Dask worker {worker} cannot run sweep units: {reason}")
        self.workers = len(answers)

    def start(self, units: Sequence[SweepUnit]) -> None:
        """Nothing to start: the cluster's workers are running."""
        self.workers = min(self.workers, len(units))

    def run(
        self, plan: SweepPlan, units: Sequence[SweepUnit], receipts: Path, channel: Channel
    ) -> Iterator[Finished]:
        """Submit ``units`` (in this order) as tasks; yields each result as it comes, once its
        seals are written to ``receipts``."""
        from distributed import KilledWorker, as_completed

        sweep = uuid.uuid4().hex
        topic = f"rollup-harness-sweep-{sweep}"
        self._client.subscribe_topic(topic, lambda event: channel(event[1]))
        futures = {
            self._client.submit(
                _run_task, plan, unit, topic, key=f"sweep-{sweep}-unit-{unit.index}", pure=False
            ): unit
            for unit in units
        }
        try:
            for future in as_completed(futures, loop=self._client.loop):
                try:
                    finished, seals = future.result()
                except KilledWorker:
                    raise HarnessError(
                        f"{futures[future].name}: its cluster workers died each time it ran"
                    ) from None
                receipts.mkdir(parents=True, exist_ok=True)
                for name, text in seals.items():
                    atomic_write_text(receipts / name, text)
                yield finished
        finally:
            self._client.cancel(list(futures))
            self._client.unsubscribe_topic(topic)
