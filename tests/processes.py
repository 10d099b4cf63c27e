"""The machine's processes as /proc shows them, for tests that check nothing outlives a run."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessEntry:
    """One process: its parent, its process group, and its state letter (``Z``: a zombie)."""

    parent: int
    group: int
    state: str

    @property
    def alive(self) -> bool:
        """Whether it runs (a zombie waiting to be reaped does not)."""
        return self.state not in ("Z", "X")


def _entry(pid: int) -> ProcessEntry | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # it ended while we looked
        return None
    state, parent, group = stat[stat.rindex(")") + 2 :].split()[:3]
    return ProcessEntry(int(parent), int(group), state)


def processes() -> dict[int, ProcessEntry]:
    """Every process of the machine, by pid."""
    table = {}
    for path in Path("/proc").iterdir():
        if path.name.isdigit() and (entry := _entry(int(path.name))) is not None:
            table[int(path.name)] = entry
    return table


def is_alive(pid: int) -> bool:
    """Whether ``pid`` runs."""
    entry = _entry(pid)
    return entry is not None and entry.alive


def command_line(pid: int) -> str:
    """The command line ``pid`` runs, its arguments joined by spaces ("" once it has ended)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def descendants(pid: int) -> set[int]:
    """The processes ``pid`` started, the ones they started, and so on."""
    table = processes()
    found: set[int] = set()
    parents = [pid]
    while parents:
        parent = parents.pop()
        children = {child for child, entry in table.items() if entry.parent == parent}
        parents.extend(children - found)
        found |= children
    return found


def wait_until_gone(select: Callable[[int, ProcessEntry], bool], seconds: float = 10) -> None:
    """Wait until no live process is selected by ``select(pid, entry)``; AssertionError naming
    the ones still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        alive = sorted(
            pid for pid, entry in processes().items() if entry.alive and select(pid, entry)
        )
        if not alive:
            return
        assert time.monotonic() < deadline, f"processes {alive} outlived what started them"
        time.sleep(0.05)


def interruptible() -> None:
    """A ``preexec_fn`` giving the child SIGINT's default action: a test started in the
    background by a shell without job control inherits SIGINT ignored, and a child that keeps
    it ignored could not be interrupted as a terminal's Ctrl-C interrupts it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
