"""Bad proofs and bad calls revert with their named error and leave the rollup unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from harness.chain.base import Chain, Reverted
from harness.claims.images import AGGREGATOR_IMAGE_ID, BATCH_IMAGE_ID
from harness.claims.journal import RangeJournal
from harness.claims.request import ProofRequest
from harness.l2.roots import Checkpoint, chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.adapter import ProofKind
from harness.onchain.rollup import RollupClient, deploy_rollup
from harness.provers.sources import SyntheticSource
from harness.records.txlog import TxLog, read_txlog
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool

COMMITTED = 4


@dataclass
class Setup:
    chain: Chain
    rollup: RollupClient
    checkpoints: tuple[Checkpoint, ...]

    def journal(self, first: int, last: int) -> RangeJournal:
        return RangeJournal.over(
            self.checkpoints,
            first,
            last,
            chain_id=self.chain.info.chain_id,
            rollup=self.rollup.address,
            batch_image_id=BATCH_IMAGE_ID,
        )

    def proof(self, journal: RangeJournal) -> tuple[ProofKind, bytes]:
        kind = ProofKind.BATCH if journal.first == journal.last else ProofKind.AGGREGATOR
        image = BATCH_IMAGE_ID if kind is ProofKind.BATCH else AGGREGATOR_IMAGE_ID
        request = ProofRequest(kind.name.lower(), image, journal.encode())
        return kind, SyntheticSource().seal(request)

    def finalize(self, journal: RangeJournal, seal: bytes | None = None) -> None:
        kind, proof = self.proof(journal)
        self.rollup.finalize(journal, kind, proof if seal is None else seal)

    def snapshot(self) -> tuple:
        state = self.rollup.state()
        accumulators = tuple(
            bytes(self.chain.call(self.rollup.contract, "accumulator", i))
            for i in range(COMMITTED + 1)
        )
        return state, accumulators


@pytest.fixture
def setup(chain_factory, tmp_path) -> Iterator[Setup]:
    chain = chain_factory("anvil")
    with TxLog(tmp_path / "txs.jsonl", backend="anvil", fork="prague") as txlog:
        config = RunConfig(proofs=COMMITTED, txs_per_batch=5)
        stack = deploy_stack(chain, config, make_pool(config), ScenarioRecorder(txlog, "neg", ""))
        workload = batches(COMMITTED, 5)
        checkpoints = chain_of_roots(genesis(0), workload)
        rollup = deploy_rollup(
            stack,
            batch_image_id=BATCH_IMAGE_ID,
            aggregator_image_id=AGGREGATOR_IMAGE_ID,
            genesis_state_root=checkpoints[0].state_root,
        )
        for index, batch in enumerate(workload, start=1):
            rollup.commit(index, batch.encode())
        yield Setup(chain, rollup, checkpoints)


def _rejects(setup: Setup, action, name: str, args: tuple | None = None) -> Reverted:
    before = setup.snapshot()
    with pytest.raises(Reverted) as raised:
        action()
    assert raised.value.error.name == name, str(raised.value)
    if args is not None:
        assert raised.value.error.args == args
    assert setup.snapshot() == before, "a rejected call changed the rollup's state"
    return raised.value


def test_finalize_accepts_the_right_proof(setup):
    setup.finalize(setup.journal(1, 2))
    assert setup.rollup.state().last_finalized == 2


def test_finalize_rejects_a_proof_for_the_wrong_range(setup):
    _rejects(setup, lambda: setup.finalize(setup.journal(2, 3)), "RangeNotNext", (1, 2))


def test_finalize_rejects_a_wrong_previous_root(setup):
    journal = replace(setup.journal(1, 1), prev_state_root=b"\x07" * 32)
    root = setup.checkpoints[0].state_root
    _rejects(setup, lambda: setup.finalize(journal), "StateRootMismatch", (root, b"\x07" * 32))


def test_finalize_rejects_a_replayed_proof(setup):
    journal = setup.journal(1, 1)
    kind, seal = setup.proof(journal)
    setup.rollup.finalize(journal, kind, seal)
    _rejects(setup, lambda: setup.rollup.finalize(journal, kind, seal), "RangeNotNext", (2, 1))


def test_finalize_rejects_a_batch_finalised_twice(setup):
    setup.finalize(setup.journal(1, 2))
    _rejects(setup, lambda: setup.finalize(setup.journal(2, 3)), "RangeNotNext", (3, 2))


def test_finalize_rejects_an_uncommitted_batch(setup):
    journal = replace(setup.journal(1, COMMITTED), last=COMMITTED + 1)
    _rejects(setup, lambda: setup.finalize(journal), "BatchNotCommitted", (COMMITTED, 5))


def test_commit_rejects_a_non_sequencer(setup):
    outsider = setup.chain.accounts[1]
    contract = setup.rollup.contract

    def commit() -> None:
        setup.chain.transact(contract, "commitBatch", b"\x01" * 64, sender=outsider)

    _rejects(setup, commit, "NotSequencer", (outsider.lower(),))


@pytest.mark.parametrize("position", [4, 40, 100, 259])
def test_finalize_rejects_a_tampered_seal(setup, position):
    journal = setup.journal(1, 1)
    _, seal = setup.proof(journal)
    tampered = bytearray(seal)
    tampered[position] ^= 0x01
    finalize = lambda: setup.finalize(journal, bytes(tampered))  # noqa: E731
    rejected = _rejects(setup, finalize, "VerificationFailed")
    assert rejected.tx is not None and rejected.tx.status == 0


def test_a_mined_revert_is_recorded_with_status_zero(setup, tmp_path):
    journal = setup.journal(1, 1)
    _, seal = setup.proof(journal)
    with pytest.raises(Reverted) as raised:
        setup.finalize(journal, seal[:-1] + bytes([seal[-1] ^ 1]))
    last = list(read_txlog(tmp_path / "txs.jsonl"))[-1]
    assert (last.kind, last.status, last.tx_hash) == ("finalize", 0, raised.value.tx.tx_hash)
    assert last.gas_used == raised.value.tx.gas_used > 0
