"""Typed reads of fields from parsed JSON documents (version table, receipt corpus).

Each reader raises :class:`FieldError` with a short message naming the field; the module that
owns the file format turns it into the project error with the file and entry attached.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.common.hexcodec import from_hex

MAX_NESTING = 64
"""Deepest JSON nesting accepted. py_ecc raises the interpreter's recursion limit on import,
so a deeper document could overflow the C stack inside the JSON decoder instead of failing."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class FieldError(Exception):
    """A field is missing or has the wrong type or form."""


def load_json(content: str | bytes) -> Any:
    """Parse UTF-8 JSON nested at most :data:`MAX_NESTING` deep; ValueError if it is not."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    depth = deepest = 0
    for bracket in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise ValueError(f"nested more than {MAX_NESTING} levels deep")
    return json.loads(text)


def read_json_file(path: Path, what: str, error: type[Exception]) -> Any:
    """Parse the JSON file at ``path`` with :func:`load_json`; a file that cannot be read, or is
    not JSON, raises ``error`` with one line naming ``what`` it was meant to be."""
    try:
        return load_json(path.read_bytes())
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise error(f"{path}: not JSON ({exc})") from None


def problem(exc: Exception) -> str:
    """What ``exc``, raised while reading a JSON document, says is wrong with it (a
    ``KeyError`` names the missing key)."""
    return f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)


def entry_object(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a JSON object."""
    if not isinstance(value, Mapping):
        raise FieldError(f"expected an object, got {type(value).__name__}")
    return value


def field(entry: Mapping[str, Any], key: str) -> Any:
    """The value of a required field."""
    if key not in entry_object(entry):
        raise FieldError(f"missing key {key!r}")
    return entry[key]


def text(entry: Mapping[str, Any], key: str) -> str:
    """A required string field."""
    value = field(entry, key)
    if not isinstance(value, str):
        raise FieldError(f"{key} must be a string")
    return value


def items(entry: Mapping[str, Any], key: str) -> list[Any]:
    """A required list field."""
    value = field(entry, key)
    if not isinstance(value, list):
        raise FieldError(f"{key} must be a list")
    return value


def hex_bytes(entry: Mapping[str, Any], key: str, size: int | None = None) -> bytes:
    """A required ``0x``-hex field, optionally of exactly ``size`` bytes."""
    try:
        return from_hex(field(entry, key), size)
    except ValueError as exc:
        raise FieldError(f"{key}: {exc}") from None


def optional_hex(entry: Mapping[str, Any], key: str, size: int | None = None) -> bytes | None:
    """An optional ``0x``-hex field; ``None`` when absent or null."""
    if entry_object(entry).get(key) is None:
        return None
    return hex_bytes(entry, key, size)


def decimal(entry: Mapping[str, Any], key: str) -> int:
    """A required non-negative integer written as a decimal string."""
    value = text(entry, key)
    if not (value.isascii() and value.isdecimal()):
        raise FieldError(f"{key} must be a decimal string")
    return int(value)
