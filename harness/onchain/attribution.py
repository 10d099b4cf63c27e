"""Split a mined transaction's gas into intrinsic, verification and the rollup's own execution.

The chain traces the transaction's call frames (:meth:`harness.chain.base.Chain.frames`); the
verifier stack says which of them are verification: every frame in its router, emergency
stops, Groth16, mock and set verifiers, with the precompile calls they make. The three parts
add up to the receipt's ``gasUsed`` exactly:

* ``intrinsic``: 21,000 + calldata, or more where the EIP-7623 floor made the transaction pay
  more than intrinsic + execution (the floor's excess lands here);
* ``verification``: the gas of the outermost frames in the stack's contracts, with everything
  they called (the call instruction that entered the router is its caller's, the rollup's);
* ``rollup``: the rest: the execution of every other frame, less the refund where a refund
  lowered ``gasUsed`` (verifiers only read state and earn none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.chain.frames import FramesUnavailable, TxFrames
from harness.ethereum.mined import TxResult
from harness.onchain.stack import VerifierStack


@dataclass(frozen=True)
class GasBreakdown:
    """One transaction's ``gasUsed`` in three parts, and the frames they come from."""

    intrinsic: int
    verification: int
    rollup: int
    frames: TxFrames
    roles: tuple[tuple[str, str], ...]

    @property
    def total(self) -> int:
        """The three parts together: the receipt's ``gasUsed``."""
        return self.intrinsic + self.verification + self.rollup

    def own_gas_by_role(self) -> dict[str, int]:
        """Gas the stack's own code used, by role (router, emergency stop, …), without what
        the frames called (precompiles included)."""
        roles = dict(self.roles)
        totals: dict[str, int] = {}
        for address, gas in self.frames.own_gas_by_callee().items():
            if address in roles:
                totals[roles[address]] = totals.get(roles[address], 0) + gas
        return totals

    def to_json(self) -> dict[str, Any]:
        """The ``frames`` object of a ``txs.jsonl`` line: the three parts, the execution and
        refund they come from, and the call tree (``to``, ``gas``, ``role``, ``calls``)."""
        return {
            "intrinsic": self.intrinsic,
            "verification": self.verification,
            "rollup": self.rollup,
            "execution": self.frames.execution_gas,
            "refund": self.frames.refund,
            "calls": self.frames.root.to_json(dict(self.roles)),
        }


def gas_breakdown(stack: VerifierStack, tx: TxResult) -> GasBreakdown:
    """Trace ``tx`` on ``stack``'s chain and split its gas; raises
    :class:`~harness.chain.frames.FramesUnavailable` where the backend cannot trace."""
    frames = stack.chain.frames(tx)
    roles = stack.roles
    split = frames.split(roles)
    return GasBreakdown(
        intrinsic=split.intrinsic,
        verification=split.chosen,
        rollup=split.rest,
        frames=frames,
        roles=tuple(sorted(roles.items())),
    )


def frames_field(stack: VerifierStack, tx: TxResult) -> dict[str, Any]:
    """The ``frames`` object for ``tx``'s ``txs.jsonl`` line; ``{"unavailable": reason}``
    where the backend cannot trace transactions."""
    try:
        return gas_breakdown(stack, tx).to_json()
    except FramesUnavailable as exc:
        return {"unavailable": str(exc)}
