"""Child processes that end with the process that started them, however it ends.

On Linux a process can ask the kernel for a signal when its parent dies (``PR_SET_PDEATHSIG``):
the harness's children (anvil, prover workers, external provers) ask for one, so that even a
``kill -9`` of the harness leaves none of them behind. A forked worker asks from Python
(:func:`die_with_parent`); a program the harness runs is started through ``setpriv``
(:func:`ending_with_this_process`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
from collections.abc import Sequence

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: signal.Signals, parent: int) -> None:
    """Have the kernel send ``sig`` to this process when its parent, ``parent`` (the starting
    process's pid), ends.

    Called in a forked child (a process pool's initializer). The signal is tied to the
    parent *thread* that started the child: start children from a thread that lives as long
    as they should. A child whose parent ended before the signal was armed exits at once: the
    kernel would never send it.
    """
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(code)}")
    if os.getppid() != parent:
        os._exit(1)


def ending_with_this_process(
    argv: Sequence[str], sig: signal.Signals = signal.SIGTERM
) -> list[str]:
    """``argv`` as a command that ends with the calling process, even if the caller dies while
    the command is still starting: util-linux's ``setpriv`` arms ``sig``, then a shell runs the
    program in its place only if its parent is still the caller (one that ended before the
    signal was armed would never send it: the command then exits with status 1). Each step
    replaces the one before it, so the process ``subprocess`` started is the program itself,
    run by the path ``argv[0]`` resolves to. As with :func:`die_with_parent`, the signal is
    tied to the thread that starts the command.

    No Python runs in the child between its fork and its exec (no ``preexec_fn``), so
    ``subprocess`` starts it with ``vfork``. A ``fork`` of a large process copies its page
    tables, and both sides then fault on every page they write: from a 385 MB process a start
    took some 50 ms of CPU that way, against 3 ms.

    Raises :class:`OSError` naming ``setpriv``, or ``argv[0]``, when either is not an
    executable file. A file that is one but that the kernel will not run (a ``#!`` line naming
    a missing interpreter) makes the command exit with status 127, the shell saying why on its
    standard error.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise OSError(errno.ENOENT, "setpriv (util-linux) is not installed", "setpriv")
    program = shutil.which(argv[0])
    if program is None:
        code = errno.EACCES if os.sep in argv[0] and os.path.exists(argv[0]) else errno.ENOENT
        raise OSError(code, os.strerror(code), argv[0])
    return [
        setpriv,
        f"--pdeathsig={sig.name}",
        "--",
        "/bin/sh",
        "-c",
        'test "$PPID" = "$1" && shift && exec "$@"',
        "rollup-harness",
        str(os.getpid()),
        program,
        *argv[1:],
    ]
