"""Every transaction carries the harness's fee caps, twice the latest base fee plus the tip the
node suggested, worked out from what the harness already knows and never filled in by the
node: anvil, under load, fills in a base fee a block old, and the same transaction of the same
scenario then has another hash."""

from __future__ import annotations

import pytest

from harness.chain.fee_caps import FEE_CAP_MARGIN, FeeCaps
from harness.ethereum.mined import TxResult

pytestmark = pytest.mark.anvil

HEAVY = ("heavy", b"", b"\x01" * 300)


def _caps_and_parent_base_fee(chain, sent: TxResult) -> tuple[int, int, int]:
    """The fee caps ``sent`` was mined with, and the base fee of the block before its own (the
    block from its receipt: after a revert, anvil may answer a lookup by hash with the
    reverted twin of the same transaction, same fields but not in a block)."""
    tx = chain.w3.eth.get_transaction(sent.tx_hash)
    parent = chain.w3.eth.get_block(sent.block - 1)
    return tx["maxFeePerGas"], tx["maxPriorityFeePerGas"], parent["baseFeePerGas"]


@pytest.mark.parametrize("backend", ["anvil", "eth-tester"])
def test_each_cap_is_twice_the_base_fee_before_it_plus_the_tip(
    chain_factory, probe_artifact, backend
):
    chain = chain_factory(backend)
    deployed = chain.deploy(probe_artifact, 3)
    sent = [deployed.tx, *(chain.transact(deployed.contract, *HEAVY) for _ in range(5))]
    tip = chain.fee_caps.tip
    assert tip > 0
    base_fees = set()
    for tx in sent:
        cap, priority, parent_base_fee = _caps_and_parent_base_fee(chain, tx)
        base_fee = chain.w3.eth.get_block(tx.block)["baseFeePerGas"]
        assert (priority, cap) == (tip, FEE_CAP_MARGIN * parent_base_fee + tip)
        assert tx.effective_gas_price == base_fee + tip, "the price the node would charge"
        base_fees.add(base_fee)
    assert len(base_fees) > 1, "the base fee moved from block to block"


def test_after_a_revert_the_caps_come_from_the_block_reverted_to(chain_factory, probe_artifact):
    chain = chain_factory("anvil")
    deployed = chain.deploy(probe_artifact, 3)
    snapshot = chain.snapshot()
    reverted = [chain.transact(deployed.contract, *HEAVY) for _ in range(4)]
    chain.revert(snapshot)
    after = chain.transact(deployed.contract, *HEAVY)
    assert after.block == deployed.tx.block + 1
    cap, _, parent_base_fee = _caps_and_parent_base_fee(chain, after)
    assert cap == FEE_CAP_MARGIN * parent_base_fee + chain.fee_caps.tip
    assert after.tx_hash == reverted[0].tx_hash, "the same transaction from the same state"


def test_the_caps_read_the_chain_only_for_what_they_do_not_know():
    reads: list[str] = []
    caps = FeeCaps(lambda: reads.append("base fee") or 100, lambda: reads.append("tip") or 7)
    assert caps.fields() == {"maxPriorityFeePerGas": 7, "maxFeePerGas": 207}
    caps.mined(7 + 90)
    assert caps.fields() == {"maxPriorityFeePerGas": 7, "maxFeePerGas": 187}
    caps.forget()
    assert caps.fields()["maxFeePerGas"] == 207
    assert reads == ["base fee", "tip", "base fee"]
