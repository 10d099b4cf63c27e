"""BN254 points: the seal/verifying-key integer form, validation as the EVM precompiles do it,
and fixed-base scalar multiplication.

Outside this module a point is a tuple of integers: G1 as ``(x, y)``, G2 as
``(x_imag, x_real, y_imag, y_real)`` (the precompile order), with all zeros meaning the point at
infinity. Inside, points are py_ecc ``optimized_bn128`` projective points, whose FQ2 coefficients
are ordered ``(real, imag)``. Fixed-base multiplication works on the integer form, with the
plain-integer arithmetic of :mod:`~harness.bn254.jacobian`.
"""

from __future__ import annotations

from typing import Any

from py_ecc.optimized_bn128 import (
    FQ,
    FQ2,
    Z1,
    Z2,
    b,
    b2,
    curve_order,
    is_inf,
    is_on_curve,
    normalize,
)

from harness.bn254.fields import BN254_BASE_FIELD
from harness.bn254.jacobian import (
    DEFAULT_WINDOW_BITS,
    FQ2_FIELD,
    FQ_FIELD,
    FixedBase,
    scalar_multiple,
)
from harness.common.errors import ReceiptError

G1Affine = tuple[int, int]
G2Affine = tuple[int, int, int, int]
Point = tuple[Any, Any, Any]
"""A py_ecc projective point (x, y, z) over FQ (G1) or FQ2 (G2)."""


def _require_coordinates(coordinates: tuple[int, ...], name: str) -> None:
    if not all(0 <= value < BN254_BASE_FIELD for value in coordinates):
        raise ReceiptError(f"{name} has a coordinate outside the BN254 base field")


def g1_point(point: G1Affine, name: str) -> Point:
    """Validate a G1 point as the precompiles do (coordinates < q, on the curve) and convert it."""
    _require_coordinates(point, name)
    converted = g1_projective(point)
    if not is_inf(converted) and not is_on_curve(converted, b):
        raise ReceiptError(f"{name} is not on the BN254 curve")
    return converted


def g1_projective(point: G1Affine) -> Point:
    """The py_ecc form of a G1 point in integer form, taken as it is (no validation)."""
    x, y = point
    if x == 0 and y == 0:
        return Z1
    return FQ(x), FQ(y), FQ.one()


def g2_point(point: G2Affine, name: str) -> Point:
    """Validate a G2 point as the pairing precompile does (range, twist curve, subgroup)."""
    _require_coordinates(point, name)
    x_imag, x_real, y_imag, y_real = point
    if not any(point):
        return Z2
    converted = (FQ2([x_real, x_imag]), FQ2([y_real, y_imag]), FQ2.one())
    if not is_on_curve(converted, b2):
        raise ReceiptError(f"{name} is not on the BN254 twist curve")
    if scalar_multiple(FQ2_FIELD, ((x_real, x_imag), (y_real, y_imag)), curve_order) is not None:
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


def g1_fixed_base(
    point: G1Affine, window_bits: int = DEFAULT_WINDOW_BITS, plain_products: int | None = None
) -> FixedBase:
    """A fixed-base multiplier for a G1 point in integer form (not validated here); see
    :class:`FixedBase` for ``window_bits`` and ``plain_products``."""
    return FixedBase(FQ_FIELD, None if point == (0, 0) else point, window_bits, plain_products)


def g2_fixed_base(
    point: G2Affine, window_bits: int = DEFAULT_WINDOW_BITS, plain_products: int | None = None
) -> FixedBase:
    """A fixed-base multiplier for a G2 point in integer form (not validated here); see
    :class:`FixedBase` for ``window_bits`` and ``plain_products``."""
    x_imag, x_real, y_imag, y_real = point
    affine = None if not any(point) else ((x_real, x_imag), (y_real, y_imag))
    return FixedBase(FQ2_FIELD, affine, window_bits, plain_products)


def g1_multiple(base: FixedBase, scalar: int) -> G1Affine:
    """``scalar * point`` in integer form for a multiplier from :func:`g1_fixed_base`."""
    product = base.multiply(scalar)
    return (0, 0) if product is None else product


def g2_multiple(base: FixedBase, scalar: int) -> G2Affine:
    """``scalar * point`` in integer form for a multiplier from :func:`g2_fixed_base`."""
    product = base.multiply(scalar)
    if product is None:
        return 0, 0, 0, 0
    (x_real, x_imag), (y_real, y_imag) = product
    return x_imag, x_real, y_imag, y_real
