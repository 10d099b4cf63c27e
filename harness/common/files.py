"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from harness.common.errors import UsageError


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path``'s content with ``text`` (UTF-8) in one step (see
    :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path``'s content with ``data`` in one step.

    The bytes go to a temporary file of a unique name in the same directory, are fsynced
    (unless not ``durable``), and are renamed over ``path``: a reader sees the old content or
    the new, and writers racing on one path never share a temporary file. Without the fsync
    this holds for every process while the machine runs, but a power loss before the system
    wrote the data back (about 30 s on Linux) can leave the file missing or empty. The new
    file gets the usual permissions (0666 less the umask). The temporary file is removed on
    failure; ``OSError`` propagates to the caller, which knows what the file is for.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` (it must be new or empty, so no earlier record is overwritten)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        if any(out.iterdir()):
            raise UsageError(f"output directory {out} is not empty; give a new one")
        probe = out / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {out}: {exc.strerror}") from None
    return out
