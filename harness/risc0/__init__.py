"""A pure-Python mirror of RISC Zero's on-chain (EVM) receipt verification, on the BN254
arithmetic of :mod:`harness.bn254`.

Modules, from the bottom up:

* :mod:`~harness.risc0.digests` — tagged SHA-256 hashing, receipt claims and their digests.
* :mod:`~harness.risc0.inputs` — the five Groth16 public inputs.
* :mod:`~harness.risc0.merkle` — the set verifier's Merkle tree, root journal and selector.
* :mod:`~harness.risc0.params` — verifying keys, verifier parameters, selectors, the version table.
* :mod:`~harness.risc0.seal` — seal encodings (Groth16, mock/dev-mode, set inclusion).
* :mod:`~harness.risc0.groth16` — the Groth16 pairing check and receipt verification.
* :mod:`~harness.risc0.set_verifier` — set-inclusion receipt verification.
* :mod:`~harness.risc0.receipts` — the real-receipt corpus file format.
* :mod:`~harness.risc0.synthetic` — the harness's own Groth16 key and seal simulator.
"""
