"""BN254's base field F_q and its extension F_q2 on plain Python integers.

An F_q element is an int below q; an F_q2 = F_q[i] / (i^2 + 1) element is a pair of ints
``(real, imag)``. No object is created per element: the pairing and the fixed-base
multiplications run many times faster on these than on py_ecc's field-element objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

BN254_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617
"""r: the order of the BN254 groups, the modulus of their scalars (and of a Groth16 proof's
public inputs)."""

BN254_BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583
"""q: the modulus of the field the BN254 point coordinates live in."""

Q = BN254_BASE_FIELD
Fq2 = tuple[int, int]
Element = TypeVar("Element")

FQ2_ZERO: Fq2 = (0, 0)
FQ2_ONE: Fq2 = (1, 0)


def fq_add(a: int, b: int) -> int:
    """``a + b`` in F_q."""
    return (a + b) % Q


def fq_sub(a: int, b: int) -> int:
    """``a - b`` in F_q."""
    return (a - b) % Q


def fq_mul(a: int, b: int) -> int:
    """``a * b`` in F_q."""
    return a * b % Q


def fq_inv(a: int) -> int:
    """``1 / a`` in F_q (a not zero)."""
    return pow(a, -1, Q)


def fq2_add(a: Fq2, b: Fq2) -> Fq2:
    """``a + b`` in F_q2."""
    return (a[0] + b[0]) % Q, (a[1] + b[1]) % Q


def fq2_sub(a: Fq2, b: Fq2) -> Fq2:
    """``a - b`` in F_q2."""
    return (a[0] - b[0]) % Q, (a[1] - b[1]) % Q


def fq2_neg(a: Fq2) -> Fq2:
    """``-a`` in F_q2."""
    return -a[0] % Q, -a[1] % Q


def fq2_mul(a: Fq2, b: Fq2) -> Fq2:
    """``a * b`` in F_q2 (three integer products)."""
    a0, a1 = a
    b0, b1 = b
    real = a0 * b0
    imag = a1 * b1
    return (real - imag) % Q, ((a0 + a1) * (b0 + b1) - real - imag) % Q


def fq2_square(a: Fq2) -> Fq2:
    """``a * a`` in F_q2 (two integer products)."""
    a0, a1 = a
    return (a0 + a1) * (a0 - a1) % Q, 2 * a0 * a1 % Q


def fq2_scale(a: Fq2, k: int) -> Fq2:
    """``k * a`` for an F_q element (or small integer) ``k``."""
    return a[0] * k % Q, a[1] * k % Q


def fq2_conjugate(a: Fq2) -> Fq2:
    """``a ** q``: the conjugate ``real - imag * i``."""
    return a[0], -a[1] % Q


def fq2_inv(a: Fq2) -> Fq2:
    """``1 / a`` in F_q2 (a not zero)."""
    a0, a1 = a
    norm_inverse = pow(a0 * a0 + a1 * a1, -1, Q)
    return a0 * norm_inverse % Q, -a1 * norm_inverse % Q


def power(
    a: Element,
    exponent: int,
    one: Element,
    square: Callable[[Element], Element],
    mul: Callable[[Element, Element], Element],
) -> Element:
    """``a ** exponent`` (exponent >= 0) by squaring and multiplying, in the field whose
    ``one``, ``square`` and ``mul`` are given."""
    result = one
    for bit in bin(exponent)[2:]:
        result = square(result)
        if bit == "1":
            result = mul(result, a)
    return result
