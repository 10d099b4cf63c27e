"""ABI encoding of arguments whose types are all elementary, without a codec's dispatch.

eth_abi's codec checks and encodes each value through a chain of encoder objects (about
20 µs for a one-argument call, a large share of what the harness itself spends on a
transaction). :func:`elementary_encoder` gives, for parameter types that are all
``uint<M>``, ``int<M>``, ``bool``, ``bytes<M>`` or ``bytes``, a function that encodes
arguments of exactly the Python type each takes (an ``int`` in range, a ``bool``, ``bytes`` of
the type's length) into the same head-tail bytes. It answers None for any other argument (a
subclass, an ``int`` out of range, ``bytes`` of another length, a hex string), which the caller
then hands to the codec: that encodes or rejects it as always.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

#: Bytes in one ABI word.
WORD = 32
_INTEGER = re.compile(r"(u?)int(\d+)")
_FIXED_BYTES = re.compile(r"bytes(\d+)")
#: Return types a call's answer is decoded from without web3: one value, not an array or tuple.
ELEMENTARY_OUTPUT = re.compile(r"u?int\d+|bool|bytes\d*|address|string")

#: One argument's encoding (a head word, or a dynamic value's tail); None if not taken.
Part = Callable[[Any], bytes | None]
#: A call's arguments encoded; None if one of them is not taken.
Encoder = Callable[[Sequence[Any]], bytes | None]


def _unsigned(bits: int) -> Part:
    top = 1 << bits

    def word(value: Any) -> bytes | None:
        if type(value) is not int or not 0 <= value < top:
            return None
        return value.to_bytes(WORD, "big")

    return word


def _signed(bits: int) -> Part:
    top = 1 << (bits - 1)

    def word(value: Any) -> bytes | None:
        if type(value) is not int or not -top <= value < top:
            return None
        return value.to_bytes(WORD, "big", signed=True)

    return word


def _fixed_bytes(size: int) -> Part:
    def word(value: Any) -> bytes | None:
        if type(value) is not bytes or len(value) != size:
            return None
        return value + bytes(WORD - size)

    return word


def _bool(value: Any) -> bytes | None:
    if type(value) is not bool:
        return None
    return int(value).to_bytes(WORD, "big")


def _dynamic_bytes(value: Any) -> bytes | None:
    if type(value) is not bytes:
        return None
    return len(value).to_bytes(WORD, "big") + value + bytes(-len(value) % WORD)


def _part(abi_type: str) -> tuple[bool, Part] | None:
    """Whether ``abi_type`` is dynamic and how one argument of it is encoded; None unless it
    is one of the elementary types this module encodes."""
    if abi_type == "bytes":
        return True, _dynamic_bytes
    if abi_type == "bool":
        return False, _bool
    if integer := _INTEGER.fullmatch(abi_type):
        bits = int(integer[2])
        if bits % 8 or not 8 <= bits <= 256:
            return None
        return False, (_unsigned if integer[1] else _signed)(bits)
    if fixed := _FIXED_BYTES.fullmatch(abi_type):
        size = int(fixed[1])
        return (False, _fixed_bytes(size)) if 1 <= size <= WORD else None
    return None


def elementary_encoder(types: Sequence[str]) -> Encoder | None:
    """An encoder of arguments of the canonical ABI ``types`` (the same bytes as eth_abi's
    ``encode(types, args)``); None if one of the types is not elementary."""
    parts = [_part(abi_type) for abi_type in types]
    taken = tuple(part for part in parts if part is not None)
    if len(taken) != len(parts):
        return None
    heads_size = WORD * len(taken)

    def encode(args: Sequence[Any]) -> bytes | None:
        if len(args) != len(taken):
            return None
        heads: list[bytes] = []
        tails: list[bytes] = []
        offset = heads_size
        for (dynamic, part), value in zip(taken, args, strict=True):
            encoded = part(value)
            if encoded is None:
                return None
            if dynamic:
                heads.append(offset.to_bytes(WORD, "big"))
                tails.append(encoded)
                offset += len(encoded)
            else:
                heads.append(encoded)
        return b"".join(heads) + b"".join(tails)

    return encode
