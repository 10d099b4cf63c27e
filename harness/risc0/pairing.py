"""A BN254 pairing-product check built on py_ecc's optimized Miller loop.

A product of pairings is one iff the product of their Miller-loop values, raised once to
``(q**12 - 1) / r``, is one. Two things make that cheaper than py_ecc's ``pairing``:

* G2 points fixed by a verifying key are *prepared*: their Miller-loop line functions are
  computed once, after which a pairing with them is only the evaluation of those lines at the
  G1 point (the line numerators are linear in the G1 point's coordinates, and the denominators
  do not depend on it at all).
* The final exponentiation applies its "easy part" ``(q**6 - 1)(q**2 + 1)`` with Frobenius maps
  (linear maps on FQ12 coefficients, precomputed as matrices) and only raises to the "hard part"
  ``(q**4 - q**2 + 1) / r``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py_ecc.fields import optimized_bn128_FQ12 as FQ12
from py_ecc.optimized_bn128 import curve_order, field_modulus, is_inf, normalize
from py_ecc.optimized_bn128.optimized_pairing import (
    add,
    double,
    linefunc,
    neg,
    pairing,
    pseudo_binary_encoding,
    twist,
)

from harness.risc0.curve import Point

_DEGREE = 12
_HARD_EXPONENT = (field_modulus**4 - field_modulus**2 + 1) // curve_order

Line = tuple[FQ12, FQ12, FQ12]
"""Coefficients (a, b, c) of a line-function numerator ``a*x + b*y + c`` at a G1 point (x, y)."""

_UNIT_X = (FQ12.one(), FQ12.zero(), FQ12.zero())
_UNIT_Y = (FQ12.zero(), FQ12.one(), FQ12.zero())
_UNIT_Z = (FQ12.zero(), FQ12.zero(), FQ12.one())


def miller_loop(q: Point, p: Point) -> FQ12:
    """The Miller-loop value of ``e(p, q)`` (G2 point ``q``, G1 point ``p``), not exponentiated."""
    return pairing(q, p, final_exponentiate=False)


def _line(r: Point, s: Point) -> tuple[Line, FQ12]:
    """The line through twisted points r and s: numerator coefficients and denominator."""
    a = linefunc(r, s, _UNIT_X)[0]
    b = linefunc(r, s, _UNIT_Y)[0]
    c, denominator = linefunc(r, s, _UNIT_Z)
    return (a, b, c), denominator


def _evaluate(line: Line, x: int, y: int) -> FQ12:
    a, b, c = line
    return a * x + b * y + c


@dataclass(frozen=True)
class PreparedG2:
    """The Miller-loop lines of a fixed G2 point, in loop order.

    Preparation replays py_ecc's optimized Miller loop step for step (same lines, same order),
    so :meth:`miller_loop` returns exactly the value py_ecc computes for an affine G1 point.
    """

    steps: tuple[tuple[Line, Line | None], ...]
    closing: tuple[Line, Line]
    denominator_inverse: FQ12

    @classmethod
    def of(cls, q: Point) -> PreparedG2 | None:
        """Prepare ``q``; ``None`` for the point at infinity, whose pairings are all one."""
        if is_inf(q):
            return None
        twisted = twist(q)
        r = twisted
        denominator = FQ12.one()
        steps = []
        for bit in pseudo_binary_encoding[63::-1]:
            doubling, d = _line(r, r)
            denominator = denominator * denominator * d
            r = double(r)
            addition = None
            if bit:
                term = twisted if bit == 1 else neg(twisted)
                addition, d = _line(r, term)
                denominator = denominator * d
                r = add(r, term)
            steps.append((doubling, addition))
        q1 = tuple(coordinate**field_modulus for coordinate in twisted)
        neg_q2 = (q1[0] ** field_modulus, -(q1[1] ** field_modulus), q1[2] ** field_modulus)
        first, d1 = _line(r, q1)
        r = add(r, q1)
        second, d2 = _line(r, neg_q2)
        return cls(tuple(steps), (first, second), (denominator * d1 * d2).inv())

    def miller_loop(self, p: Point) -> FQ12:
        """The Miller-loop value of ``e(p, q)``, equal to :func:`miller_loop` for this q."""
        if is_inf(p):
            return FQ12.one()
        x_fq, y_fq = normalize(p)
        x, y = x_fq.n, y_fq.n
        f = FQ12.one()
        for doubling, addition in self.steps:
            f = f * f * _evaluate(doubling, x, y)
            if addition is not None:
                f = f * _evaluate(addition, x, y)
        first, second = self.closing
        return f * _evaluate(first, x, y) * _evaluate(second, x, y) * self.denominator_inverse


@cache
def _frobenius_matrix(power: int) -> tuple[tuple[int, ...], ...]:
    """Rows ``w**(i * q**power)`` for i = 0..11: the map ``f -> f**(q**power)`` on coefficients."""
    image = FQ12([0, 1] + [0] * (_DEGREE - 2))
    if power == 1:
        image = image**field_modulus
    else:
        for _ in range(power):
            image = _frobenius(image, 1)
    rows = []
    acc = FQ12.one()
    for _ in range(_DEGREE):
        rows.append(acc.coeffs)
        acc = acc * image
    return tuple(rows)


def _frobenius(f: FQ12, power: int) -> FQ12:
    """Return ``f**(q**power)`` as a linear map of f's coefficients."""
    result = [0] * _DEGREE
    for coefficient, row in zip(f.coeffs, _frobenius_matrix(power), strict=True):
        if coefficient:
            for j, entry in enumerate(row):
                result[j] += coefficient * entry
    return FQ12(result)


def final_exponentiation(f: FQ12) -> FQ12:
    """Return ``f**((q**12 - 1) / r)``."""
    easy = _frobenius(f, 6) * f.inv()
    easy = _frobenius(easy, 2) * easy
    return easy**_HARD_EXPONENT


def product_is_one(miller_values: list[FQ12]) -> bool:
    """Whether the pairings whose Miller-loop values are given multiply to one."""
    product = FQ12.one()
    for value in miller_values:
        product = product * value
    return final_exponentiation(product) == FQ12.one()
