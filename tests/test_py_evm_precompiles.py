"""The pairing check an eth-tester chain gives py-evm's precompile 0x08 answers as py-evm's own.

py-evm's own answer is computed here from its per-pair code (``_process_point``, which the
chain leaves in place) and py_ecc's final exponentiation, as its ``_ecpairing`` does. Each of
its pairings takes a few hundred milliseconds: the cases are few, each for one rule.
"""

import importlib

import pytest
from eth_utils import ValidationError
from py_ecc.optimized_bn128 import FQ12, G1, G2, Z1, Z2, final_exponentiate, multiply, neg
from test_risc0_groth16 import TWIST_POINT_OUTSIDE_SUBGROUP

from harness.bn254.curve import g1_affine, g2_affine
from harness.bn254.fields import BN254_BASE_FIELD
from harness.chain.backends import open_chain
from harness.chain.py_evm_precompiles import PAIR_BYTES, pairing_verdict

# The package exports a function of the module's name.
ecpairing = importlib.import_module("eth.precompiles.ecpairing")


def _words(*values: int) -> bytes:
    return b"".join(value.to_bytes(32, "big") for value in values)


def _pair(p, q) -> bytes:
    return _words(*g1_affine(p), *g2_affine(q))


def _py_evm_verdict(data: bytes) -> bool:
    product = FQ12.one()
    for start in range(0, len(data), PAIR_BYTES):
        product = ecpairing._process_point(data[start : start + PAIR_BYTES], product)
    return final_exponentiate(product) == FQ12.one()


P_X, P_Y = g1_affine(G1)
Q_WORDS = g2_affine(G2)
MINUS_42P = neg(multiply(G1, 42))

VALID = {
    "no pairs": b"",
    "e(6P, 7Q) e(-42P, Q)": _pair(multiply(G1, 6), multiply(G2, 7)) + _pair(MINUS_42P, G2),
    "e(P, Q) alone": _pair(G1, G2),
    "e(P, Q) e(P, Q)": _pair(G1, G2) * 2,
    "G1 at infinity": _pair(Z1, G2),
    "G2 at infinity beside e(P, Q)": _pair(G1, Z2) + _pair(G1, G2),
}

INVALID = {
    "G1 off the curve": _words(1, 3, *Q_WORDS),
    "G1 coordinate not below q": _words(P_X + BN254_BASE_FIELD, P_Y, *Q_WORDS),
    "G2 off the twist": _words(P_X, P_Y, 0, 1, 0, 1),
    "G2 outside the subgroup": _words(P_X, P_Y, *TWIST_POINT_OUTSIDE_SUBGROUP),
}


@pytest.mark.parametrize("case", VALID)
def test_the_verdict_on_valid_pairs_is_py_evms(case):
    data = VALID[case]
    assert pairing_verdict(data) is _py_evm_verdict(data)


def test_the_cases_hold_both_verdicts():
    verdicts = {case: pairing_verdict(data) for case, data in VALID.items()}
    assert verdicts == {
        "no pairs": True,
        "e(6P, 7Q) e(-42P, Q)": True,
        "e(P, Q) alone": False,
        "e(P, Q) e(P, Q)": False,
        "G1 at infinity": True,
        "G2 at infinity beside e(P, Q)": False,
    }


@pytest.mark.parametrize("case", INVALID)
def test_a_point_py_evm_refuses_is_refused(case):
    data = INVALID[case]
    with pytest.raises(ValidationError):
        _py_evm_verdict(data)
    with pytest.raises(ValidationError):
        pairing_verdict(memoryview(data))


@pytest.mark.ethtester
def test_an_eth_tester_chain_checks_pairings_with_it():
    with open_chain("eth-tester", fork="prague"):
        assert ecpairing._ecpairing is pairing_verdict
