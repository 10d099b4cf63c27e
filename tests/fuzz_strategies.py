"""Hypothesis strategies shared by the fuzz tests: JSON values and one-edit mutations of documents.

A mutation picks one place in a JSON document (a key's value or a list item) and either deletes
it, replaces it with an arbitrary JSON value, or edits it the way a corrupted or hand-edited file
would: a hex string with a changed digit, a byte more or less, other casing, no ``0x`` or
whitespace; a decimal string with a changed, extra or foreign digit; a number off by one,
negative, huge, fractional or quoted; a list one item shorter or longer.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=24)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=10,
)


@dataclass(frozen=True)
class Mutation:
    """One edit of a document: the place, and the value put there (``deleted`` if removed)."""

    path: Path
    old: Any
    new: Any
    deleted: bool
    document: Any


def places(document: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every path to a value inside ``document`` (the document itself excluded)."""
    if isinstance(document, dict):
        items: Any = document.items()
    elif isinstance(document, list):
        items = enumerate(document)
    else:
        return
    for key, value in items:
        yield (*prefix, key)
        yield from places(value, (*prefix, key))


def value_at(document: Any, path: Path) -> Any:
    """The value at ``path``."""
    for key in path:
        document = document[key]
    return document


def _is_hex(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("0x") and len(value) % 2 == 0


def _hex_edits(text: str) -> st.SearchStrategy[str]:
    digits = text[2:]
    edits = [
        st.just(text.upper()),
        st.just(digits),
        st.just(text[:-2]),
        st.just(text + "00"),
        st.just(text + "0"),
        st.just("0x" + "zz" + digits[2:]),
        st.just("0x " + digits),
        st.just(text + "\n"),
    ]
    if digits:
        edits.append(
            st.integers(0, len(digits) - 1).flatmap(
                lambda i: (
                    st.sampled_from("0123456789abcdef")
                    .filter(lambda d, i=i: d != digits[i].lower())
                    .map(lambda d, i=i: "0x" + digits[:i] + d + digits[i + 1 :])
                )
            )
        )
    return st.one_of(edits)


def _decimal_edits(text: str) -> st.SearchStrategy[str]:
    changed_digit = st.integers(0, len(text) - 1).flatmap(
        lambda i: st.sampled_from("0123456789").map(lambda d: text[:i] + d + text[i + 1 :])
    )
    return st.one_of(
        changed_digit,
        st.sampled_from(["0" + text, "+" + text, text + "0", "\u0661" + text, text[:-1], ""]),
    )


def _number_edits(value: int | float) -> st.SearchStrategy[Any]:
    edits: list[st.SearchStrategy[Any]] = [
        st.just(str(value)),
        st.just(-value - 1),
        st.just(value + 0.5),
        st.just(value > 0),
        st.sampled_from([10**30, 2**256, math.inf, -math.inf, math.nan]),
    ]
    if isinstance(value, int):
        edits.append(st.just(value + 1))
    return st.one_of(edits)


def _list_edits(value: list[Any]) -> st.SearchStrategy[list[Any]]:
    return st.one_of(
        st.just(value[:-1]), st.just(value + value[-1:]), st.just(value + [None]), st.just([])
    )


def _replacements(old: Any) -> st.SearchStrategy[Any]:
    choices = [json_values]
    if _is_hex(old):
        choices.append(_hex_edits(old))
    elif isinstance(old, int | float) and not isinstance(old, bool):
        choices.append(_number_edits(old))
    elif isinstance(old, list):
        choices.append(_list_edits(old))
    elif isinstance(old, str) and old.isdecimal():
        choices.append(_decimal_edits(old))
    elif isinstance(old, str):
        choices.append(st.sampled_from(["", old.upper(), old + " ", old[:-1]]))
    return st.one_of(choices)


_DELETE = object()


@st.composite
def mutations(draw: st.DrawFn, document: Any, *, within: Path = ()) -> Mutation:
    """One edit of a deep copy of ``document`` at a place under ``within``."""
    candidates = [path for path in places(document) if path[: len(within)] == within]
    path = draw(st.sampled_from(candidates))
    old = value_at(document, path)
    new = draw(st.one_of(_replacements(old), st.just(_DELETE)))
    changed = copy.deepcopy(document)
    parent = value_at(changed, path[:-1])
    if new is _DELETE:
        del parent[path[-1]]
        return Mutation(path, old, None, True, changed)
    parent[path[-1]] = new
    return Mutation(path, old, new, False, changed)


def same_json(left: Any, right: Any) -> bool:
    """Whether two JSON values are equal, hex strings compared without regard to case (and a
    NaN equal to a NaN)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_json, left, right))
    if _is_hex(left) and _is_hex(right):
        return left.lower() == right.lower()
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right
