"""`bench gas`: every row beside RISC Zero's figure for the same transaction."""

from __future__ import annotations

from harness.bench.verifier_gas import bench_verifier_gas
from harness.ethereum.calldata import NONZERO_BYTE_GAS, ZERO_BYTE_GAS
from harness.risc0.reference import reference_set_inclusion
from harness.risc0.seal import SetInclusionSeal


def test_the_rows_are_like_for_like(chain_factory):
    rows = bench_verifier_gas(chain_factory("anvil"))
    bare, routed, routing, synthetic, submit, cached, no_estop, encoded, direct = rows
    # The traced router and estop frames are what routing adds to the bare verify, as the
    # reference's routed less bare figure is for RISC Zero's.
    assert routing.gas_used == routed.gas_used - bare.gas_used
    assert routing.reference == routed.reference - bare.reference
    assert synthetic.reference == routed.gas_used
    assert submit.gas_used > routed.gas_used
    assert cached.gas_used > no_estop.gas_used > direct.gas_used and direct.reference is None
    # The encoded empty seal: 160 more calldata bytes (three of them non-zero) and their decoding.
    selector = reference_set_inclusion().seal[:4]
    extra = SetInclusionSeal(selector, ()).encode()[4:]
    zeros = extra.count(0)
    calldata = zeros * ZERO_BYTE_GAS + (len(extra) - zeros) * NONZERO_BYTE_GAS
    assert encoded.gas_used > no_estop.gas_used + calldata
    assert all(row.reference for row in rows[:-1])
