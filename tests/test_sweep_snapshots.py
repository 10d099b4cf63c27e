"""Chain snapshots, which let the sweep settle every scenario from the same committed state."""

from __future__ import annotations

import pytest

from harness.common.errors import ChainError
from harness.sweep.snapshots import reverting
from harness.toolchain.solc import project_artifacts


@pytest.mark.parametrize("backend", ["anvil", "eth-tester"])
def test_revert_undoes_every_transaction_since_the_snapshot(chain_factory, backend):
    chain = chain_factory(backend)
    router = project_artifacts()["RiscZeroVerifierRouter"]
    before = chain.w3.eth.block_number
    snapshot = chain.snapshot()
    deployed = chain.deploy(router, chain.sender)
    assert chain.code_at(deployed.address)
    chain.revert(snapshot)
    assert chain.w3.eth.block_number == before
    assert chain.code_at(deployed.address) == b""


@pytest.mark.parametrize("backend", ["anvil", "eth-tester"])
def test_the_same_transaction_lands_at_the_same_address_after_a_revert(chain_factory, backend):
    chain = chain_factory(backend)
    router = project_artifacts()["RiscZeroVerifierRouter"]
    with reverting(chain):
        first = chain.deploy(router, chain.sender)
    second = chain.deploy(router, chain.sender)
    assert first.address == second.address
    assert first.tx.gas_used == second.tx.gas_used


def test_anvil_forgets_a_snapshot_once_reverted_to(chain_factory):
    chain = chain_factory("anvil")
    snapshot = chain.snapshot()
    chain.revert(snapshot)
    with pytest.raises(ChainError, match="could not revert"):
        chain.revert(snapshot)
