"""The curve precompiles an eth-tester chain gives py-evm answer as py-evm's own.

py-evm's own functions are taken from its modules when this module is imported, at collection,
before any test opens a chain (which puts the harness's in their place). Each of py-evm's own
pairings takes a few hundred milliseconds: the pairing cases are few, each for one rule.
"""

import importlib

import pytest
from bn254_points import TWIST_POINT_OUTSIDE_SUBGROUP
from eth_utils import ValidationError
from py_ecc.optimized_bn128 import G1, G2, Z1, Z2, curve_order, multiply, neg

from harness.bn254.curve import g1_affine, g2_affine
from harness.bn254.fields import BN254_BASE_FIELD
from harness.chain import py_evm_precompiles
from harness.chain.backends import open_chain
from harness.chain.py_evm_precompiles import multiplication, pairing_verdict

# The package exports functions of the modules' names.
ECMUL = importlib.import_module("eth.precompiles.ecmul")
ECPAIRING = importlib.import_module("eth.precompiles.ecpairing")
PY_EVM_MULTIPLICATION = ECMUL._ecmull
PY_EVM_PAIRING = ECPAIRING._ecpairing

P_X, P_Y = g1_affine(G1)
Q_WORDS = g2_affine(G2)
MINUS_42P = neg(multiply(G1, 42))


def _words(*values: int) -> bytes:
    return b"".join(value.to_bytes(32, "big") for value in values)


def _pair(p, q) -> bytes:
    return _words(*g1_affine(p), *g2_affine(q))


def _answers(function, data: bytes) -> object:
    """What ``function`` returns for ``data``, or the exception type it raises."""
    try:
        result = function(data)
    except ValidationError:
        return ValidationError
    return (result[0].n, result[1].n) if isinstance(result, tuple) else result


def test_py_evms_own_functions_were_taken_before_any_chain_replaced_them():
    assert PY_EVM_MULTIPLICATION is not multiplication
    assert PY_EVM_PAIRING is not pairing_verdict


PAIRINGS = {
    "no pairs": b"",
    "e(6P, 7Q) e(-42P, Q)": _pair(multiply(G1, 6), multiply(G2, 7)) + _pair(MINUS_42P, G2),
    "e(P, Q) alone": _pair(G1, G2),
    "e(P, Q) e(P, Q)": _pair(G1, G2) * 2,
    "G1 at infinity": _pair(Z1, G2),
    "G2 at infinity beside e(P, Q)": _pair(G1, Z2) + _pair(G1, G2),
    "G1 off the curve": _words(1, 3, *Q_WORDS),
    "G1 coordinate not below q": _words(P_X + BN254_BASE_FIELD, P_Y, *Q_WORDS),
    "G2 off the twist": _words(P_X, P_Y, 0, 1, 0, 1),
    "G2 outside the subgroup": _words(P_X, P_Y, *TWIST_POINT_OUTSIDE_SUBGROUP),
}


@pytest.mark.parametrize("case", PAIRINGS)
def test_the_pairing_check_answers_as_py_evms(case):
    data = PAIRINGS[case]
    assert _answers(pairing_verdict, memoryview(data)) == _answers(PY_EVM_PAIRING, data)


def test_the_pairing_cases_hold_both_verdicts_and_refusals():
    answers = {case: _answers(pairing_verdict, data) for case, data in PAIRINGS.items()}
    assert [case for case, answer in answers.items() if answer is True] == [
        "no pairs",
        "e(6P, 7Q) e(-42P, Q)",
        "G1 at infinity",
    ]
    assert sum(answer is False for answer in answers.values()) == 3
    assert sum(answer is ValidationError for answer in answers.values()) == 4


MULTIPLICATIONS = {
    "by 7": _words(P_X, P_Y, 7),
    "by 0": _words(P_X, P_Y, 0),
    "by r": _words(P_X, P_Y, curve_order),
    "by r + 1": _words(P_X, P_Y, curve_order + 1),
    "by (r + 1) / 2, past r": _words(P_X, P_Y, (curve_order + 1) // 2 + curve_order),
    "by 2^256 - 1": _words(P_X, P_Y, 2**256 - 1),
    "of -42P by a random scalar": _words(*g1_affine(MINUS_42P), 0x5EED << 200 | 0xC0FFEE),
    "of infinity": _words(0, 0, 5),
    "short input, scalar's bytes missing": _words(P_X, P_Y)[:70],
    "longer input, extra bytes ignored": _words(P_X, P_Y, 9) + b"\x01" * 7,
    "no input": b"",
    "off the curve": _words(1, 3, 2),
    "coordinate not below q": _words(P_X, P_Y + BN254_BASE_FIELD, 2),
}


@pytest.mark.parametrize("case", MULTIPLICATIONS)
def test_the_multiplication_answers_as_py_evms(case):
    data = MULTIPLICATIONS[case]
    assert _answers(multiplication, data) == _answers(PY_EVM_MULTIPLICATION, data)


@pytest.mark.ethtester
def test_an_eth_tester_chain_computes_on_the_harness_curve():
    with open_chain("eth-tester", fork="prague"):
        assert ECMUL._ecmull is py_evm_precompiles.multiplication
        assert ECPAIRING._ecpairing is py_evm_precompiles.pairing_verdict
