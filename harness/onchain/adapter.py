"""The rollup adapter: what the harness must know to drive a rollup contract end to end.

A team points the harness at its own rollup by implementing :class:`RollupAdapter` (three
methods on the adapter, four on the rollup it deploys) and naming it in its config file. The
scenario engine never talks to a rollup contract directly: it deploys one through the adapter
against the verifier router it has set up, commits each batch through it, asks it for the journal
a range of batches is proved with, finalises ranges with the seals the provers made (a Groth16 or
mock seal in range mode, an inclusion seal in set mode: the rollup cannot tell them apart, the
router routes both), and reads the rollup's state to check it against the reference model.

Where a batch's data travels is the run's data-availability mode (``calldata``, ``blob`` or
``blob-kzg``, see :mod:`harness.l2.blob_batch`): the host knows it (:attr:`RollupHost.da`) and
carries blobs on a commit (``RollupHost.send(..., blobs=...)``). An adapter names the modes it
can commit in as ``da_modes`` (without it: calldata only); a run in another mode is refused
before anything is deployed.

The harness's own ``Rollup.sol`` is driven through this same protocol
(:mod:`harness.onchain.rollup`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Protocol, runtime_checkable

from web3.contract import Contract

from harness.claims.images import ImageIds
from harness.common.errors import UsageError
from harness.ethereum.mined import TxResult
from harness.l2.batch import Batch
from harness.l2.blob_batch import check_da
from harness.l2.roots import Checkpoint
from harness.onchain.stack import VerifierStack
from harness.toolchain.solc import Artifact


class ProofKind(IntEnum):
    """Which program proved a range: the batch program (a leaf) or the aggregator."""

    BATCH = 0
    AGGREGATOR = 1


@dataclass(frozen=True)
class RollupState:
    """What a rollup says is committed and finalised, and its finalised state root."""

    state_root: bytes
    last_committed: int
    last_finalized: int


@dataclass(frozen=True)
class Genesis:
    """What a rollup is deployed with: the L2's genesis state root, the programs whose proofs
    it accepts, and the account allowed to commit batches."""

    state_root: bytes
    images: ImageIds
    sequencer: str


@dataclass(frozen=True)
class BatchRange:
    """What the reference model knows of batches ``first..last``: the checkpoints around them
    (state roots and data accumulators) and the batches themselves, so that an adapter can
    build a journal of any layout."""

    chain_id: int
    rollup: str
    first: int
    last: int
    before: Checkpoint
    after: Checkpoint
    batches: tuple[Batch, ...]
    images: ImageIds

    @classmethod
    def over(
        cls,
        checkpoints: Sequence[Checkpoint],
        workload: Sequence[Batch],
        first: int,
        last: int,
        *,
        chain_id: int,
        rollup: str,
        images: ImageIds,
    ) -> BatchRange:
        """The range ``[first, last]`` of a workload and its :func:`chain_of_roots`."""
        return cls(
            chain_id=chain_id,
            rollup=rollup,
            first=first,
            last=last,
            before=checkpoints[first - 1],
            after=checkpoints[last],
            batches=tuple(workload[first - 1 : last]),
            images=images,
        )


class RollupHost:
    """What an adapter may do on chain: deploy its contracts, send and call, every transaction
    recorded with what it was for. Built by the harness around the verifier stack it deployed.
    """

    def __init__(
        self, stack: VerifierStack, artifacts: dict[str, Artifact], da: str = "calldata"
    ) -> None:
        self._stack = stack
        self._artifacts = artifacts
        self._da = check_da(da)

    @property
    def da(self) -> str:
        """The run's data-availability mode: where the rollup is to post each batch's data."""
        return self._da

    @property
    def stack(self) -> VerifierStack:
        """The verifier stack the rollup verifies through (router, verifiers, set verifier)."""
        return self._stack

    @property
    def router(self) -> str:
        """The verifier router's address: what a rollup verifies its proofs through."""
        return self._stack.router.address

    @property
    def chain_id(self) -> int:
        """The chain's id."""
        return self._stack.chain.info.chain_id

    @property
    def sender(self) -> str:
        """The account the harness sends from (owner and sequencer by default)."""
        return self._stack.chain.sender

    def deploy(self, name: str, *args: Any, label: str | None = None) -> Contract:
        """Deploy contract ``name`` (of the adapter's artifacts) with constructor ``args``."""
        return self._stack.deploy_artifact(self.artifact(name), *args, label=label or name)

    def at(self, name: str, address: str) -> Contract:
        """A handle on contract ``name`` already deployed at ``address``."""
        return self._stack.chain.contract_at(self.artifact(name), address)

    def send(
        self,
        contract: Contract,
        fn: str,
        *args: Any,
        kind: str,
        label: str,
        batches: tuple[int, int] | None = None,
        blobs: Sequence[bytes] = (),
    ) -> TxResult:
        """Send ``contract.fn(*args)`` and record it as ``kind`` (``commit``, ``finalize`` or
        ``admin``) with ``label`` and the ``batches`` it covers; with ``blobs`` (each
        131,072 bytes) it is a type-3 transaction carrying them."""
        return self._stack.send(
            contract, fn, *args, kind=kind, label=label, batches=batches, blobs=blobs
        )

    def call(self, contract: Contract, fn: str, *args: Any) -> Any:
        """Call view function ``fn``; a revert raises the harness's ``Reverted`` error."""
        return self._stack.chain.call(contract, fn, *args)

    def artifact(self, name: str) -> Artifact:
        """The compiled contract ``name`` of the adapter's sources."""
        try:
            return self._artifacts[name]
        except KeyError:
            known = ", ".join(sorted(self._artifacts)) or "none"
            raise KeyError(f"no compiled contract {name!r} (compiled: {known})") from None


