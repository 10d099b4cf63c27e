"""``0x``-prefixed hex strings, as RISC Zero data files and Solidity literals write bytes."""

from __future__ import annotations

import re

_HEX = re.compile(r"0x(?:[0-9a-fA-F]{2})*")


def from_hex(text: object, size: int | None = None) -> bytes:
    """Decode ``0x``-prefixed hex, optionally of exactly ``size`` bytes.

    Raises ValueError with a short description of what is wrong.
    """
    if not isinstance(text, str) or not _HEX.fullmatch(text):
        raise ValueError(f"expected 0x-prefixed hex bytes, got {_preview(text)}")
    data = bytes.fromhex(text[2:])
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes, got {len(data)}")
    return data


def to_hex(data: bytes) -> str:
    """Encode bytes as ``0x``-prefixed lowercase hex."""
    return "0x" + data.hex()


def _preview(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else text[:21] + "..."
