"""Child processes that end with the process that started them, however it ends.

On Linux a process can ask the kernel for a signal when its parent dies (``PR_SET_PDEATHSIG``):
the harness's children (anvil, prover workers, external provers) ask for one, so that even a
``kill -9`` of the harness leaves none of them behind.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: signal.Signals = signal.SIGTERM) -> None:
    """Have the kernel send ``sig`` to this process when its parent ends.

    Called in the child (a ``preexec_fn``, a pool initializer). The signal is tied to the
    parent *thread* that started the child: start children from a thread that lives as long
    as they should.
    """
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig)) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(errno)}")
