"""Batches committed in blobs on real EVMs: the model's accumulators, blob gas, both backends
alike, blob transactions the harness signs itself, what the point evaluation costs, and named
errors that change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account

from harness.chain.backends import open_chain
from harness.chain.base import Chain, Reverted
from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID
from harness.common.errors import UsageError
from harness.ethereum import blobs as kzg
from harness.ethereum.limits import GAS_PER_BLOB, blob_schedule
from harness.ethereum.mined import TxResult
from harness.l2.blob_batch import BlobBatch, transfers_per_blobs
from harness.l2.roots import chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.rollup import RollupClient, deploy_rollup
from harness.onchain.stack import deploy_router
from harness.toolchain.solc import project_artifacts

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("reused_anvils")]

#: A batch of 100 transfers (one blob) and one of 1,984 (one more than a blob holds: two).
WORKLOAD = (batches(1, 100)[0], batches(1, transfers_per_blobs(1) + 1)[0])
BLOB_BATCHES = tuple(BlobBatch.of(batch.encode()) for batch in WORKLOAD)
LOCAL = [("anvil", "osaka"), ("anvil", "prague"), ("eth-tester", "prague")]
#: The key of a sender none of the node's own: the rpc backend signs its transactions.
SIGNER_KEY = "0x" + "5e" * 32


@pytest.fixture
def osaka() -> Iterator[Chain]:
    """A chain on osaka: the node the test process keeps, reset, which has loaded its KZG
    setup (seconds of CPU, at the first point evaluation) once for all the tests."""
    with open_chain("anvil", fork="osaka") as chain:
        yield chain


def _rollup(chain: Chain) -> RollupClient:
    stack = deploy_router(chain, project_artifacts())
    return deploy_rollup(
        stack,
        batch_image_id=BATCH_IMAGE_ID,
        aggregator_image_id=AGGREGATOR_IMAGE_ID,
        genesis_state_root=genesis(0).root(),
    )


def _commit(rollup: RollupClient, index: int, batch: BlobBatch, da: str) -> TxResult:
    if da == "blob":
        return rollup.commit_blobs(index, batch)
    return rollup.commit_blobs_kzg(index, batch)


def _commit_all(rollup: RollupClient, da: str) -> list[TxResult]:
    return [_commit(rollup, i, b, da) for i, b in enumerate(BLOB_BATCHES, start=1)]


def _state(rollup: RollupClient) -> tuple:
    chain = rollup.stack.chain
    committed = rollup.state().last_committed
    accumulators = [bytes(chain.call(rollup.contract, "accumulator", i)) for i in range(3)]
    return committed, accumulators


@pytest.mark.parametrize(("backend", "fork"), LOCAL)
def test_blob_commits_reach_the_models_accumulators(chain_factory, backend, fork) -> None:
    chain = chain_factory(backend, fork=fork)
    rollup = _rollup(chain)
    txs = _commit_all(rollup, "blob")
    expected = chain_of_roots(genesis(0), WORKLOAD, "blob")
    for index, (tx, batch) in enumerate(zip(txs, BLOB_BATCHES, strict=True), start=1):
        assert (
            bytes(chain.call(rollup.contract, "accumulator", index)) == expected[index].accumulator
        )
        assert tx.blob_count == len(batch.blobs)
        assert tx.blob_gas_used == GAS_PER_BLOB * tx.blob_count
        assert chain.mined(tx.tx_hash) == tx
    assert [tx.blob_count for tx in txs] == [1, 2]


def test_blob_kzg_commits_reach_the_models_accumulators(osaka) -> None:
    rollup = _rollup(osaka)
    _commit_all(rollup, "blob-kzg")
    expected = chain_of_roots(genesis(0), WORKLOAD, "blob-kzg")
    assert _state(rollup) == (2, [c.accumulator for c in expected])


@pytest.mark.parametrize("fork", ["osaka", "prague"])
def test_blob_commits_signed_by_the_harness_are_taken_by_a_node_over_rpc(
    chain_factory, fork, monkeypatch
) -> None:
    """The rpc backend signs its blob transactions itself and sends them whole (blobs,
    commitments and proofs: cell proofs on osaka, a proof a blob on prague), which the node
    checks before it takes them."""
    node = chain_factory("anvil", fork=fork)
    signer = Account.from_key(SIGNER_KEY).address
    node.w3.provider.make_request("anvil_setBalance", [signer, hex(10**21)])
    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", SIGNER_KEY)
    with open_chain("rpc", rpc_url=node.url, fork=fork) as chain:
        rollup = _rollup(chain)
        txs = _commit_all(rollup, "blob-kzg")
        expected = chain_of_roots(genesis(0), WORKLOAD, "blob-kzg")
        assert _state(rollup) == (2, [c.accumulator for c in expected])
        assert [tx.blob_count for tx in txs] == [1, 2]
        assert {chain.w3.eth.get_transaction(tx.tx_hash)["from"] for tx in txs} == {signer}


def test_blob_commits_cost_the_same_gas_on_eth_tester_and_anvil(chain_factory) -> None:
    def commits(backend: str) -> list[tuple[int, int, int]]:
        rollup = _rollup(chain_factory(backend, fork="prague"))
        blob = rollup.commit_blobs(1, BLOB_BATCHES[1])
        opened = rollup.commit_blobs_kzg(2, BLOB_BATCHES[0])
        return [(tx.gas_used, tx.blob_count, tx.blob_gas_used) for tx in (blob, opened)]

    on_tester, on_anvil = commits("eth-tester"), commits("anvil")
    assert on_tester == on_anvil
    assert [blobs for _, blobs, _ in on_anvil] == [2, 1]


def test_opening_each_blob_costs_at_least_the_precompiles_50000_gas(osaka) -> None:
    plain = _commit_all(_rollup(osaka), "blob")
    opened = _commit_all(_rollup(osaka), "blob-kzg")
    for blob, kzg_tx in zip(plain, opened, strict=True):
        assert kzg_tx.blob_count == blob.blob_count
        assert kzg_tx.gas_used - blob.gas_used >= 50_000 * blob.blob_count


def test_a_blob_costs_less_execution_gas_than_the_same_batch_as_calldata(osaka) -> None:
    as_calldata = _rollup(osaka).commit(1, WORKLOAD[0].encode())
    in_blob = _rollup(osaka).commit_blobs(1, BLOB_BATCHES[0])
    assert in_blob.gas_used < as_calldata.gas_used
    assert (as_calldata.blob_count, as_calldata.blob_gas_used) == (0, 0)


def test_the_fees_of_a_blob_commit_are_its_blocks(osaka) -> None:
    chain = osaka
    tx = _rollup(chain).commit_blobs(1, BLOB_BATCHES[0])
    receipt = chain.w3.eth.get_transaction_receipt(tx.tx_hash)
    sent = chain.w3.eth.get_transaction(tx.tx_hash)
    block = chain.w3.eth.get_block(tx.block)
    assert tx.blob_gas_price == receipt["blobGasPrice"] >= 1
    assert tx.effective_gas_price == receipt["effectiveGasPrice"]
    assert tx.effective_gas_price == block["baseFeePerGas"] + sent["maxPriorityFeePerGas"]
    assert sent["type"] == 3 and len(sent["blobVersionedHashes"]) == 1


def _rejects(rollup: RollupClient, send, name: str) -> Reverted:
    before = _state(rollup)
    with pytest.raises(Reverted) as raised:
        send()
    assert raised.value.error.name == name, str(raised.value)
    assert _state(rollup) == before, "a rejected commit changed the rollup's state"
    return raised.value


def test_a_wrong_kzg_proof_reverts_with_a_named_error(osaka) -> None:
    chain = osaka
    rollup = _rollup(chain)
    batch = BLOB_BATCHES[0]
    rollup.commit_blobs_kzg(1, batch)
    proofless = batch.openings_data[:-1] + bytes([batch.openings_data[-1] ^ 1])
    raised = _rejects(
        rollup,
        lambda: chain.transact(
            rollup.contract, "commitBlobBatchKzg", batch.data_hash, proofless, blobs=batch.blobs
        ),
        "BlobEvaluationInvalid",
    )
    assert raised.error.args == (0, batch.openings[0].z)
    assert raised.tx is not None and raised.tx.status == 0 and raised.tx.blob_count == 1


@pytest.mark.parametrize(("backend", "fork"), [("anvil", "osaka"), ("eth-tester", "prague")])
def test_a_wrong_blob_reverts_with_a_named_error(chain_factory, backend, fork) -> None:
    chain = chain_factory(backend, fork=fork)
    rollup = _rollup(chain)
    batch, other = BLOB_BATCHES[0], BlobBatch.of(b"another batch")
    raised = _rejects(
        rollup,
        lambda: chain.transact(
            rollup.contract,
            "commitBlobBatchKzg",
            batch.data_hash,
            batch.openings_data,
            blobs=other.blobs,
        ),
        "BlobCommitmentMismatch",
    )
    assert raised.error.args == (0, other.versioned_hashes[0], batch.versioned_hashes[0])


@pytest.mark.parametrize("fn", ["commitBlobBatch", "commitBlobBatchKzg"])
def test_a_commit_without_blobs_reverts_with_a_named_error(osaka, fn) -> None:
    chain = osaka
    rollup = _rollup(chain)
    batch = BLOB_BATCHES[0]
    args = () if fn == "commitBlobBatch" else (batch.data_hash, batch.openings_data)
    raised = _rejects(rollup, lambda: chain.transact(rollup.contract, fn, *args), "NoBlobs")
    assert raised.tx is not None and raised.tx.blob_count == 0


def test_more_blobs_than_a_transaction_may_carry_are_refused_before_sending(osaka) -> None:
    chain = osaka
    rollup = _rollup(chain)
    block = chain.w3.eth.block_number
    too_many = [bytes(kzg.BYTES_PER_BLOB)] * (blob_schedule("osaka").max_per_tx + 1)
    with pytest.raises(UsageError, match="carries 1 to 6 blobs, got 7"):
        chain.transact(rollup.contract, "commitBlobBatch", blobs=too_many)
    assert chain.w3.eth.block_number == block
