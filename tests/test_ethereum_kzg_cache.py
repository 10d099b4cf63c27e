"""Blobs' KZG parts kept on disk: found again byte for byte, bad entries made again, concurrent
writers, and the switch that turns the cache off."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import ckzg
import pytest

from harness.ethereum import blobs as kzg
from harness.ethereum import kzg_cache
from harness.ethereum.blob_tx import sidecar
from harness.ethereum.kzg_cache import CHECK_SIZE, KZG_CACHE_ENV, KZG_CACHE_OFF, KzgStore

pytestmark = pytest.mark.slow

POINT = 0x1234_5678_9ABC


def _blob(seed: int) -> bytes:
    (blob,) = kzg.pack(bytes((seed * 31 + i * 7) % 256 for i in range(20_000)))
    return blob


def _forget_in_process() -> None:
    """Drop what this process made, so the next call reads the disk (or makes it again)."""
    for kept in (kzg._COMMITMENTS, kzg._BLOB_PROOFS, kzg._CELL_PROOFS, kzg._OPENINGS):
        kept.clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KzgStore]:
    """A fresh cache folder for one test, with nothing made in the process yet."""
    monkeypatch.setenv(KZG_CACHE_ENV, str(tmp_path / "kzg"))
    _forget_in_process()
    store = kzg_cache.store(kzg.setup_id())
    assert store is not None
    yield store
    _forget_in_process()


@functools.cache
def _fresh(blob: bytes) -> tuple[bytes, bytes, tuple[bytes, ...], tuple[bytes, int]]:
    """Commitment, blob proof, cell proofs and opening at POINT, made by ckzg directly (once
    per blob in this process: they are the reference the harness's parts are compared with)."""
    setup = kzg.trusted_setup()
    commitment = bytes(ckzg.blob_to_kzg_commitment(blob, setup))
    proof = bytes(ckzg.compute_blob_kzg_proof(blob, commitment, setup))
    _cells, cell_proofs = ckzg.compute_cells_and_kzg_proofs(blob, setup)
    opened, y = ckzg.compute_kzg_proof(blob, POINT.to_bytes(32, "big"), setup)
    return (
        commitment,
        proof,
        tuple(bytes(p) for p in cell_proofs),
        (bytes(opened), int.from_bytes(y, "big")),
    )


def _parts(blob: bytes) -> tuple[bytes, bytes, tuple[bytes, ...], tuple[bytes, int]]:
    return (
        kzg.commitment(blob),
        kzg.blob_proof(blob),
        kzg.cell_proofs(blob),
        kzg.evaluation_proof(blob, POINT),
    )


def _refuse_to_make(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every KZG part-making call of ckzg fail, and the trusted setup's load, so parts can
    only come from the cache (and a process whose parts are all there never loads the setup)."""
    for name in (
        "blob_to_kzg_commitment",
        "compute_blob_kzg_proof",
        "compute_cells_and_kzg_proofs",
        "compute_kzg_proof",
    ):
        monkeypatch.setattr(ckzg, name, _made_again)
    monkeypatch.setattr(kzg, "trusted_setup", _made_again)


def _made_again(*_args: object) -> None:
    raise AssertionError("a cached part was made again")


def test_a_cache_hit_returns_the_bytes_a_fresh_computation_makes(
    cache: KzgStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = _blob(1)
    made = _parts(blob)
    assert made == _fresh(blob)
    sizes = {p.name.split(".")[1]: p.stat().st_size for p in cache.root.rglob("*.*")}
    assert sizes == {
        "commitment": 48 + CHECK_SIZE,
        "blob-proof": 48 + CHECK_SIZE,
        "cells": 128 * 48 + CHECK_SIZE,
        f"at-{POINT:064x}": 80 + CHECK_SIZE,
    }
    _forget_in_process()
    with monkeypatch.context() as patch:
        _refuse_to_make(patch)
        assert _parts(blob) == made


def test_an_osaka_sidecar_makes_and_keeps_no_blob_proof(
    cache: KzgStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From osaka on a blob transaction carries cell proofs: its blobs' EIP-4844 proofs are
    neither made nor kept."""
    with monkeypatch.context() as patch:
        patch.setattr(ckzg, "compute_blob_kzg_proof", _made_again)
        car = sidecar((_blob(4),), "osaka")
    assert len(car.proofs) == 128
    assert {p.name.split(".")[1] for p in cache.root.rglob("*.*")} == {"commitment", "cells"}


def _keep_fresh(cache: KzgStore, blob: bytes) -> list[str]:
    """Keep :func:`_fresh`'s parts of ``blob`` in ``cache``, as the harness keeps its own;
    the names of the parts kept."""
    commitment, proof, cells, (opened, y) = _fresh(blob)
    parts = {
        "commitment": commitment,
        "blob-proof": proof,
        "cells": b"".join(cells),
        f"at-{POINT:064x}": y.to_bytes(32, "big") + opened,
    }
    for part, data in parts.items():
        cache.save(blob, part, data)
    return list(parts)


def _another_blobs(cache: KzgStore, blob: bytes) -> None:
    """Copy another blob's entries, each a whole file with its checksum, over ``blob``'s."""
    other = _blob(2)
    for part in _keep_fresh(cache, other):
        cache.path(blob, part).write_bytes(cache.path(other, part).read_bytes())
        cache.path(other, part).unlink()


def _truncated(cache: KzgStore, blob: bytes) -> None:
    for path in cache.root.rglob("*.*"):
        path.write_bytes(path.read_bytes()[:-1])


def _flipped(cache: KzgStore, blob: bytes) -> None:
    for path in cache.root.rglob("*.*"):
        entry = bytearray(path.read_bytes())
        entry[5] ^= 1
        path.write_bytes(bytes(entry))


@pytest.mark.parametrize("spoil", [_truncated, _flipped, _another_blobs])
def test_a_bad_entry_is_made_again_and_replaced(
    cache: KzgStore, spoil: Callable[[KzgStore, bytes], None]
) -> None:
    # The good entries are the reference parts kept as the harness keeps them (the test above
    # checks that the harness keeps what it makes so): made once for the three spoilings.
    blob = _blob(3)
    _keep_fresh(cache, blob)
    good = {p: p.read_bytes() for p in cache.root.rglob("*.*")}
    spoil(cache, blob)
    assert {p: p.read_bytes() for p in good} != good
    assert _parts(blob) == _fresh(blob)
    assert {p: p.read_bytes() for p in cache.root.rglob("*.*")} == good


WRITER = """
import sys
from pathlib import Path
from harness.ethereum.kzg_cache import KzgStore
store = KzgStore(Path(sys.argv[1]), b"setup")
for round in range(100):
    for blob in range(8):
        store.save(bytes([blob]) * 64, "cells", bytes([blob]) * 6144)
"""


def test_concurrent_writers_leave_whole_entries(tmp_path: Path) -> None:
    store = KzgStore(tmp_path, b"setup")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)]) for _ in range(2)]
    try:
        # Once an entry is there, every read finds it whole: writers never leave half of one.
        whole: set[int] = set()
        while any(w.poll() is None for w in writers):
            for blob in range(8):
                entry = store.load(bytes([blob]) * 64, "cells", 6144)
                if entry is not None:
                    assert entry == bytes([blob]) * 6144
                    whole.add(blob)
                else:
                    assert blob not in whole
        assert [w.wait() for w in writers] == [0, 0]
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
    for blob in range(8):
        assert store.load(bytes([blob]) * 64, "cells", 6144) == bytes([blob]) * 6144
    assert whole
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".cells"] * 8


def test_off_keeps_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KZG_CACHE_ENV, KZG_CACHE_OFF)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert kzg_cache.cache_dir() is None and kzg_cache.store(b"setup") is None
    _forget_in_process()
    blob = _blob(4)
    assert _parts(blob) == _fresh(blob)
    _forget_in_process()
    assert not any(tmp_path.rglob("*"))


def test_the_cache_lives_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KZG_CACHE_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert kzg_cache.cache_dir() == tmp_path / "xdg" / "rollup-harness" / "kzg"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert kzg_cache.cache_dir() == tmp_path / ".cache" / "rollup-harness" / "kzg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert kzg_cache.cache_dir() == tmp_path / ".cache" / "rollup-harness" / "kzg"
    monkeypatch.setenv(KZG_CACHE_ENV, str(tmp_path / "elsewhere"))
    assert kzg_cache.cache_dir() == tmp_path / "elsewhere"


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv(KZG_CACHE_ENV, str(blocker))
    _forget_in_process()
    blob = _blob(5)
    assert kzg.commitment(blob) == _fresh(blob)[0]
    _forget_in_process()
    assert blocker.read_bytes() == b""
