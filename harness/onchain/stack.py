"""Deploy the production verification path: router → emergency stop → verifier.

Every verifier the harness deploys sits behind its own emergency-stop wrapper, registered in
one router under its selector, so what is measured is the path a production rollup pays for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from web3.contract import Contract

from harness.chain.base import Chain, Reverted
from harness.common.errors import ChainError, UsageError
from harness.ethereum.mined import TxResult
from harness.risc0.params import VerifierParams, VerifyingKey
from harness.toolchain.solc import Artifact

ROUTER = "RiscZeroVerifierRouter"
ESTOP = "RiscZeroVerifierEmergencyStop"
GROTH16 = "RiscZeroGroth16Verifier"
SET_VERIFIER = "RiscZeroSetVerifier"
#: The contracts of a verifier stack, by the names both this project and RISC Zero give them.
STACK_CONTRACTS = (ROUTER, ESTOP, GROTH16, SET_VERIFIER)
#: Constructor arguments of a Groth16 verifier: RISC Zero's (key compiled in) and this
#: project's (the key an argument).
RISC0_GROTH16_ARGUMENTS = 2
KEYED_GROTH16_ARGUMENTS = 4


class Recorder(Protocol):
    """Told of each mined transaction, with what it was for, so a run can record it."""

    def __call__(
        self, tx: TxResult, kind: str, label: str, batches: tuple[int, int] | None = None
    ) -> None:
        """Record ``tx``."""


def _ignore(tx: TxResult, kind: str, label: str, batches: tuple[int, int] | None = None) -> None:
    """A recorder that records nothing."""


def vk_argument(vk: VerifyingKey) -> tuple[Any, ...]:
    """A verifying key as the verifier constructor's ``VerifyingKey`` struct argument."""
    return (vk.alpha1, vk.beta2, vk.gamma2, vk.delta2, list(vk.ic))


