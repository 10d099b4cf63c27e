"""Chain snapshots, which let the sweep settle every scenario from the same committed state."""

from __future__ import annotations

import threading
import time

import pytest
from node_requests import rpc

from harness.chain import base
from harness.chain.base import Chain
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


def test_a_revert_waits_until_the_node_has_emptied_its_pool(chain_factory, monkeypatch):
    # anvil answers a receipt before it prunes the transaction from its pool: reverted in
    # between, the transaction would stay there unmined. A held transaction stands in for one
    # not yet pruned; the revert goes ahead once the node has mined it.
    chain = chain_factory("anvil")
    monkeypatch.setattr(base, "POOL_DRAIN_S", 60.0)  # however slow the machine, it waits
    before = chain.w3.eth.block_number
    snapshot = chain.snapshot()
    _hold_a_transaction(chain)
    reverting = threading.Thread(target=chain.revert, args=(snapshot,))
    reverting.start()
    reverting.join(0.5)
    assert reverting.is_alive(), "the revert did not wait for the pool"
    assert rpc(chain.url, "txpool_status", []) == {"pending": "0x1", "queued": "0x0"}
    rpc(chain.url, "evm_mine", [])
    reverting.join(60)
    assert not reverting.is_alive()
    assert chain.w3.eth.block_number == before
    assert rpc(chain.url, "txpool_status", []) == {"pending": "0x0", "queued": "0x0"}


def test_a_pool_that_never_empties_delays_a_revert_by_its_bound_only(chain_factory, monkeypatch):
    chain = chain_factory("anvil")
    monkeypatch.setattr(base, "POOL_DRAIN_S", 0.3)
    before = chain.w3.eth.block_number
    snapshot = chain.snapshot()
    _hold_a_transaction(chain)
    started = time.monotonic()
    chain.revert(snapshot)
    assert base.POOL_DRAIN_S <= time.monotonic() - started < 30
    assert chain.w3.eth.block_number == before


def _hold_a_transaction(chain: Chain) -> None:
    """Stop the node mining on arrival and leave one transaction in its pool."""
    rpc(chain.url, "evm_setAutomine", [False])
    tx = {"from": chain.sender, "to": chain.accounts[1], "gas": "0x5208"}
    rpc(chain.url, "eth_sendTransaction", [tx])
