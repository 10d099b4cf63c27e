"""BN254 (alt_bn128), the curve of Ethereum's precompiles 0x06–0x08, on plain Python integers.

RISC Zero's Groth16 check (:mod:`harness.risc0.groth16`) and an eth-tester chain's
multiplication and pairing precompiles (:mod:`harness.chain.py_evm_precompiles`) both run on it.

Modules, from the bottom up:

* :mod:`~harness.bn254.fields` — the field orders, F_q and F_q2.
* :mod:`~harness.bn254.fq12` — the tower F_q2 → F_q6 → F_q12 the pairing's values live in.
* :mod:`~harness.bn254.jacobian` — group arithmetic in Jacobian coordinates, fixed-base tables.
* :mod:`~harness.bn254.curve` — point conversion, validation as the precompiles do it, and
  fixed-base multiplication.
* :mod:`~harness.bn254.pairing` — the pairing-product check (prepared G2 points, fast final
  exponentiation).
"""
