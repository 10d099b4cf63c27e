"""A sweep's manifest on disk: ``manifest.json`` beside ``txs.jsonl``, written as soon as the
runs finish, so the reports can be rendered again from the two files alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import read_json_file

MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = "rollup-harness/sweep@1"


def save_manifest(out: Path, manifest: dict[str, Any]) -> Path:
    """Write ``manifest`` to ``out/manifest.json`` in one step; the file's path."""
    path = out / MANIFEST_FILE
    try:
        atomic_write_text(path, json.dumps(manifest, indent=2) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return path


def load_manifest(out: Path) -> dict[str, Any]:
    """The manifest a sweep wrote to ``out/manifest.json``."""
    path = out / MANIFEST_FILE
    if not path.is_file():
        raise UsageError(f"{out} has no {MANIFEST_FILE}; give the output directory of a sweep")
    manifest = read_json_file(path, "sweep manifest", UsageError)
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise UsageError(f"{path} is not a sweep manifest (format {MANIFEST_FORMAT!r})")
    return manifest
