"""The harness's F_q12 tower elements as py_ecc's F_q12 elements and back, to check the one
against the other.

py_ecc's F_q12 is F_q[w] / (w^12 - 18 w^6 + 82), in which ``i = w^6 - 9``: the tower's
coefficient ``real + imag i`` of ``w^k`` (k < 6) is ``real - 9 imag`` at ``w^k`` and ``imag``
at ``w^(k+6)``.
"""

from py_ecc.fields import optimized_bn128_FQ12 as FQ12

from harness.bn254.fields import Q
from harness.bn254.fq12 import Fq12


def as_py_ecc(value: Fq12) -> FQ12:
    """``value`` in py_ecc's form."""
    (c0, c2, c4), (c1, c3, c5) = value
    coefficients = [0] * 12
    for k, (real, imag) in enumerate((c0, c1, c2, c3, c4, c5)):
        coefficients[k] = (real - 9 * imag) % Q
        coefficients[k + 6] = imag
    return FQ12(coefficients)


def from_py_ecc(value: FQ12) -> Fq12:
    """A py_ecc F_q12 element in the tower's form."""
    a = [int(c) for c in value.coeffs]
    c = [((a[k] + 9 * a[k + 6]) % Q, a[k + 6]) for k in range(6)]
    return (c[0], c[2], c[4]), (c[1], c[3], c[5])
