"""The example rollup's contract: bad proposals and proofs revert with their named error and
change nothing; its adapter's journal is the one the contract accepts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from harness.chain.base import Reverted
from harness.claims.request import ProofRequest
from harness.common.paths import ROOT
from harness.l2.roots import chain_of_roots
from harness.l2.workload import batches, genesis
from harness.onchain.adapter import BatchRange, DeployedRollup, ProofKind
from harness.onchain.config import load_config
from harness.provers.sources import MockSource
from harness.records.txlog import TxLog
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool

CONFIG = ROOT / "examples" / "proposals" / "rollup-harness.toml"
PROPOSED = 3

pytestmark = pytest.mark.anvil


@dataclass
class Proposals:
    rollup: DeployedRollup
    ranges: Callable[[int, int], BatchRange]
    attach: Callable[[], DeployedRollup]

    def prove(
        self, first: int, last: int, journal: bytes | None = None, *, sealed: bytes | None = None
    ) -> None:
        """Prove ``first..last`` with ``journal`` (the adapter's by default) and a mock seal of
        ``sealed`` (by default the journal sent)."""
        span = self.ranges(first, last)
        journal = self.rollup.journal(span) if journal is None else journal
        kind = ProofKind.BATCH if first == last else ProofKind.AGGREGATOR
        image = span.images.for_leaf(kind is ProofKind.BATCH)
        claim = ProofRequest(kind.name.lower(), image, journal if sealed is None else sealed)
        self.rollup.finalize(span, journal, kind, MockSource().seal(claim))


@pytest.fixture
def proposals(chain_factory, tmp_path) -> Iterator[Proposals]:
    """The example rollup on anvil behind a mock verifier, with three of four batches proposed."""
    chain = chain_factory("anvil")
    target = load_config(CONFIG).target
    workload = batches(PROPOSED + 1, 5)
    checkpoints = chain_of_roots(genesis(0), workload)
    with TxLog(tmp_path / "txs.jsonl", backend="anvil", fork="prague") as txlog:
        config = RunConfig(proofs=PROPOSED, prover="mock", txs_per_batch=5)
        recorder = ScenarioRecorder(txlog, "example", "")
        stack = deploy_stack(chain, config, make_pool(config), recorder)
        with stack.recording(recorder):
            rollup = target.deploy(stack, checkpoints[0].state_root).rollup
            for index, batch in enumerate(workload[:PROPOSED], start=1):
                rollup.commit(index, batch)

            def ranges(first: int, last: int) -> BatchRange:
                return BatchRange.over(
                    checkpoints,
                    workload,
                    first,
                    last,
                    chain_id=chain.info.chain_id,
                    rollup=rollup.address,
                    images=target.images,
                )

            def attach() -> DeployedRollup:
                return target.attach(stack, rollup.address).rollup

            yield Proposals(rollup, ranges, attach)


def test_the_adapters_journal_proves_a_run_to_the_reference_root(proposals):
    proposals.prove(1, 2)
    state = proposals.rollup.state()
    assert (state.last_committed, state.last_finalized) == (PROPOSED, 2)
    assert state.state_root == proposals.ranges(1, 2).after.state_root


def test_an_attached_rollup_builds_the_same_journals_and_state(proposals):
    attached = proposals.attach()
    assert attached.state() == proposals.rollup.state()
    for first, last in [(1, 1), (1, 3), (2, 3)]:
        span = proposals.ranges(first, last)
        assert attached.journal(span) == proposals.rollup.journal(span)


def _tampered(proposals: Proposals, first: int, last: int, at: int) -> bytes:
    journal = bytearray(proposals.rollup.journal(proposals.ranges(first, last)))
    journal[at] ^= 1
    return bytes(journal)


@pytest.mark.parametrize(
    ("act", "error"),
    [
        (lambda p: p.prove(2, 3), "NotNext(1, 2)"),
        (lambda p: p.prove(1, 4, p.rollup.journal(p.ranges(1, 3))), "NotProposed(1, 4, 3)"),
        (lambda p: p.prove(1, 1, p.rollup.journal(p.ranges(1, 1)) + b"\0"), "JournalLength(173)"),
        # The rollup address, the chain heads and the starting root are all bound.
        (lambda p: p.prove(1, 1, _tampered(p, 1, 1, 0)), "JournalMismatch("),
        (lambda p: p.prove(1, 2, _tampered(p, 1, 2, 44 + 32)), "JournalMismatch("),
        (lambda p: p.prove(1, 2, _tampered(p, 1, 2, 44 + 64)), "JournalMismatch("),
        # The new root is only in the journal: a root other than the proved one fails the seal.
        (
            lambda p: p.prove(
                1, 1, _tampered(p, 1, 1, 171), sealed=p.rollup.journal(p.ranges(1, 1))
            ),
            "VerificationFailed",
        ),
    ],
)
def test_a_bad_proof_reverts_with_its_named_error_and_changes_nothing(proposals, act, error):
    before = proposals.rollup.state()
    with pytest.raises(Reverted) as raised:
        act(proposals)
    assert str(raised.value.error).startswith(error)
    assert proposals.rollup.state() == before
