"""Deploy the verifier stack and a rollup to any chain, recording everything in a manifest.

The deploy builds exactly what a run deploys — router, each verifier behind its own emergency
stop, the set verifier, the rollup — through the same :class:`VerifierStack` methods. A
:class:`ManifestStack` answers each of the stack's deployments from the manifest when the
manifest already holds that contract with the same constructor arguments, and each route from
the router when it is already there; only what is missing is sent. The manifest is saved after
every transaction, so an interrupted deploy resumes where it stopped, and a deploy against a
complete manifest sends nothing and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from web3 import Web3
from web3.contract import Contract

from harness.chain.base import Chain, Reverted
from harness.claims.images import set_builder_image_id
from harness.common.errors import ChainError, UsageError
from harness.deploy.codecheck import check_manifest_chain, code_hash
from harness.deploy.manifest import (
    AdminRecord,
    ContractRecord,
    Manifest,
    RouteRecord,
    json_value,
    read_manifest,
    write_manifest,
)
from harness.ethereum.mined import TxResult
from harness.l2.workload import genesis
from harness.onchain.stack import VerifierStack
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.provers.verifiers import VerifierSpec
from harness.toolchain.solc import Artifact, project_artifacts

ROUTER = "RiscZeroVerifierRouter"
ESTOP = "RiscZeroVerifierEmergencyStop"


def checksum(address: str, option: str) -> str:
    """``address`` checksummed; a malformed one is a usage error naming ``option``."""
    if not Web3.is_address(address):
        raise UsageError(f"{option} {address!r} is not an Ethereum address")
    return Web3.to_checksum_address(address)


@dataclass(frozen=True)
class DeployRequest:
    """What to deploy: the verifiers to route, the rollup's genesis seed and its roles.

    ``sequencer`` and ``owner`` default to the deployer. An owner other than the deployer is
    handed every owned contract in two steps: the deploy starts each transfer, the owner accepts.
    """

    verifiers: tuple[VerifierSpec, ...]
    seed: int = 0
    sequencer: str | None = None
    owner: str | None = None

    def __post_init__(self) -> None:
        if not self.verifiers:
            raise UsageError("choose at least one verifier")
        if not 0 <= self.seed < 2**64:
            raise UsageError(f"seed must be between 0 and 2**64 - 1, got {self.seed}")


@dataclass(frozen=True)
class DeployResult:
    """The manifest after the deploy, what it sent, and whether it continued an earlier one."""

    manifest: Manifest
    deployed: tuple[str, ...]
    transactions: int
    resumed: bool


class ManifestBook:
    """The manifest a deploy works on: consulted before each deployment, saved after each tx."""

    def __init__(self, chain: Chain, path: Path, manifest: Manifest) -> None:
        self.chain = chain
        self.path = path
        self.manifest = manifest
        #: Labels of the contracts this deploy created, and how many transactions it sent.
        self.deployed: list[str] = []
        self.transactions = 0
        self._funded = False

    def _save(self, manifest: Manifest) -> None:
        self.manifest = manifest
        write_manifest(self.path, manifest)

    def before_send(self) -> None:
        """Refuse to send from an account without funds (checked once, before the first tx)."""
        if self._funded:
            return
        if self.chain.w3.eth.get_balance(self.chain.sender) == 0:
            raise ChainError(
                f"the deployer {self.chain.sender} has no funds on chain id "
                f"{self.chain.info.chain_id}; fund it and deploy again"
            )
        self._funded = True

    def find(self, address: str) -> tuple[str, ContractRecord] | None:
        """The label and record of the contract at ``address``, if the manifest holds it."""
        for label, record in self.manifest.contracts.items():
            if record.address == address:
                return label, record
        return None

    def label_of(self, address: str) -> str:
        """The manifest label of the contract at ``address``."""
        found = self.find(address)
        if found is None:
            raise ChainError(f"{address} is not a contract that {self.path} records")
        return found[0]

    def ensure_contract(self, artifact: Artifact, args: Sequence[Any], label: str) -> Contract:
        """The contract recorded under ``label``, or deploy it now and record it.

        A contract recorded under ``label`` from another artifact or with other constructor
        arguments is refused: the deploy asked for something other than what is there.
        """
        wanted = json_value(list(args))
        record = self.manifest.contracts.get(label)
        if record is not None:
            if record.contract != artifact.name or list(record.constructor_args) != wanted:
                raise UsageError(
                    f"{self.path} already records {label} with other constructor arguments; "
                    "pass another manifest path to deploy a new one"
                )
            return self.chain.contract_at(artifact, record.address)
        self.before_send()
        deployment = self.chain.deploy(artifact, *args)
        tx = deployment.tx
        sent = bytes(self.chain.w3.eth.get_transaction(tx.tx_hash)["input"])
        self._save(
            self.manifest.with_contract(
                label,
                ContractRecord(
                    contract=artifact.name,
                    address=deployment.address,
                    code_hash=code_hash(self.chain, deployment.address),
                    constructor_args=tuple(wanted),
                    constructor_data="0x" + sent[len(artifact.bytecode) :].hex(),
                    tx_hash=tx.tx_hash,
                    block=tx.block,
                ),
            )
        )
        self.deployed.append(label)
        self.transactions += 1
        return deployment.contract

    def record_admin(self, contract: Contract, fn: str, args: Sequence[Any], tx: TxResult) -> None:
        """Record a mined owner transaction."""
        label = self.label_of(contract.address)
        self._save(
            self.manifest.with_admin(
                AdminRecord(label, fn, tuple(json_value(list(args))), tx.tx_hash, tx.block)
            )
        )
        self.transactions += 1

    def record_route(self, selector: bytes, verifier: Contract, estop: Contract) -> None:
        """Record that the router sends ``selector`` to ``estop`` (if not recorded yet)."""
        route = RouteRecord(
            "0x" + selector.hex(), self.label_of(verifier.address), self.label_of(estop.address)
        )
        if route not in self.manifest.routes:
            self._save(self.manifest.with_route(route))

    def finish(self) -> None:
        """Mark the manifest complete (saving it only if the deploy changed anything)."""
        if not self.manifest.complete:
            self._save(replace(self.manifest, complete=True))


class ManifestStack(VerifierStack):
    """A :class:`VerifierStack` whose deployments and routes come from the manifest when
    they are already there, and are recorded in it when they are made."""

    def __init__(
        self, chain: Chain, artifacts: dict[str, Artifact], router: Contract, book: ManifestBook
    ) -> None:
        super().__init__(chain, artifacts, router)
        self.book = book

    def deploy_artifact(self, artifact: Artifact, *args: Any, label: str) -> Contract:
        """The recorded contract ``label``, or deploy it and record it."""
        return self.book.ensure_contract(artifact, args, label)

    def admin(self, contract: Contract, fn: str, *args: Any) -> TxResult:
        """Send an owner transaction and record it in the manifest."""
        self.book.before_send()
        tx = super().admin(contract, fn, *args)
        self.book.record_admin(contract, fn, args, tx)
        return tx

    def register(self, selector: bytes, verifier: Contract, label: str) -> None:
        """Route ``selector`` to ``verifier``'s emergency stop, unless the router already does."""
        routed = self.routed(selector)
        if routed is None:
            super().register(selector, verifier, label)
        else:
            self._adopt(selector, verifier, routed)
        self.book.record_route(selector, verifier, self.estops[selector])

    def routed(self, selector: bytes) -> str | None:
        """Where the router sends ``selector`` now (None if nowhere yet)."""
        try:
            return self.chain.call(self.router, "getVerifier", selector)
        except Reverted as exc:
            if exc.error.name == "SelectorUnknown":
                return None
            raise

    def _adopt(self, selector: bytes, verifier: Contract, routed: str) -> None:
        """Take over a route that is on chain: it must go to our stop wrapping ``verifier``."""
        found = self.book.find(routed)
        ours = found is not None and found[1].contract == ESTOP
        if not ours or found[1].constructor_args[:1] != (verifier.address,):
            raise ChainError(
                f"the router already sends 0x{selector.hex()} to {routed}, not to an emergency "
                f"stop of {verifier.address}; pass the manifest of that deployment"
            )
        self.verifiers[selector] = verifier
        self.estops[selector] = self.chain.contract_at(self.artifacts[ESTOP], routed)


