"""Two of py-evm's precompiles, made fast for an eth-tester chain: same verdicts, same gas.

py-evm checks BN254 pairings (0x08) on py_ecc's field-element objects, 1–2 s of CPU for a
Groth16 verification's four pairs, and loads the KZG trusted setup from its file afresh for
every point evaluation (0x0a), some 3 s each. An eth-tester chain replaces the two functions
those precompiles call inside, for the process's life: the gas they charge, and the input length
they require, stay py-evm's own code around them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from pathlib import Path

import ckzg
from eth_utils import ValidationError

from harness.bn254.curve import g1_point, g2_point
from harness.bn254.pairing import PreparedG2, miller_product, product_is_one
from harness.common.errors import ReceiptError
from harness.ethereum.blobs import setup_id, trusted_setup

#: One pair of the pairing precompile's input: G1 (x, y), then G2 (x_imag, x_real, y_imag,
#: y_real), each a 32-byte big-endian word.
PAIR_BYTES = 192
_WORD = 32


def install() -> None:
    """Have py-evm's pairing precompile use :func:`pairing_verdict` and its point evaluation
    :func:`py_evm_trusted_setup` (both look the function up in their module on each call)."""
    # The package exports a function named after the pairing precompile's module.
    ecpairing = importlib.import_module("eth.precompiles.ecpairing")
    point_evaluation = importlib.import_module("eth.precompiles.point_evaluation")
    ecpairing._ecpairing = pairing_verdict
    point_evaluation.load_trusted_setup = py_evm_trusted_setup


def pairing_verdict(data: bytes | memoryview) -> bool:
    """What py-evm's ``_ecpairing`` answers for the pairing precompile's input ``data`` (whole
    pairs, which py-evm has checked): whether the pairs' pairings multiply to one.

    Raises eth_utils' ``ValidationError``, which py-evm turns into the precompile's failure, on
    a point the precompile refuses: a coordinate not below q, a point off its curve, a G2 point
    outside the order-r subgroup. An all-zero point is the point at infinity.
    """
    pairs = []
    for start in range(0, len(data), PAIR_BYTES):
        x, y, *twist = (
            int.from_bytes(data[at : at + _WORD], "big")
            for at in range(start, start + PAIR_BYTES, _WORD)
        )
        try:
            p = g1_point((x, y), "the G1 point")
            q = g2_point((twist[0], twist[1], twist[2], twist[3]), "the G2 point")
        except ReceiptError as error:
            raise ValidationError(str(error)) from error
        pairs.append((PreparedG2.of(q), p))
    return product_is_one([miller_product(pairs)])


@functools.cache
def py_evm_trusted_setup(path: str, precompute: int = 0) -> object:
    """The KZG trusted setup py-evm's point-evaluation precompile asks for on every call.

    py-evm loads it from its file afresh each time, some 3 s of CPU per KZG opening; it gets
    the one this process loads for its blobs when the file is the same (``precompute`` sets
    how fast proofs are made, not what verifies), else its own file's, loaded once.
    """
    if hashlib.sha256(Path(path).read_bytes()).digest() == setup_id():
        return trusted_setup()
    return ckzg.load_trusted_setup(path, precompute)
