"""F_q12, where BN254's pairing takes its values, as a tower over F_q2 on plain integers.

``F_q6 = F_q2[v] / (v^3 - xi)`` with ``xi = 9 + i``, and ``F_q12 = F_q6[w] / (w^2 - v)``, so
``w^6 = xi``. An F_q6 element is a triple of F_q2 elements (the coefficients of 1, v, v^2), an
F_q12 element a pair of F_q6 elements (of 1 and w); the coefficient of ``w^k`` is thus at
``[k % 2][k // 2]``. An F_q12 product is three F_q6 products (Karatsuba's pattern), a square two,
the product with a Miller-loop line (:func:`mul_by_line`) two sparse ones.
"""

from __future__ import annotations

from harness.bn254.fields import (
    FQ2_ONE,
    FQ2_ZERO,
    Fq2,
    Q,
    fq2_add,
    fq2_conjugate,
    fq2_inv,
    fq2_mul,
    fq2_neg,
    fq2_scale,
    fq2_square,
    fq2_sub,
    power,
)

Fq6 = tuple[Fq2, Fq2, Fq2]
Fq12 = tuple[Fq6, Fq6]

XI: Fq2 = (9, 1)
"""The F_q2 non-residue the tower is built with: ``v^3 = w^6 = xi``."""

_FQ6_ZERO: Fq6 = (FQ2_ZERO, FQ2_ZERO, FQ2_ZERO)
ONE: Fq12 = ((FQ2_ONE, FQ2_ZERO, FQ2_ZERO), _FQ6_ZERO)

