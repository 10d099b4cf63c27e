"""Child processes that end with the process that started them, however it ends.

On Linux a process can ask the kernel for a signal when its parent dies (``PR_SET_PDEATHSIG``):
the harness's children (anvil, prover workers, external provers) ask for one, so that even a
``kill -9`` of the harness leaves none of them behind.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: signal.Signals = signal.SIGTERM, parent: int | None = None) -> None:
    """Have the kernel send ``sig`` to this process when its parent ends.

    Called in the child (a ``preexec_fn``, a pool initializer). The signal is tied to the
    parent *thread* that started the child: start children from a thread that lives as long
    as they should. With ``parent`` (the starting process's pid) a child whose parent ended
    before the signal was armed exits at once: the kernel would never send it.
    """
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig)) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(errno)}")
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def dies_with_this_process(sig: signal.Signals = signal.SIGTERM) -> Callable[[], None]:
    """A ``preexec_fn`` for a child that must end with the calling process, even if the
    caller dies while the child is still starting."""
    return functools.partial(die_with_parent, sig, os.getpid())
