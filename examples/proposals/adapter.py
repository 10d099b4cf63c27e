"""How rollup-harness drives Proposals.sol: deploy it, propose batches, build its journal, prove."""

from __future__ import annotations

from dataclasses import dataclass, field

from eth_abi.packed import encode_packed
from eth_utils import keccak
from web3.contract import Contract

from harness.l2.batch import Batch
from harness.onchain.adapter import BatchRange, Genesis, ProofKind, RollupHost, RollupState

CONTRACT = "Proposals"
JOURNAL = ("address", "uint64", "uint64", "uint64", "bytes32", "bytes32", "bytes32", "bytes32")


@dataclass
class DeployedProposals:
    """A deployed Proposals contract and the hash chain over what was proposed to it."""

    host: RollupHost
    contract: Contract
    #: The chain's head after each proposal; heads[0] is the zero word.
    heads: list[bytes] = field(default_factory=lambda: [bytes(32)])

    @property
    def address(self) -> str:
        """The contract's address."""
        return self.contract.address

    def commit(self, index: int, batch: Batch) -> None:
        """``propose(data)``, extending the hash chain as the contract does."""
        data = batch.encode()
        self.heads[index:] = [keccak(self.heads[index - 1] + keccak(data))]
        self.host.send(
            self.contract,
            "propose",
            data,
            kind="commit",
            label=f"propose({index})",
            batches=(index, index),
        )

    def journal(self, batches: BatchRange) -> bytes:
        """The 172 packed bytes ``Proposals._prove`` checks."""
        return encode_packed(
            JOURNAL,
            (
                batches.rollup,
                batches.chain_id,
                batches.first,
                batches.last,
                self.heads[batches.first - 1],
                self.heads[batches.last],
                batches.before.state_root,
                batches.after.state_root,
            ),
        )

    def finalize(self, batches: BatchRange, journal: bytes, kind: ProofKind, seal: bytes) -> None:
        """``prove`` for a batch proof, ``proveAggregated`` for an aggregate."""
        function = "prove" if kind is ProofKind.BATCH else "proveAggregated"
        span = (batches.first, batches.last)
        self.host.send(
            self.contract,
            function,
            *span,
            journal,
            seal,
            kind="finalize",
            label=f"{function}({span[0]}..{span[1]})",
            batches=span,
        )

    def state(self) -> RollupState:
        """``stateRoot``, ``proposed`` and ``proven``."""
        root, proposed, proven = (
            self.host.call(self.contract, name) for name in ("stateRoot", "proposed", "proven")
        )
        return RollupState(bytes(root), proposed, proven)


@dataclass(frozen=True)
class ProposalsAdapter:
    """The adapter rollup-harness.toml names."""

    name: str = "Proposals.sol"

    def deploy(self, host: RollupHost, genesis: Genesis) -> DeployedProposals:
        """``Proposals(router, batchImageId, aggregatorImageId, proposer, genesisRoot)``."""
        images = genesis.images
        contract = host.deploy(
            CONTRACT,
            host.router,
            images.batch,
            images.aggregator,
            genesis.sequencer,
            genesis.state_root,
        )
        return DeployedProposals(host, contract)

    def attach(self, host: RollupHost, address: str) -> DeployedProposals:
        """The Proposals contract at ``address``, with the heads of what it holds."""
        contract = host.at(CONTRACT, address)
        proposed = host.call(contract, "proposed")
        heads = [bytes(host.call(contract, "chainAt", i)) for i in range(proposed + 1)]
        return DeployedProposals(host, contract, heads)


ADAPTER = ProposalsAdapter()
