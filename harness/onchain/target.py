"""The rollup a run drives: its adapter, its compiled contracts and its programs' image ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness.claims.images import HARNESS_IMAGE_IDS, ImageIds
from harness.common.errors import UsageError
from harness.onchain.adapter import (
    DeployedRollup,
    Genesis,
    OnChain,
    RollupAdapter,
    RollupHost,
    check_da_mode,
    preferred_da,
)
from harness.onchain.rollup import HARNESS_ROLLUP, ROLLUP_CONTRACT
from harness.onchain.stack import VerifierStack
from harness.toolchain.solc import Artifact, project_artifacts


@dataclass(frozen=True)
class RollupTarget:
    """A rollup design to drive: the adapter, where its contracts come from (compiled on first
    use) and the image ids of its batch and aggregator programs.

    ``config`` is the file it was read from (None for the harness's own ``Rollup.sol``), so a
    resumed run or a sweep worker can read the same target again.
    """

    adapter: RollupAdapter
    images: ImageIds
    #: The name of the rollup contract among the artifacts (how a deploy manifest finds it).
    contract: str
    compile: Callable[[], dict[str, Artifact]] = field(repr=False, compare=False)
    config: Path | None = None

    def artifacts(self) -> dict[str, Artifact]:
        """The rollup's compiled contracts, by name."""
        return self.compile()

    @property
    def name(self) -> str:
        """The adapter's name, as reports give it."""
        return self.adapter.name

    def check_da(self, da: str) -> str:
        """``da`` if the adapter commits in that data-availability mode; raises
        :class:`UsageError` otherwise."""
        return check_da_mode(self.adapter, self.name, da)

    @property
    def preferred_da(self) -> str:
        """The data-availability mode a run takes when it is given none: blob where the
        adapter can commit in blobs, else calldata."""
        return preferred_da(self.adapter)

    def host(self, stack: VerifierStack, da: str = "calldata") -> RollupHost:
        """What the adapter may do on chain, around ``stack``, committing in mode ``da``."""
        return RollupHost(stack, self.artifacts(), self.check_da(da))

    def deploy(
        self,
        stack: VerifierStack,
        genesis_root: bytes,
        sequencer: str | None = None,
        *,
        da: str = "calldata",
    ) -> OnChain:
        """Deploy the rollup at ``genesis_root`` against ``stack``'s router (recorded by the
        stack's recorder), to commit in mode ``da``; ``sequencer`` defaults to the sender."""
        host = self.host(stack, da)
        genesis = Genesis(genesis_root, self.images, sequencer or stack.chain.sender)
        return OnChain(stack, self._checked(self.adapter.deploy(host, genesis), "deploy"))

    def attach(self, stack: VerifierStack, address: str, *, da: str = "calldata") -> OnChain:
        """The rollup already deployed at ``address``, verifying through ``stack``, to commit
        in mode ``da``."""
        host = self.host(stack, da)
        return OnChain(stack, self._checked(self.adapter.attach(host, address), "attach"))

    def _checked(self, rollup: object, method: str) -> DeployedRollup:
        """``rollup``, if it is what the protocol asks an adapter to return."""
        if not isinstance(rollup, DeployedRollup):
            raise UsageError(
                f"adapter {self.name!r} returned {type(rollup).__name__} from {method}, not a "
                "rollup with address, commit, journal, finalize and state"
            )
        return rollup


#: The harness's own rollup, driven when no config names another.
HARNESS_TARGET = RollupTarget(HARNESS_ROLLUP, HARNESS_IMAGE_IDS, ROLLUP_CONTRACT, project_artifacts)
