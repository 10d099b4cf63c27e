"""The F_q12 tower against py_ecc's F_q12: every operation the pairing uses, on random elements."""

import random

import pytest
from fq12_mapping import as_py_ecc, from_py_ecc
from py_ecc.fields import optimized_bn128_FQ12 as FQ12

from harness.bn254 import fq12
from harness.bn254.fields import Q

RANDOM = random.Random(12)
ELEMENTS = [FQ12([RANDOM.randrange(Q) for _ in range(12)]) for _ in range(3)]


@pytest.mark.parametrize("a", ELEMENTS)
def test_the_two_forms_map_one_to_one(a):
    assert as_py_ecc(from_py_ecc(a)) == a


@pytest.mark.parametrize(("a", "b"), list(zip(ELEMENTS, ELEMENTS[1:] + ELEMENTS[:1], strict=True)))
def test_product_and_square_are_py_eccs(a, b):
    assert as_py_ecc(fq12.mul(from_py_ecc(a), from_py_ecc(b))) == a * b
    assert as_py_ecc(fq12.square(from_py_ecc(a))) == a * a


@pytest.mark.parametrize("a", ELEMENTS)
def test_inverse_conjugate_and_frobenius_are_py_eccs(a):
    ours = from_py_ecc(a)
    assert as_py_ecc(fq12.inverse(ours)) == a.inv()
    assert fq12.mul(ours, fq12.inverse(ours)) == fq12.ONE
    assert as_py_ecc(fq12.frobenius(ours)) == a**Q
    assert as_py_ecc(fq12.conjugate(ours)) == a ** (Q**6)
    assert as_py_ecc(fq12.fq12_power(ours, 1234567)) == a**1234567


def test_a_line_multiplies_as_the_element_it_stands_for():
    a = from_py_ecc(ELEMENTS[0])
    constant, w1, w3 = 5, (7, 11), (13, 17)
    zero = (0, 0)
    line = (((constant, 0), zero, zero), (w1, w3, zero))
    assert fq12.mul_by_line(a, constant, w1, w3) == fq12.mul(a, line)
