"""Talk to a deployed rollup contract: commit batches, finalise ranges, read its state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from web3.contract import Contract

from harness.claims.journal import RangeJournal
from harness.ethereum.mined import TxResult
from harness.onchain.stack import VerifierStack


class ProofKind(IntEnum):
    """Which program proved a range (the contract's ``ProofKind``)."""

    BATCH = 0
    AGGREGATOR = 1


@dataclass(frozen=True)
class RollupState:
    """What the rollup contract says is committed and finalised."""

    state_root: bytes
    last_committed: int
    last_finalized: int


@dataclass
class RollupClient:
    """A deployed rollup and the stack that verifies its proofs."""

    stack: VerifierStack
    contract: Contract

    @property
    def address(self) -> str:
        """The rollup contract's address."""
        return self.contract.address

    def commit(self, index: int, data: bytes) -> TxResult:
        """Commit batch ``index`` (the next one) with its encoded ``data``."""
        return self.stack.send(
            self.contract,
            "commitBatch",
            data,
            kind="commit",
            label=f"commitBatch({index})",
            batches=(index, index),
        )

    def finalize(self, journal: RangeJournal, kind: ProofKind, seal: bytes) -> TxResult:
        """Finalise ``journal``'s range with ``seal`` (a Groth16, mock or inclusion seal)."""
        return self.stack.send(
            self.contract,
            "finalize",
            journal.first,
            journal.last,
            journal.prev_state_root,
            journal.new_state_root,
            journal.acc_before,
            journal.acc_after,
            int(kind),
            seal,
            kind="finalize",
            label=f"finalize({journal.first}..{journal.last}, {kind.name.lower()})",
            batches=(journal.first, journal.last),
        )

    def state(self) -> RollupState:
        """The rollup's finalised root and committed/finalised counts."""
        chain = self.stack.chain
        return RollupState(
            state_root=bytes(chain.call(self.contract, "stateRoot")),
            last_committed=chain.call(self.contract, "lastCommitted"),
            last_finalized=chain.call(self.contract, "lastFinalized"),
        )


def deploy_rollup(
    stack: VerifierStack,
    *,
    batch_image_id: bytes,
    aggregator_image_id: bytes,
    genesis_state_root: bytes,
    sequencer: str | None = None,
) -> RollupClient:
    """Deploy the rollup verifying through ``stack``'s router; the sender is owner."""
    contract = stack.deploy(
        "Rollup",
        stack.router.address,
        batch_image_id,
        aggregator_image_id,
        sequencer or stack.chain.sender,
        genesis_state_root,
    )
    return RollupClient(stack, contract)
