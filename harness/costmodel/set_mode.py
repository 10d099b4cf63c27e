"""Set mode's model line, the harness's extension of the seed's model.

In ``--onchain set`` mode the chain verifies one set-builder proof over the Merkle root of the
submitted proofs' claims, then finalises each of the *k* submitted proofs with an inclusion
seal checked against that root. The seed's model has no such mode (it charges a full
verification for each of the *k*), so the harness sets beside it::

    set-mode settlement = 1 × GAS_PER_VERIFICATION + k × inclusion gas

the root at the seed's price, each inclusion at the calibrated inclusion cost of a set-mode
sweep when one is at hand, else at :data:`DEFAULT_INCLUSION_GAS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.common.errors import UsageError
from harness.costmodel.calibration import CalibratedModel
from harness.costmodel.estimator import GAS_PER_VERIFICATION

#: Gas of one set-inclusion ``finalize`` when no calibrated model is at hand: the mean of the
#: rollup's later inclusion finalises (batches 2, 3 and 4: 72,440, 72,454 and 72,464 gas) in
#: ``rollup-harness run --proofs 4 --strategy none --onchain set`` on anvil, fork prague, seed
#: 0, 100 transfers per batch, synthetic prover; Merkle paths of depth 2. The rollup's first
#: finalise (89,154 there) writes cold storage, which the reports show apart. The test suite
#: measures this scenario again and checks the figure.
DEFAULT_INCLUSION_GAS = 72_453
#: Where :data:`DEFAULT_INCLUSION_GAS` comes from, in the words reports use.
DEFAULT_INCLUSION_SOURCE = "measured default"
#: The label every report gives the line.
SET_MODEL_LABEL = "set model (the harness's extension of the seed's model)"


@dataclass(frozen=True)
class SetModeLine:
    """What set mode costs by the harness's line: one root verification at the seed's price
    and ``settled`` inclusions at ``inclusion_gas`` each."""

    settled: int
    root_gas: int
    inclusion_gas: float
    #: Where ``inclusion_gas`` comes from (calibration, or the measured default).
    inclusion_source: str

    @property
    def inclusions_gas(self) -> float:
        """The ``settled`` inclusion finalises together."""
        return self.settled * self.inclusion_gas

    @property
    def settlement_gas(self) -> float:
        """The root's verification and every inclusion."""
        return self.root_gas + self.inclusions_gas

    @property
    def per_settled_proof(self) -> float:
        """Settlement gas per settled proof, the root's verification shared between them."""
        return self.settlement_gas / self.settled

    @property
    def seed_gas(self) -> int:
        """What the seed's model charges for the same proofs: a full verification each."""
        return self.settled * GAS_PER_VERIFICATION

    def to_json(self) -> dict[str, Any]:
        """The line's inputs and figures by name."""
        return {
            "settled": self.settled,
            "root_gas": self.root_gas,
            "inclusion_gas": self.inclusion_gas,
            "inclusion_source": self.inclusion_source,
            "settlement_gas": self.settlement_gas,
            "per_settled_proof": self.per_settled_proof,
            "seed_gas": self.seed_gas,
        }


def inclusion_gas_of(model: CalibratedModel) -> float:
    """The inclusion cost a set-mode calibrated model gives: its gas per verification plus the
    verification's own calldata at its price per byte."""
    if model.onchain != "set":
        raise UsageError(
            f"the inclusion cost comes from a set-mode calibrated model, not {model.onchain!r}"
        )
    shape = model.calldata
    return (
        model.coefficients.per_verification
        + model.coefficients.per_calldata_byte * shape.settlement_bytes_per_verification
    )


def set_mode_line(settled: int, calibrated: CalibratedModel | None = None) -> SetModeLine:
    """The set-mode line for ``settled`` submitted proofs, its inclusion cost from
    ``calibrated`` (a set-mode calibrated model) or else the measured default."""
    if isinstance(settled, bool) or not isinstance(settled, int) or settled < 1:
        raise UsageError(f"settled must be a positive whole number, got {settled!r}")
    if calibrated is None:
        return SetModeLine(
            settled, GAS_PER_VERIFICATION, DEFAULT_INCLUSION_GAS, DEFAULT_INCLUSION_SOURCE
        )
    source = f"calibrated, {calibrated.fork}/set, {calibrated.scenarios} scenarios"
    return SetModeLine(settled, GAS_PER_VERIFICATION, inclusion_gas_of(calibrated), source)
