"""BN254 group arithmetic on plain Python integers: fixed-base scalar multiplication, and
the multiplication of a point that has no table (the G2 subgroup check, the multiplication
precompile of an eth-tester chain).

Field elements are those of :mod:`~harness.bn254.fields`: ints (F_q) or pairs of ints
``(real, imag)`` (F_q2). Points are affine pairs ``(x, y)`` or Jacobian
triples ``(X, Y, Z)`` standing for ``(X / Z^2, Y / Z^3)``, with ``Z = 0`` for the point at
infinity. Both BN254 groups have curve coefficient a = 0, which the doubling formula uses.

py_ecc's ``optimized_bn128`` does the same work on field-element objects, many times slower.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.bn254.fields import (
    FQ2_ONE,
    FQ2_ZERO,
    fq2_add,
    fq2_inv,
    fq2_mul,
    fq2_sub,
    fq_add,
    fq_inv,
    fq_mul,
    fq_sub,
)

_SCALAR_BITS = 256
_MAX_WINDOW_BITS = 12
DEFAULT_WINDOW_BITS = 4
"""4-bit windows: 64 additions per multiplication from a table of 960 points."""

Element = Any
"""An F_q element (int) or an F_q2 element (pair of ints, real part first)."""
Affine = tuple[Element, Element]
Jacobian = tuple[Element, Element, Element]


@dataclass(frozen=True)
class Field:
    """The operations of one coordinate field, on its plain-integer elements."""

    add: Callable[[Element, Element], Element]
    sub: Callable[[Element, Element], Element]
    mul: Callable[[Element, Element], Element]
    inv: Callable[[Element], Element]
    zero: Element
    one: Element


FQ_FIELD = Field(add=fq_add, sub=fq_sub, mul=fq_mul, inv=fq_inv, zero=0, one=1)
"""F_q: G1 coordinates."""

FQ2_FIELD = Field(add=fq2_add, sub=fq2_sub, mul=fq2_mul, inv=fq2_inv, zero=FQ2_ZERO, one=FQ2_ONE)
"""F_q2: G2 coordinates, ``(real, imag)``."""


def double(field: Field, point: Jacobian) -> Jacobian:
    """``2 * point`` in Jacobian coordinates (curve coefficient a = 0)."""
    x, y, z = point
    if z == field.zero or y == field.zero:
        return field.one, field.one, field.zero
    add, sub, mul = field.add, field.sub, field.mul
    xx = mul(x, x)
    yy = mul(y, y)
    yyyy = mul(yy, yy)
    x_plus_yy = add(x, yy)
    d = sub(sub(mul(x_plus_yy, x_plus_yy), xx), yyyy)
    d = add(d, d)
    e = add(add(xx, xx), xx)
    x3 = sub(sub(mul(e, e), d), d)
    yyyy8 = add(yyyy, yyyy)
    yyyy8 = add(yyyy8, yyyy8)
    yyyy8 = add(yyyy8, yyyy8)
    y3 = sub(mul(e, sub(d, x3)), yyyy8)
    yz = mul(y, z)
    return x3, y3, add(yz, yz)


def add_affine(field: Field, point: Jacobian, other: Affine) -> Jacobian:
    """``point + other`` for a Jacobian ``point`` and an affine (finite) ``other``."""
    x1, y1, z1 = point
    if z1 == field.zero:
        return other[0], other[1], field.one
    sub, mul = field.sub, field.mul
    zz = mul(z1, z1)
    h = sub(mul(other[0], zz), x1)
    r = sub(mul(other[1], mul(z1, zz)), y1)
    if h == field.zero:
        return double(field, point) if r == field.zero else (field.one, field.one, field.zero)
    hh = mul(h, h)
    hhh = mul(h, hh)
    v = mul(x1, hh)
    x3 = sub(sub(sub(mul(r, r), hhh), v), v)
    y3 = sub(mul(r, sub(v, x3)), mul(y1, hhh))
    return x3, y3, mul(z1, h)


def to_affine(field: Field, point: Jacobian) -> Affine | None:
    """The affine form of ``point``, or ``None`` for the point at infinity."""
    x, y, z = point
    if z == field.zero:
        return None
    mul = field.mul
    z_inverse = field.inv(z)
    zz_inverse = mul(z_inverse, z_inverse)
    return mul(x, zz_inverse), mul(y, mul(zz_inverse, z_inverse))


def scalar_multiple(field: Field, point: Affine, scalar: int) -> Affine | None:
    """``scalar * point`` (``None``: infinity) by doubling and adding, for a point that has no
    table; ``scalar`` >= 0."""
    result: Jacobian = (field.one, field.one, field.zero)
    for bit in bin(scalar)[2:]:
        result = double(field, result)
        if bit == "1":
            result = add_affine(field, result, point)
    return to_affine(field, result)


@dataclass(frozen=True)
class FixedBase:
    """Precomputed affine multiples of one point, so that multiplying it by a 256-bit scalar
    costs at most ``ceil(256 / window_bits)`` mixed additions.

    Window i holds ``j * 2**(window_bits * i) * point`` for j = 1..2**window_bits - 1. A
    multiple at infinity is held as ``None``; the windows stop at the first power multiple at
    infinity, since every later window would hold only infinity. Wider windows trade a larger
    table, built once, for fewer additions per multiplication.
    """

    field: Field
    window_bits: int
    windows: tuple[tuple[Affine | None, ...], ...]

    @classmethod
    def of(
        cls, field: Field, point: Affine | None, window_bits: int = DEFAULT_WINDOW_BITS
    ) -> FixedBase:
        """Build the table for ``point`` (``None``: the point at infinity)."""
        if not 1 <= window_bits <= _MAX_WINDOW_BITS:
            raise ValueError(f"window_bits must be between 1 and {_MAX_WINDOW_BITS}")
        windows: list[tuple[Affine | None, ...]] = []
        base = point
        for _ in range(-(-_SCALAR_BITS // window_bits)):
            if base is None:
                break
            multiples: list[Jacobian] = [(base[0], base[1], field.one)]
            for _ in range((1 << window_bits) - 1):
                multiples.append(add_affine(field, multiples[-1], base))
            affine = [to_affine(field, multiple) for multiple in multiples]
            windows.append(tuple(affine[:-1]))
            base = affine[-1]
        return cls(field, window_bits, tuple(windows))

    def multiply(self, scalar: int) -> Affine | None:
        """``scalar * point`` in affine form (``None``: infinity), for ``0 <= scalar < 2**256``."""
        if not 0 <= scalar < 1 << _SCALAR_BITS:
            raise ValueError("scalar must be a non-negative 256-bit integer")
        field = self.field
        result: Jacobian = (field.one, field.one, field.zero)
        mask = (1 << self.window_bits) - 1
        for window in self.windows:
            digit = scalar & mask
            if digit:
                multiple = window[digit - 1]
                if multiple is not None:
                    result = add_affine(field, result, multiple)
            scalar >>= self.window_bits
        return to_affine(field, result)
