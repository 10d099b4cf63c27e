"""Blobs' KZG parts kept on disk, so that each is computed once per machine, not once per process.

A blob's commitment and proofs depend on nothing but its bytes and the trusted setup, and the
workloads are seeded: the same blobs recur across runs, strategies, sweep units and tests. This
module only stores and finds bytes; :mod:`harness.ethereum.blobs` decides what to keep.

Where
    ``$ROLLUP_HARNESS_KZG_CACHE`` if set (``off`` turns the cache off), else
    ``$XDG_CACHE_HOME/rollup-harness/kzg``, else ``~/.cache/rollup-harness/kzg``. It is shared by
    every checkout of the project: unlike compiled contracts, nothing in it depends on the
    project's sources.

Entries
    One file per blob and part: ``<format>/<k[:2]>/<k>.<part>``, where ``k`` is the SHA-256 of
    the setup's identity and the blob. The file holds the part's bytes followed by the SHA-256
    of ``k``, the part's name and the bytes: a truncated, corrupted or misplaced file fails that
    check and reads as missing. Files are written to a temporary name and renamed, so processes
    writing the same entry at once leave one whole copy. A file that cannot be written is simply
    not kept: the cache only saves time.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from harness.common.files import atomic_write_bytes

#: The environment variable that moves the cache (a directory) or turns it off (``off``).
KZG_CACHE_ENV = "ROLLUP_HARNESS_KZG_CACHE"
#: The value of :data:`KZG_CACHE_ENV` that turns the cache off.
KZG_CACHE_OFF = "off"
#: The layout of the entries; a change of layout starts a fresh folder beside the old one.
ENTRY_FORMAT = "v1"
#: The bytes an entry adds to the part it keeps.
CHECK_SIZE = 32


def cache_dir() -> Path | None:
    """Where blobs' KZG parts are kept (see the module docstring); None when it is off."""
    configured = os.environ.get(KZG_CACHE_ENV, "")
    if configured == KZG_CACHE_OFF:
        return None
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "rollup-harness" / "kzg"


@dataclass(frozen=True)
class KzgStore:
    """The entries under ``root`` made with the trusted setup whose identity is ``setup_id``."""

    root: Path
    setup_id: bytes

    def path(self, blob: bytes, part: str) -> Path:
        """The file that keeps ``part`` of ``blob``."""
        key = hashlib.sha256(self.setup_id + blob).hexdigest()
        return self.root / ENTRY_FORMAT / key[:2] / f"{key}.{part}"

    def load(self, blob: bytes, part: str, size: int) -> bytes | None:
        """The ``size`` bytes kept as ``part`` of ``blob``; None if there is no such entry or it
        fails its check."""
        path = self.path(blob, part)
        try:
            entry = path.read_bytes()
        except OSError:
            return None
        if len(entry) != size + CHECK_SIZE:
            return None
        data = entry[:size]
        return data if entry[size:] == _check(path, data) else None

    def save(self, blob: bytes, part: str, data: bytes) -> None:
        """Keep ``data`` as ``part`` of ``blob`` (nothing happens if it cannot be written)."""
        path = self.path(blob, part)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not synced to disk: an entry a power loss cuts short or empties fails its check
            # on the next load and is made again, like a missing one.
            atomic_write_bytes(path, data + _check(path, data), durable=False)
        except OSError:
            return


def store(setup_id: bytes) -> KzgStore | None:
    """The cache for the trusted setup ``setup_id`` as the environment places it; None when off."""
    root = cache_dir()
    return None if root is None else KzgStore(root, setup_id)


def _check(path: Path, data: bytes) -> bytes:
    """What follows ``data`` in the entry at ``path``: binds the bytes to the blob and part."""
    return hashlib.sha256(path.name.encode() + data).digest()
