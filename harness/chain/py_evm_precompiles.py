"""Three of py-evm's precompiles, made fast for an eth-tester chain: same answers, same gas.

py-evm computes on BN254 with py_ecc's field-element objects: some 1 s of CPU to check a
Groth16 verification's four pairings (0x08), 9 ms a scalar multiplication (0x07, five per
verification of a RISC Zero receipt); the harness's take 60 ms and 2.3 ms. It also loads the
KZG trusted setup from its file afresh for every point evaluation (0x0a), some 3 s each. An
eth-tester chain replaces the functions those precompiles call inside with the harness's
integer arithmetic (:mod:`harness.bn254`) and the setup the process holds, for the process's
life: the gas they charge, the input they require, and how they fail stay py-evm's own code
around them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import ckzg
from eth_utils import ValidationError
from py_ecc.optimized_bn128 import FQ

from harness.bn254.curve import g1_point, g2_point
from harness.bn254.jacobian import FQ_FIELD, scalar_multiple
from harness.bn254.pairing import PreparedG2, miller_product, product_is_one
from harness.common.errors import ReceiptError
from harness.ethereum.blobs import setup_id, trusted_setup

#: One pair of the pairing precompile's input: G1 (x, y), then G2 (x_imag, x_real, y_imag,
#: y_real), each a 32-byte big-endian word.
_PAIR_BYTES = 192
_WORD = 32
_MUL_BYTES = 3 * _WORD


def install() -> None:
    """Have py-evm's precompiles use :func:`multiplication`, :func:`pairing_verdict` and
    :func:`py_evm_trusted_setup` (each looks the function up in its module on every call)."""
    # The package exports functions named after the modules of the curve precompiles.
    ecmul = importlib.import_module("eth.precompiles.ecmul")
    ecpairing = importlib.import_module("eth.precompiles.ecpairing")
    point_evaluation = importlib.import_module("eth.precompiles.point_evaluation")
    ecmul._ecmull = multiplication
    ecpairing._ecpairing = pairing_verdict
    point_evaluation.load_trusted_setup = py_evm_trusted_setup


def multiplication(data: bytes) -> tuple[FQ, FQ]:
    """What py-evm's ``_ecmull`` answers for the multiplication precompile's input ``data``
    (G1 x, y and a scalar, as 32-byte big-endian words; missing bytes are zeros): the product
    in affine coordinates, ``(0, 0)`` for the point at infinity.

    Raises eth_utils' ``ValidationError`` on a point the precompile refuses (a coordinate not
    below q, a point off the curve).
    """
    words = bytes(data[:_MUL_BYTES]).ljust(_MUL_BYTES, b"\0")
    x, y, scalar = (
        int.from_bytes(words[at : at + _WORD], "big") for at in range(0, _MUL_BYTES, _WORD)
    )
    with _refused_as_invalid():
        g1_point((x, y), "the G1 point")
    product = None if x == y == 0 else scalar_multiple(FQ_FIELD, (x, y), scalar)
    return (FQ(0), FQ(0)) if product is None else (FQ(product[0]), FQ(product[1]))


def pairing_verdict(data: bytes | memoryview) -> bool:
    """What py-evm's ``_ecpairing`` answers for the pairing precompile's input ``data`` (whole
    pairs, which py-evm has checked): whether the pairs' pairings multiply to one.

    Raises eth_utils' ``ValidationError``, which py-evm turns into the precompile's failure, on
    a point the precompile refuses: a coordinate not below q, a point off its curve, a G2 point
    outside the order-r subgroup. An all-zero point is the point at infinity.
    """
    pairs = []
    for start in range(0, len(data), _PAIR_BYTES):
        x, y, x_imag, x_real, y_imag, y_real = (
            int.from_bytes(data[at : at + _WORD], "big")
            for at in range(start, start + _PAIR_BYTES, _WORD)
        )
        with _refused_as_invalid():
            p = g1_point((x, y), "the G1 point")
            q = g2_point((x_imag, x_real, y_imag, y_real), "the G2 point")
        pairs.append((PreparedG2.of(q), p))
    return product_is_one([miller_product(pairs)])


@contextmanager
def _refused_as_invalid() -> Iterator[None]:
    """A point the harness refuses raises py-evm's ``ValidationError`` instead."""
    try:
        yield
    except ReceiptError as error:
        raise ValidationError(str(error)) from error


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
