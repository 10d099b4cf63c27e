"""BN254's optimal ate pairing, for checking a product of pairings as the precompile does.

A product of pairings is one iff the product of their Miller-loop values, raised once to
``(q^12 - 1) / r``, is one. The Miller loop runs over the bits of ``6u + 2`` (u the BN254
curve parameter) with the G2 point in affine coordinates on the twist ``y^2 = x^3 + 3 / xi``.
Untwisted (``(x, y) -> (x w^2, y w^3)``) and evaluated at the G1 point ``(xP, yP)``, the line
of slope ``s`` through a point ``(xT, yT)`` of the twist is ``yP - s xP w + (s xT - yT) w^3``,
sparse in F_q12 (:func:`~harness.bn254.fq12.mul_by_line`). Vertical lines are left out: their
values lie in F_q6, which the final exponentiation maps to one. The loop ends with the lines
to ``pi(Q)`` and ``-pi^2(Q)`` (pi the Frobenius map), as the optimal ate pairing does.

* A G2 point's lines depend on it alone: a point fixed by a verifying key is *prepared* once
  (:class:`PreparedG2`), after which a pairing with it costs only their evaluation.
* The final exponentiation applies its "easy part" ``(q^6 - 1)(q^2 + 1)`` with a conjugation,
  an inverse and two Frobenius maps. Its "hard part" ``(q^4 - q^2 + 1) / r`` is, written in
  base q, ``l0 + l1 q + l2 q^2 + q^3`` with ``l0 = -(36u^3 + 30u^2 + 18u + 2)``,
  ``l1 = -(36u^3 + 18u^2 + 12u) + 1`` and ``l2 = 6u^2 + 1`` (q and r being polynomials in u):
  three powers by the 63-bit u, a few small powers and Frobenius maps replace one power by a
  762-bit exponent. After the easy part the value has norm one, so its conjugate is its inverse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from py_ecc.optimized_bn128 import is_inf, normalize

from harness.bn254 import fq12
from harness.bn254.curve import Point
from harness.bn254.fields import (
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
)
from harness.bn254.fq12 import FROBENIUS, ONE, Fq12

_BN_U = 4965661367192848881
"""BN254's curve parameter u: q and r are polynomials in it."""
_LOOP_BITS = bin(6 * _BN_U + 2)[3:]
"""The bits of the loop count after its leading one."""

TwistPoint = tuple[Fq2, Fq2]
Line = tuple[Fq2, Fq2]
"""A line's slope ``s`` and its ``w^3`` coefficient ``s xT - yT``."""


def _doubling(t: TwistPoint) -> tuple[Line, TwistPoint]:
    x, y = t
    slope = fq2_mul(fq2_scale(fq2_square(x), 3), fq2_inv(fq2_add(y, y)))
    return _through(slope, t, t)


def _addition(t: TwistPoint, other: TwistPoint) -> tuple[Line, TwistPoint]:
    slope = fq2_mul(fq2_sub(other[1], t[1]), fq2_inv(fq2_sub(other[0], t[0])))
    return _through(slope, t, other)


def _through(slope: Fq2, t: TwistPoint, other: TwistPoint) -> tuple[Line, TwistPoint]:
    """The line of ``slope`` through t (and other), and the third point it meets, negated:
    ``t + other``."""
    x, y = t
    x3 = fq2_sub(fq2_sub(fq2_square(slope), x), other[0])
    y3 = fq2_sub(fq2_mul(slope, fq2_sub(x, x3)), y)
    return (slope, fq2_sub(fq2_mul(slope, x), y)), (x3, y3)


def _frobenius(t: TwistPoint) -> TwistPoint:
    """The twist point whose untwisted image is the untwisted ``t`` raised to the q-th power."""
    x, y = t
    return fq2_mul(fq2_conjugate(x), FROBENIUS[2]), fq2_mul(fq2_conjugate(y), FROBENIUS[3])


