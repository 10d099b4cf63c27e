"""Records whose JSON object holds one key per field, in field order.

A tuple field is written as a JSON list and read back as a tuple (nested ones too); a field
that is itself a record is written with its own ``to_json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def flat_json(record: Any) -> dict[str, Any]:
    """``record``'s fields as a JSON object, in field order."""
    return {f.name: _written(getattr(record, f.name)) for f in fields(record)}


def flat_values(cls: type[T], data: Mapping[str, Any]) -> dict[str, Any]:
    """The value of each field of ``cls`` in ``data`` (lists as tuples); keys ``cls`` has no
    field for are ignored, a missing one is a :class:`KeyError`."""
    return {f.name: _read(data[f.name]) for f in fields(cls)}  # type: ignore[arg-type]


def _written(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_written(item) for item in value]
    if is_dataclass(value):
        return value.to_json()  # type: ignore[attr-defined]
    return value


def _read(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_read(item) for item in value)
    return value
