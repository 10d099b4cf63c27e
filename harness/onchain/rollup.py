"""The harness's own rollup, ``Rollup.sol``: a client for the contract, and its adapter.

``Rollup.sol`` commits each batch into a SHA-256 accumulator — its encoding as calldata
(``commitBatch``), or in blobs it binds by their versioned hashes (``commitBlobBatch``), each
also opened at a challenge point (``commitBlobBatchKzg``) — and finalises a range with one
proof whose journal is :class:`~harness.claims.journal.RangeJournal`. The
scenario engine drives it through :data:`HARNESS_ROLLUP`, the same
:class:`~harness.onchain.adapter.RollupAdapter` protocol a team implements for its own rollup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from web3 import Web3
from web3.contract import Contract

from harness.claims.journal import RangeJournal
from harness.common.errors import UsageError
from harness.ethereum.calldata import calldata_cost
from harness.ethereum.limits import TX_CAP_FORKS, TX_GAS_CAP
from harness.ethereum.mined import TxResult
from harness.l2.batch import Batch
from harness.l2.blob_batch import DA_MODES, BlobBatch
from harness.onchain.adapter import (
    BatchRange,
    Genesis,
    ProofKind,
    RollupHost,
    RollupState,
)
from harness.onchain.stack import VerifierStack
from harness.toolchain.solc import project_artifacts

ROLLUP_CONTRACT = "Rollup"


@dataclass
class RollupClient:
    """A deployed ``Rollup.sol`` and the stack that verifies its proofs."""

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

    def commit_blobs(self, index: int, batch: BlobBatch) -> TxResult:
        """Commit batch ``index`` (the next one) by one type-3 transaction carrying
        ``batch``'s blobs (``commitBlobBatch``)."""
        return self.stack.send(
            self.contract,
            "commitBlobBatch",
            kind="commit",
            label=f"commitBlobBatch({index})",
            batches=(index, index),
            blobs=batch.blobs,
        )

    def commit_blobs_kzg(self, index: int, batch: BlobBatch) -> TxResult:
        """Commit batch ``index`` (the next one) by one type-3 transaction carrying
        ``batch``'s blobs, each opened at its challenge point (``commitBlobBatchKzg``)."""
        return self.stack.send(
            self.contract,
            "commitBlobBatchKzg",
            batch.data_hash,
            batch.openings_data,
            kind="commit",
            label=f"commitBlobBatchKzg({index})",
            batches=(index, index),
            blobs=batch.blobs,
        )

    def commit_in(self, da: str, index: int, data: bytes) -> TxResult:
        """Commit batch ``index`` (the next one), encoded as ``data``, in the
        data-availability mode ``da``."""
        if da == "calldata":
            return self.commit(index, data)
        batch = BlobBatch.of(data)
        if da == "blob":
            return self.commit_blobs(index, batch)
        return self.commit_blobs_kzg(index, batch)

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
    """Deploy ``Rollup.sol`` verifying through ``stack``'s router; the sender is owner."""
    contract = stack.deploy(
        ROLLUP_CONTRACT,
        stack.router.address,
        batch_image_id,
        aggregator_image_id,
        sequencer or stack.chain.sender,
        genesis_state_root,
    )
    return RollupClient(stack, contract)


@cache
def _rollup_abi() -> Contract:
    return Web3().eth.contract(abi=project_artifacts()[ROLLUP_CONTRACT].abi)


def commit_calldata(data: bytes) -> bytes:
    """The calldata of ``commitBatch(data)``."""
    return bytes.fromhex(_rollup_abi().encode_abi("commitBatch", args=[data])[2:])


def commit_gas_lower_bound(data: bytes, fork: str) -> int:
    """Gas ``commitBatch(data)`` needs before any code runs: intrinsic gas or the EIP-7623 floor."""
    cost = calldata_cost(commit_calldata(data), fork)
    return max(cost.intrinsic_gas, cost.floor_gas)


def check_commit_under_cap(data: bytes, fork: str) -> None:
    """Refuse committing a batch encoded as ``data`` in calldata on a fork with EIP-7825's
    per-transaction cap when ``commitBatch`` would need more gas than the cap: such a
    transaction could only fail."""
    needed = commit_gas_lower_bound(data, fork)
    if fork in TX_CAP_FORKS and needed > TX_GAS_CAP:
        raise UsageError(
            f"committing a batch of {len(data):,} bytes as calldata needs at least {needed:,} "
            f"gas, above the EIP-7825 cap of {TX_GAS_CAP:,} gas per transaction on {fork}; "
            f"lower txs_per_batch, or commit in blobs (da 'blob')"
        )


def range_journal(batches: BatchRange) -> RangeJournal:
    """The journal ``Rollup.sol`` checks for ``batches``."""
    return RangeJournal(
        chain_id=batches.chain_id,
        rollup=batches.rollup,
        first=batches.first,
        last=batches.last,
        prev_state_root=batches.before.state_root,
        new_state_root=batches.after.state_root,
        acc_before=batches.before.accumulator,
        acc_after=batches.after.accumulator,
        batch_image_id=batches.images.batch,
    )


@dataclass(frozen=True)
class HarnessRollup:
    """``Rollup.sol`` as a :class:`~harness.onchain.adapter.DeployedRollup`."""

    client: RollupClient
    #: Where each batch's data travels (see :mod:`harness.l2.blob_batch`).
    da: str = "calldata"

    @property
    def address(self) -> str:
        """The rollup contract's address."""
        return self.client.address

    def commit(self, index: int, batch: Batch) -> None:
        """Commit the batch's canonical encoding in the run's data-availability mode."""
        self.client.commit_in(self.da, index, batch.encode())

    def journal(self, batches: BatchRange) -> bytes:
        """The nine-word range journal (:class:`RangeJournal`)."""
        return range_journal(batches).encode()

    def finalize(self, batches: BatchRange, journal: bytes, kind: ProofKind, seal: bytes) -> None:
        """``finalize(first, last, roots, accumulators, kind, seal)``; the contract rebuilds
        ``journal`` from those arguments."""
        self.client.finalize(range_journal(batches), kind, seal)

    def state(self) -> RollupState:
        """``stateRoot``, ``lastCommitted`` and ``lastFinalized``."""
        return self.client.state()


@dataclass(frozen=True)
class HarnessRollupAdapter:
    """The adapter of the harness's own ``Rollup.sol``."""

    name: str = "Rollup.sol"
    #: It commits in every data-availability mode.
    da_modes: tuple[str, ...] = DA_MODES

    def deploy(self, host: RollupHost, genesis: Genesis) -> HarnessRollup:
        """Deploy ``Rollup(router, batchImageId, aggregatorImageId, sequencer, genesisRoot)``."""
        client = deploy_rollup(
            host.stack,
            batch_image_id=genesis.images.batch,
            aggregator_image_id=genesis.images.aggregator,
            genesis_state_root=genesis.state_root,
            sequencer=genesis.sequencer,
        )
        return HarnessRollup(client, host.da)

    def attach(self, host: RollupHost, address: str) -> HarnessRollup:
        """The ``Rollup.sol`` at ``address``."""
        client = RollupClient(host.stack, host.at(ROLLUP_CONTRACT, address))
        return HarnessRollup(client, host.da)


#: The adapter of the harness's own rollup: the default one.
HARNESS_ROLLUP = HarnessRollupAdapter()