@dataclass
class VerifierStack:
    """The deployed router and the verifiers behind it, by selector."""

    chain: Chain
    artifacts: dict[str, Artifact]
    router: Contract
    record: Recorder = _ignore
    verifiers: dict[bytes, Contract] = field(default_factory=dict)
    estops: dict[bytes, Contract] = field(default_factory=dict)
    set_verifiers: dict[bytes, Contract] = field(default_factory=dict)
    #: What kind of verifier each selector routes to (Groth16, mock or set verifier).
    kinds: dict[bytes, str] = field(default_factory=dict)

    @property
    def roles(self) -> dict[str, str]:
        """What each contract of the stack is, by checksummed address: router, emergency
        stop, Groth16 / mock / set verifier ("verifier" where the kind was not recorded).
        A transaction's frames in these contracts are its verification."""
        roles = {self.router.address: "router"}
        roles.update({estop.address: "emergency stop" for estop in self.estops.values()})
        for selector, verifier in self.verifiers.items():
            roles[verifier.address] = self.kinds.get(selector, "verifier")
        roles.update({verifier.address: "set verifier" for verifier in self.set_verifiers.values()})
        return roles

    @property
    def set_verifier(self) -> Contract | None:
        """The set verifier deployed last (a rollup uses one)."""
        return next(reversed(self.set_verifiers.values()), None)

    @contextmanager
    def recording(self, record: Recorder) -> Iterator[VerifierStack]:
        """Send every transaction of the ``with`` block to ``record`` (the previous recorder is
        back afterwards): how a scenario claims the stack for its own records."""
        previous, self.record = self.record, record
        try:
            yield self
        finally:
            self.record = previous

    def deploy(self, name: str, *args: Any, label: str | None = None) -> Contract:
        """Deploy project contract ``name`` and record the transaction."""
        return self.deploy_artifact(self.artifacts[name], *args, label=label or name)

    def deploy_artifact(self, artifact: Artifact, *args: Any, label: str) -> Contract:
        """Deploy ``artifact`` (a project contract or another, e.g. a team's rollup) with
        constructor ``args`` and record the transaction under ``label``."""
        deployment = self.chain.deploy(artifact, *args)
        self.record(deployment.tx, "deploy", label)
        return deployment.contract

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
        """Send ``contract.fn(*args)`` (carrying ``blobs``, if any) and record it, a
        transaction mined with status 0 too (it burnt gas) before its
        :class:`~harness.chain.base.Reverted` is raised."""
        try:
            tx = self.chain.transact(contract, fn, *args, blobs=blobs)
        except Reverted as exc:
            if exc.tx is not None:
                self.record(exc.tx, kind, label, batches)
            raise
        self.record(tx, kind, label, batches)
        return tx

    def admin(self, contract: Contract, fn: str, *args: Any) -> TxResult:
        """Send an owner transaction (registration, estop) and record it."""
        return self.send(contract, fn, *args, kind="admin", label=fn)

    def register(self, selector: bytes, verifier: Contract, label: str, role: str) -> None:
        """Wrap ``verifier`` (a ``role``: Groth16, mock or set verifier) in an emergency stop
        and route ``selector`` to the wrapper."""
        estop = self.deploy(ESTOP, verifier.address, self.chain.sender, label=f"{ESTOP}({label})")
        self.admin(self.router, "addVerifier", selector, estop.address)
        self.verifiers[selector] = verifier
        self.estops[selector] = estop
        self.kinds[selector] = role

    def add_groth16(
        self, params: VerifierParams, *, artifact: Artifact | None = None, label: str = ""
    ) -> Contract:
        """Deploy a Groth16 receipt verifier for ``params`` and route its selector to it.

        The verifier is the stack's own ``RiscZeroGroth16Verifier`` or ``artifact`` (a user's
        build). Its constructor tells which kind it is: this project's takes the key,
        ``(vk, controlRoot, bn254ControlId, legacySelector)``; RISC Zero's has its key built in
        and takes ``(controlRoot, bn254ControlId)``.
        """
        chosen = artifact or self.artifacts[GROTH16]
        keyed = _groth16_takes_key(chosen)
        seal_selector = (params.legacy_selector or params.selector) if keyed else params.selector
        if seal_selector in self.verifiers:
            return self.verifiers[seal_selector]
        args: tuple[Any, ...] = (params.control_root, params.bn254_control_id)
        if keyed:
            legacy = params.legacy_selector or b"\x00" * 4
            args = (vk_argument(params.vk), *args, legacy)
        name = label or f"{chosen.name}(0x{params.selector.hex()})"
        if artifact is None:
            verifier = self.deploy(GROTH16, *args, label=name)
        else:
            verifier = self.deploy_artifact(artifact, *args, label=name)
        computed = bytes(self.chain.call(verifier, "SELECTOR"))
        if computed != seal_selector:
            raise ChainError(
                f"the deployed verifier's selector is 0x{computed.hex()}, "
                f"expected 0x{seal_selector.hex()} (wrong key or parameters?)"
            )
        self.register(seal_selector, verifier, name, "Groth16 verifier")
        return verifier

    def add_mock(self, selector: bytes) -> Contract:
        """Deploy the dev-mode mock verifier for ``selector`` and route it."""
        if selector not in self.verifiers:
            mock = self.deploy("RiscZeroMockVerifier", selector)
            self.register(selector, mock, "RiscZeroMockVerifier", "mock verifier")
        return self.verifiers[selector]

    def add_set_verifier(self, image_id: bytes, url: str = "") -> Contract:
        """Deploy a set verifier for the set builder ``image_id`` (its root seals verified
        through the router) and route its selector to it."""
        if image_id not in self.set_verifiers:
            verifier = self.deploy(SET_VERIFIER, self.router.address, image_id, url)
            selector = bytes(self.chain.call(verifier, "SELECTOR"))
            self.register(selector, verifier, SET_VERIFIER, "set verifier")
            self.set_verifiers[image_id] = verifier
        return self.set_verifiers[image_id]


def deploy_router(
    chain: Chain, artifacts: dict[str, Artifact], record: Recorder | None = None
) -> VerifierStack:
    """Deploy an empty verifier router owned by the chain's sender; ``record`` sees every tx."""
    record = record or _ignore
    router = chain.deploy(artifacts[ROUTER], chain.sender)
    record(router.tx, "deploy", ROUTER)
    return VerifierStack(chain, artifacts, router.contract, record)


def _groth16_takes_key(artifact: Artifact) -> bool:
    """Whether the Groth16 verifier ``artifact`` is this project's kind (key as an argument)
    rather than RISC Zero's (key built in); any other constructor is refused."""
    ctor = next((item for item in artifact.abi if item.get("type") == "constructor"), {})
    count = len(ctor.get("inputs", []))
    if count not in (RISC0_GROTH16_ARGUMENTS, KEYED_GROTH16_ARGUMENTS):
        raise UsageError(
            f"{artifact.name} ({artifact.source}) takes {count} constructor arguments; a Groth16 "
            "verifier takes (controlRoot, bn254ControlId) or (vk, controlRoot, bn254ControlId, "
            "legacySelector)"
        )
    return count == KEYED_GROTH16_ARGUMENTS