def open_book(chain: Chain, path: Path, request: DeployRequest) -> tuple[ManifestBook, bool]:
    """The manifest to deploy into (read and checked against the chain, or a new one), and
    whether it already existed."""
    sequencer = request.sequencer or chain.sender
    owner = request.owner or chain.sender
    existing = read_manifest(path)
    if existing is None:
        fresh = Manifest(
            chain_id=chain.info.chain_id,
            deployer=chain.sender,
            seed=request.seed,
            genesis_state_root="0x" + genesis(request.seed).root().hex(),
            sequencer=sequencer,
            owner=owner,
        )
        return ManifestBook(chain, path, fresh), False
    check_manifest_chain(chain, existing, path)
    asked = {"deployer": chain.sender, "seed": request.seed, "sequencer": sequencer, "owner": owner}
    for name, value in asked.items():
        if getattr(existing, name) != value:
            raise UsageError(
                f"{path} records {name} {getattr(existing, name)}, this deploy asks for {value}; "
                "pass another manifest path for a new deployment"
            )
    return ManifestBook(chain, path, existing), True


#: The functions of a contract owned in two steps (the rollup's may not be).
TWO_STEP_OWNED = frozenset({"owner", "pendingOwner", "transferOwnership"})


def _hand_over(stack: ManifestStack, rollup: Contract, owner: str) -> None:
    """Start the two-step ownership transfer to ``owner`` of every owned contract not yet
    handed (or offered) to it."""
    chain = stack.chain
    for contract in (stack.router, *stack.estops.values(), rollup):
        if not {item.get("name") for item in contract.abi} >= TWO_STEP_OWNED:
            continue
        if owner not in (chain.call(contract, "owner"), chain.call(contract, "pendingOwner")):
            stack.admin(contract, "transferOwnership", owner)


def deploy(
    chain: Chain,
    request: DeployRequest,
    manifest_path: Path,
    *,
    artifacts: dict[str, Artifact] | None = None,
    target: RollupTarget = HARNESS_TARGET,
) -> DeployResult:
    """Deploy what ``request`` asks for that ``manifest_path`` does not hold yet, with the
    rollup of ``target`` (the harness's own by default); record it."""
    artifacts = artifacts or project_artifacts()
    book, resumed = open_book(chain, manifest_path, request)
    router = book.ensure_contract(artifacts[ROUTER], (chain.sender,), ROUTER)
    stack = ManifestStack(chain, artifacts, router, book)
    for spec in request.verifiers:
        if spec.params is None:
            stack.add_mock(spec.selector)
        else:
            stack.add_groth16(spec.params)
    stack.add_set_verifier(set_builder_image_id())
    genesis_root = bytes.fromhex(book.manifest.genesis_state_root[2:])
    rollup = target.deploy(stack, genesis_root, book.manifest.sequencer).rollup
    if book.manifest.owner != chain.sender:
        owned = target.host(stack).at(target.contract, rollup.address)
        _hand_over(stack, owned, book.manifest.owner)
    book.finish()
    return DeployResult(book.manifest, tuple(book.deployed), book.transactions, resumed)