#: ``xi ** (k * (q - 1) / 6)`` for k = 0..5: ``(w^k) ** q = w^k * FROBENIUS[k]``.
FROBENIUS = tuple(power(XI, k * (Q - 1) // 6, FQ2_ONE, fq2_square, fq2_mul) for k in range(6))


def _mul_by_xi(a: Fq2) -> Fq2:
    a0, a1 = a
    return (9 * a0 - a1) % Q, (a0 + 9 * a1) % Q


def _fq6_add(a: Fq6, b: Fq6) -> Fq6:
    return fq2_add(a[0], b[0]), fq2_add(a[1], b[1]), fq2_add(a[2], b[2])


def _fq6_sub(a: Fq6, b: Fq6) -> Fq6:
    return fq2_sub(a[0], b[0]), fq2_sub(a[1], b[1]), fq2_sub(a[2], b[2])


def _fq6_neg(a: Fq6) -> Fq6:
    return fq2_neg(a[0]), fq2_neg(a[1]), fq2_neg(a[2])


def _fq6_mul(a: Fq6, b: Fq6) -> Fq6:
    # Written out on integers, each coefficient reduced once: this product is most of a
    # pairing's time.
    (a00, a01), (a10, a11), (a20, a21) = a
    (b00, b01), (b10, b11), (b20, b21) = b
    # s = a1 b2 + a2 b1 and t = a2 b2 are the parts that wrap around through v^3 = xi.
    s0 = a10 * b20 - a11 * b21 + a20 * b10 - a21 * b11
    s1 = a10 * b21 + a11 * b20 + a20 * b11 + a21 * b10
    t0 = a20 * b20 - a21 * b21
    t1 = a20 * b21 + a21 * b20
    return (
        ((a00 * b00 - a01 * b01 + 9 * s0 - s1) % Q, (a00 * b01 + a01 * b00 + s0 + 9 * s1) % Q),
        (
            (a00 * b10 - a01 * b11 + a10 * b00 - a11 * b01 + 9 * t0 - t1) % Q,
            (a00 * b11 + a01 * b10 + a10 * b01 + a11 * b00 + t0 + 9 * t1) % Q,
        ),
        (
            (a00 * b20 - a01 * b21 + a10 * b10 - a11 * b11 + a20 * b00 - a21 * b01) % Q,
            (a00 * b21 + a01 * b20 + a10 * b11 + a11 * b10 + a20 * b01 + a21 * b00) % Q,
        ),
    )


def _fq6_mul_by_01(a: Fq6, b0: Fq2, b1: Fq2) -> Fq6:
    """``a * (b0 + b1 v)``."""
    a0, a1, a2 = a
    t0 = fq2_mul(a0, b0)
    t1 = fq2_mul(a1, b1)
    return (
        fq2_add(t0, _mul_by_xi(fq2_mul(a2, b1))),
        fq2_sub(fq2_sub(fq2_mul(fq2_add(a0, a1), fq2_add(b0, b1)), t0), t1),
        fq2_add(fq2_mul(a2, b0), t1),
    )


def _fq6_mul_by_v(a: Fq6) -> Fq6:
    return _mul_by_xi(a[2]), a[0], a[1]


def _fq6_inv(a: Fq6) -> Fq6:
    a0, a1, a2 = a
    c0 = fq2_sub(fq2_square(a0), _mul_by_xi(fq2_mul(a1, a2)))
    c1 = fq2_sub(_mul_by_xi(fq2_square(a2)), fq2_mul(a0, a1))
    c2 = fq2_sub(fq2_square(a1), fq2_mul(a0, a2))
    norm = fq2_add(fq2_mul(a0, c0), _mul_by_xi(fq2_add(fq2_mul(a2, c1), fq2_mul(a1, c2))))
    inverse = fq2_inv(norm)
    return fq2_mul(c0, inverse), fq2_mul(c1, inverse), fq2_mul(c2, inverse)


def mul(a: Fq12, b: Fq12) -> Fq12:
    """``a * b``."""
    a0, a1 = a
    b0, b1 = b
    t0 = _fq6_mul(a0, b0)
    t1 = _fq6_mul(a1, b1)
    cross = _fq6_mul(_fq6_add(a0, a1), _fq6_add(b0, b1))
    return _fq6_add(t0, _fq6_mul_by_v(t1)), _fq6_sub(_fq6_sub(cross, t0), t1)


def square(a: Fq12) -> Fq12:
    """``a * a``."""
    a0, a1 = a
    t = _fq6_mul(a0, a1)
    mixed = _fq6_mul(_fq6_add(a0, a1), _fq6_add(a0, _fq6_mul_by_v(a1)))
    return _fq6_sub(_fq6_sub(mixed, t), _fq6_mul_by_v(t)), _fq6_add(t, t)


def mul_by_line(a: Fq12, constant: int, w1: Fq2, w3: Fq2) -> Fq12:
    """``a * (constant + w1 w + w3 w^3)`` for an F_q ``constant``: a Miller-loop line."""
    a0, a1 = a
    t0 = (fq2_scale(a0[0], constant), fq2_scale(a0[1], constant), fq2_scale(a0[2], constant))
    t1 = _fq6_mul_by_01(a1, w1, w3)
    cross = _fq6_mul_by_01(_fq6_add(a0, a1), fq2_add(w1, (constant, 0)), w3)
    return _fq6_add(t0, _fq6_mul_by_v(t1)), _fq6_sub(_fq6_sub(cross, t0), t1)


def conjugate(a: Fq12) -> Fq12:
    """``a ** (q^6)``: the coefficients of odd powers of w negated."""
    return a[0], _fq6_neg(a[1])


def inverse(a: Fq12) -> Fq12:
    """``1 / a`` (a not zero)."""
    a0, a1 = a
    norm = _fq6_sub(_fq6_mul(a0, a0), _fq6_mul_by_v(_fq6_mul(a1, a1)))
    norm_inverse = _fq6_inv(norm)
    return _fq6_mul(a0, norm_inverse), _fq6_neg(_fq6_mul(a1, norm_inverse))


def frobenius(a: Fq12) -> Fq12:
    """``a ** q``: each F_q2 coefficient conjugated, the coefficient of ``w^k`` scaled."""
    (c0, c2, c4), (c1, c3, c5) = a
    f = FROBENIUS

    def image(coefficient: Fq2, k: int) -> Fq2:
        return fq2_mul(fq2_conjugate(coefficient), f[k])

    return (
        (image(c0, 0), image(c2, 2), image(c4, 4)),
        (image(c1, 1), image(c3, 3), image(c5, 5)),
    )


def fq12_power(a: Fq12, exponent: int) -> Fq12:
    """``a ** exponent`` (exponent >= 0)."""
    return power(a, exponent, ONE, square, mul)
