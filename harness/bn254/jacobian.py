"""BN254 group arithmetic on plain Python integers: fixed-base scalar multiplication, and
the multiplication of a point that has no table, or none yet (the G2 subgroup check, the
multiplication precompile of an eth-tester chain, a fixed base's first products).

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
    table (or none yet); ``scalar`` >= 0."""
    result: Jacobian = (field.one, field.one, field.zero)
    for bit in bin(scalar)[2:]:
        result = double(field, result)
        if bit == "1":
            result = add_affine(field, result, point)
    return to_affine(field, result)


TABLE_POINTS_PER_PRODUCT = 256
"""What a product by doubling and adding costs, in points of a :class:`FixedBase` table built:
measured, a 6-bit G2 table (2,709 points) 0.12 s against 10 ms a product, an 8-bit one (8,160)
0.36 s, a 6-bit G1 table 35 ms against 3.3 ms."""


class FixedBase:
    """Multiplies one point by 256-bit scalars, from a table of its precomputed multiples once
    it has been asked for more than ``plain_products`` products (by doubling and adding before).
    By default that is as many as the table would cost (see :data:`TABLE_POINTS_PER_PRODUCT`),
    so a process that multiplies the point a few times never pays for a table: the example
    prover proving one seal makes 9 products of G1 and 4 of G2.

    With the table, a product costs at most ``ceil(256 / window_bits)`` mixed additions.
    Window i holds ``j * 2**(window_bits * i) * point`` for j = 1..2**window_bits - 1. A
    multiple at infinity is held as ``None``; the windows stop at the first power multiple at
    infinity, since every later window would hold only infinity. Wider windows trade a larger
    table, built once, for fewer additions per multiplication.
    """

    def __init__(
        self,
        field: Field,
        point: Affine | None,
        window_bits: int = DEFAULT_WINDOW_BITS,
        plain_products: int | None = None,
    ) -> None:
        if not 1 <= window_bits <= _MAX_WINDOW_BITS:
            raise ValueError(f"window_bits must be between 1 and {_MAX_WINDOW_BITS}")
        self.field = field
        self.point = point
        self.window_bits = window_bits
        if plain_products is None:
            table_points = -(-_SCALAR_BITS // window_bits) * ((1 << window_bits) - 1)
            plain_products = table_points // TABLE_POINTS_PER_PRODUCT
        self._plain_left = plain_products
        self._windows: tuple[tuple[Affine | None, ...], ...] | None = None

    @property
    def tabulated(self) -> bool:
        """Whether the table has been built."""
        return self._windows is not None

    def tabulate(self) -> tuple[tuple[Affine | None, ...], ...]:
        """The table, built now if it is not yet, whatever the products made so far: for a
        process about to fork workers that will each multiply the point many times."""
        if self._windows is None:
            self._windows = _windows(self.field, self.point, self.window_bits)
        return self._windows

    def multiply(self, scalar: int) -> Affine | None:
        """``scalar * point`` in affine form (``None``: infinity), for ``0 <= scalar < 2**256``."""
        if not 0 <= scalar < 1 << _SCALAR_BITS:
            raise ValueError("scalar must be a non-negative 256-bit integer")
        if self._windows is None and self._plain_left > 0:
            self._plain_left -= 1
            return None if self.point is None else scalar_multiple(self.field, self.point, scalar)
        windows = self.tabulate()
        field = self.field
        result: Jacobian = (field.one, field.one, field.zero)
        mask = (1 << self.window_bits) - 1
        for window in windows:
            digit = scalar & mask
            if digit:
                multiple = window[digit - 1]
                if multiple is not None:
                    result = add_affine(field, result, multiple)
            scalar >>= self.window_bits
        return to_affine(field, result)


def _windows(
    field: Field, point: Affine | None, window_bits: int
) -> tuple[tuple[Affine | None, ...], ...]:
    """The table of :class:`FixedBase`: each window's multiples, and the next window's base."""
    windows: list[tuple[Affine | None, ...]] = []
    base = point
    for _ in range(-(-_SCALAR_BITS // window_bits)):
        if base is None:
            break
        multiples: list[Jacobian] = [(base[0], base[1], field.one)]
        for _ in range((1 << window_bits) - 1):
            multiples.append(add_affine(field, multiples[-1], base))
        affine = _all_to_affine(field, multiples)
        windows.append(tuple(affine[:-1]))
        base = affine[-1]
    return tuple(windows)


def _all_to_affine(field: Field, points: list[Jacobian]) -> list[Affine | None]:
    """:func:`to_affine` of every point with one field inversion for all of them: the inverse
    of the product of their Z coordinates gives each Z's inverse in two multiplications."""
    mul, zero, one = field.mul, field.zero, field.one
    zs = [one if z == zero else z for _, _, z in points]  # infinity's Z is left out
    prefixes = [one]
    for z in zs[:-1]:
        prefixes.append(mul(prefixes[-1], z))
    inverse = field.inv(mul(prefixes[-1], zs[-1]))  # of the product of every Z
    affine: list[Affine | None] = [None] * len(points)
    for index in reversed(range(len(points))):
        x, y, z = points[index]
        z_inverse = mul(inverse, prefixes[index])
        inverse = mul(inverse, zs[index])
        if z != zero:
            zz_inverse = mul(z_inverse, z_inverse)
            affine[index] = mul(x, zz_inverse), mul(y, mul(zz_inverse, z_inverse))
    return affine