def _times_line(f: Fq12, line: Line, neg_x: int, y: int) -> Fq12:
    slope, w3 = line
    return fq12.mul_by_line(f, y, fq2_scale(slope, neg_x), w3)


@dataclass(frozen=True)
class PreparedG2:
    """The Miller-loop lines of one G2 point: per bit of the loop count, the doubling line and,
    where the bit is one, the addition line; then the two closing lines."""

    steps: tuple[tuple[Line, Line | None], ...]
    closing: tuple[Line, Line]

    @classmethod
    def of(cls, q: Point) -> PreparedG2 | None:
        """Prepare ``q``, a point of G2 (the loop's additions assume its order is r); ``None``
        for the point at infinity, whose pairings are all one."""
        if is_inf(q):
            return None
        x, y = normalize(q)
        base = (tuple(x.coeffs), tuple(y.coeffs))
        t = base
        steps = []
        for bit in _LOOP_BITS:
            doubling, t = _doubling(t)
            addition = None
            if bit == "1":
                addition, t = _addition(t, base)
            steps.append((doubling, addition))
        q1 = _frobenius(base)
        q2 = _frobenius(q1)
        first, t = _addition(t, q1)
        second, _ = _addition(t, (q2[0], fq2_neg(q2[1])))
        return cls(tuple(steps), (first, second))


def miller_loop(q: Point, p: Point) -> Fq12:
    """The Miller-loop value of ``e(p, q)`` (G2 point ``q``, G1 point ``p``), not exponentiated."""
    return miller_product([(PreparedG2.of(q), p)])


def miller_product(pairs: Sequence[tuple[PreparedG2 | None, Point]]) -> Fq12:
    """The product of the Miller-loop values of ``e(p, q)`` for each prepared q (``None``: the
    point at infinity) and G1 point p, in one loop: its squarings are shared."""
    at = []
    for prepared, p in pairs:
        if prepared is not None and not is_inf(p):
            x, y = normalize(p)
            at.append((prepared, -x.n % Q, y.n))
    f = ONE
    for index in range(len(_LOOP_BITS)):
        f = fq12.square(f)
        for prepared, neg_x, y in at:
            doubling, addition = prepared.steps[index]
            f = _times_line(f, doubling, neg_x, y)
            if addition is not None:
                f = _times_line(f, addition, neg_x, y)
    for prepared, neg_x, y in at:
        for line in prepared.closing:
            f = _times_line(f, line, neg_x, y)
    return f


def final_exponentiation(f: Fq12) -> Fq12:
    """Return ``f ** ((q^12 - 1) / r)`` (f not zero)."""
    easy = fq12.mul(fq12.conjugate(f), fq12.inverse(f))
    easy = fq12.mul(fq12.frobenius(fq12.frobenius(easy)), easy)
    return _hard_part(easy)


def _hard_part(f: Fq12) -> Fq12:
    """``f ** ((q^4 - q^2 + 1) / r)`` for an ``f`` of norm one (see the module's docstring)."""
    power, mul, unitary_inverse = fq12.fq12_power, fq12.mul, fq12.conjugate
    f_u = power(f, _BN_U)
    f_u2 = power(f_u, _BN_U)
    f_u3_36 = power(power(f_u2, _BN_U), 36)
    f_l0 = unitary_inverse(mul(mul(f_u3_36, power(f_u2, 30)), mul(power(f_u, 18), fq12.square(f))))
    f_l1 = mul(unitary_inverse(mul(mul(f_u3_36, power(f_u2, 18)), power(f_u, 12))), f)
    f_l2 = mul(power(f_u2, 6), f)
    frobenius = fq12.frobenius
    f_l3 = frobenius(frobenius(frobenius(f)))
    return mul(mul(f_l0, frobenius(f_l1)), mul(frobenius(frobenius(f_l2)), f_l3))


def product_is_one(miller_values: Sequence[Fq12]) -> bool:
    """Whether the pairings whose Miller-loop values are given multiply to one."""
    product = ONE
    for value in miller_values:
        product = fq12.mul(product, value)
    return final_exponentiation(product) == ONE
