"""Atomic file writes: a reader sees the old content or the new, never a mix or a leftover."""

from __future__ import annotations

import os
import threading

import pytest

from harness.common.files import atomic_write_text


def test_the_file_holds_exactly_the_new_text_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old")
    atomic_write_text(path, "new ✓\n")
    assert path.read_text(encoding="utf-8") == "new ✓\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_the_new_file_gets_the_usual_permissions(tmp_path):
    path = tmp_path / "out.json"
    atomic_write_text(path, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_concurrent_writers_each_leave_one_whole_version(tmp_path):
    path = tmp_path / "shared.json"
    texts = [str(i) * 50_000 for i in range(8)]
    threads = [threading.Thread(target=atomic_write_text, args=(path, t)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert path.read_text() in texts
    assert [p.name for p in tmp_path.iterdir()] == ["shared.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(path, "\udc80")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(("durable", "syncs"), [(True, 1), (False, 0)])
def test_only_a_durable_write_is_fsynced(tmp_path, monkeypatch, durable, syncs):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    atomic_write_text(tmp_path / "out.json", "x", durable=durable)
    assert len(synced) == syncs
    assert (tmp_path / "out.json").read_text() == "x"