@runtime_checkable
class DeployedRollup(Protocol):
    """A rollup contract on chain, driven by its adapter."""

    @property
    def address(self) -> str:
        """The rollup contract's address (bound into journals)."""

    def commit(self, index: int, batch: Batch) -> None:
        """Commit batch ``index`` (the next one) with its transactions; record the commit."""

    def journal(self, batches: BatchRange) -> bytes:
        """The journal a proof of ``batches`` commits to, exactly as the contract checks it."""

    def finalize(self, batches: BatchRange, journal: bytes, kind: ProofKind, seal: bytes) -> None:
        """Finalise ``batches`` with ``seal`` over ``journal`` (a range or inclusion seal)."""

    def state(self) -> RollupState:
        """The rollup's committed and finalised batch counts and its finalised state root."""


@runtime_checkable
class RollupAdapter(Protocol):
    """How to drive one rollup design: a team implements this for its own contracts."""

    #: The adapter's name, reported with every run.
    name: str

    def deploy(self, host: RollupHost, genesis: Genesis) -> DeployedRollup:
        """Deploy the rollup verifying through ``host.router``, starting at ``genesis``."""

    def attach(self, host: RollupHost, address: str) -> DeployedRollup:
        """The rollup already deployed at ``address`` (from a deploy manifest)."""


def da_modes(adapter: object) -> tuple[str, ...]:
    """The data-availability modes ``adapter`` commits in: its ``da_modes``, else calldata."""
    return tuple(getattr(adapter, "da_modes", ("calldata",)))


def preferred_da(adapter: object) -> str:
    """The mode a run of ``adapter`` commits in when it is given none: blobs where it can."""
    modes = da_modes(adapter)
    return "blob" if "blob" in modes else modes[0]


def check_da_mode(adapter: object, name: str, da: str) -> str:
    """``da`` if the adapter ``name`` can commit in it; raises :class:`UsageError` otherwise."""
    supported = da_modes(adapter)
    if check_da(da) not in supported:
        raise UsageError(
            f"rollup {name!r} commits batch data only as {' or '.join(supported)}; "
            f"it has no {da!r} mode"
        )
    return da


@dataclass(frozen=True)
class OnChain:
    """A rollup on chain and the verifier stack it verifies its proofs through."""

    stack: VerifierStack
    rollup: DeployedRollup
