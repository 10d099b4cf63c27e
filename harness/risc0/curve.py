"""BN254 points: the seal/verifying-key integer form, validation as the EVM precompiles do it,
and fixed-base scalar multiplication.

Outside this module a point is a tuple of integers: G1 as ``(x, y)``, G2 as
``(x_imag, x_real, y_imag, y_real)`` (the precompile order), with all zeros meaning the point at
infinity. Inside, points are py_ecc ``optimized_bn128`` projective points, whose FQ2 coefficients
are ordered ``(real, imag)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from py_ecc.optimized_bn128 import (
    FQ,
    FQ2,
    Z1,
    Z2,
    add,
    b,
    b2,
    curve_order,
    is_inf,
    is_on_curve,
    multiply,
    normalize,
)

from harness.common.errors import ReceiptError
from harness.risc0.inputs import BN254_BASE_FIELD

G1Affine = tuple[int, int]
G2Affine = tuple[int, int, int, int]
Point = tuple[Any, Any, Any]
"""A py_ecc projective point (x, y, z) over FQ (G1) or FQ2 (G2)."""

_WINDOW_BITS = 4
_SCALAR_BITS = 256


def _require_coordinates(coordinates: tuple[int, ...], name: str) -> None:
    if not all(0 <= value < BN254_BASE_FIELD for value in coordinates):
        raise ReceiptError(f"{name} has a coordinate outside the BN254 base field")


def g1_point(point: G1Affine, name: str) -> Point:
    """Validate a G1 point as the precompiles do (coordinates < q, on the curve) and convert it."""
    _require_coordinates(point, name)
    x, y = point
    if x == 0 and y == 0:
        return Z1
    converted = (FQ(x), FQ(y), FQ.one())
    if not is_on_curve(converted, b):
        raise ReceiptError(f"{name} is not on the BN254 curve")
    return converted


def g2_point(point: G2Affine, name: str) -> Point:
    """Validate a G2 point as the pairing precompile does (range, twist curve, subgroup)."""
    _require_coordinates(point, name)
    x_imag, x_real, y_imag, y_real = point
    if not any(point):
        return Z2
    converted = (FQ2([x_real, x_imag]), FQ2([y_real, y_imag]), FQ2.one())
    if not is_on_curve(converted, b2):
        raise ReceiptError(f"{name} is not on the BN254 twist curve")
    if not is_inf(multiply(converted, curve_order)):
        raise ReceiptError(f"{name} is not in the BN254 G2 subgroup")
    return converted


def g1_affine(point: Point) -> G1Affine:
    """The integer form of a G1 point; the point at infinity becomes ``(0, 0)``."""
    if is_inf(point):
        return 0, 0
    x, y = normalize(point)
    return x.n, y.n


def g2_affine(point: Point) -> G2Affine:
    """The integer form of a G2 point, imaginary coefficients first."""
    if is_inf(point):
        return 0, 0, 0, 0
    x, y = normalize(point)
    return x.coeffs[1], x.coeffs[0], y.coeffs[1], y.coeffs[0]


@dataclass(frozen=True)
class FixedBase:
    """Precomputed multiples of one point, so that multiplying it by a scalar costs at most
    64 additions (4-bit windows over 256-bit scalars)."""

    windows: tuple[tuple[Point, ...], ...]

    @classmethod
    def of(cls, point: Point) -> FixedBase:
        """Build the table for ``point``: window i holds ``j * 16**i * point`` for j = 1..15."""
        windows = []
        base = point
        for _ in range(_SCALAR_BITS // _WINDOW_BITS):
            multiples = [base]
            for _ in range((1 << _WINDOW_BITS) - 2):
                multiples.append(add(multiples[-1], base))
            windows.append(tuple(multiples))
            base = add(multiples[-1], base)
        return cls(tuple(windows))

    def multiply(self, scalar: int) -> Point:
        """Return ``scalar * point`` for ``0 <= scalar < 2**256``."""
        if not 0 <= scalar < 1 << _SCALAR_BITS:
            raise ValueError("scalar must be a non-negative 256-bit integer")
        field = type(self.windows[0][0][0])
        result: Point = (field.one(), field.one(), field.zero())
        for window in self.windows:
            digit = scalar & ((1 << _WINDOW_BITS) - 1)
            if digit:
                result = add(result, window[digit - 1])
            scalar >>= _WINDOW_BITS
        return result
