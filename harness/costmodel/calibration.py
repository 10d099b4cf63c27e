"""Least-squares fit of measured gas: total = a·verifications + b·batches + c·calldata bytes + d.

``a`` is what one verification costs on chain, ``b`` what committing one batch costs beyond its
bytes, ``c`` the price of one calldata byte, ``d`` what a scenario pays once (the set root's
submission in set mode). Settlement (``a``, its calldata, ``d``) is fitted to the settlement
transactions' gas and batch data (``b``, its calldata) to the commits', both at once; a term the
scenarios cannot tell apart from the others is left at 0 (:func:`fit`). The fit is checked on
scenarios it did not see (:func:`hold_out`): fit on every other proof count, predict the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.aggregation.strategies import Strategy
from harness.common.errors import UsageError

COEFFICIENTS = ("per_verification", "per_batch", "per_calldata_byte", "fixed")


@dataclass(frozen=True)
class Observation:
    """One measured scenario, reduced to what the fit needs."""

    name: str
    proofs: int
    txs_per_batch: int
    verifications: int
    commit_calldata_bytes: int
    settlement_calldata_bytes: int
    #: Bytes of the one-off settlement transactions (the set root's submission).
    fixed_calldata_bytes: int
    #: Gas of the settlement transactions (finalises, the set root's submission).
    settlement_gas: int
    #: Gas of the commits (their execution gas; blob gas is not in it).
    data_gas: int

    @property
    def gas(self) -> int:
        """Settlement and batch data together."""
        return self.settlement_gas + self.data_gas

    @property
    def calldata_bytes(self) -> int:
        """Every byte of calldata the scenario sent (batch data and settlement)."""
        return self.commit_calldata_bytes + self.settlement_calldata_bytes

    def features(self) -> tuple[float, float, float]:
        """What the per-unit terms grow with: the arguments of :meth:`Coefficients.predict`."""
        return (self.verifications, self.proofs, self.calldata_bytes)

    def fit_rows(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The scenario's settlement and its batch data as :func:`fit` sees them: what each
        grows with, in the columns of :data:`_COLUMNS`."""
        return (
            (self.verifications, 0.0, self.settlement_calldata_bytes, 1.0, 0.0),
            (0.0, self.proofs, self.commit_calldata_bytes, 0.0, 1.0),
        )


@dataclass(frozen=True)
class Coefficients:
    """The fitted gas per verification, per batch, per calldata byte, and fixed."""

    per_verification: float
    per_batch: float
    per_calldata_byte: float
    fixed: float

    def predict(self, verifications: float, batches: float, calldata_bytes: float) -> float:
        """Total gas of a scenario with these counts."""
        return (
            self.per_verification * verifications
            + self.per_batch * batches
            + self.per_calldata_byte * calldata_bytes
            + self.fixed
        )

    def to_json(self) -> dict[str, float]:
        """The coefficients by name."""
        return {name: getattr(self, name) for name in COEFFICIENTS}


def fits_growth(observations: Sequence[Observation]) -> bool:
    """Whether ``observations`` tell how gas grows with the proof count: they measure two
    counts or more. On one count a least-squares fit still gives coefficients (the
    minimum-norm ones), which mean nothing, and there is nothing to hold out to judge them."""
    return len({obs.proofs for obs in observations}) >= 2


#: :func:`fit`'s columns: the four terms of :data:`COEFFICIENTS`, the fixed part split in two, what
#: a scenario's settlement pays once (the set root's submission, the first finalise's cold
#: storage) and what its batch data pays once (the first commit's); the model adds them up.
_COLUMNS = ("per_verification", "per_batch", "per_calldata_byte", "fixed", "fixed")
#: The order in which :func:`fit` takes the columns on: one that those before it already
#: account for is left at 0. Calldata comes last, and is priced only where the commits' calldata
#: grows apart from their count (several batch sizes, the batch data as calldata): a blob
#: commit's calldata is the same for every batch, and settlement's grows with the
#: verifications (and, in set mode, a little with the inclusion paths).
_COLUMN_ORDER = (0, 1, 3, 4, 2)
_CALLDATA = 2


def fit(observations: Sequence[Observation]) -> Coefficients:
    """The coefficients that best fit each scenario's settlement gas and its batch data's gas,
    in squared errors relative to the scenario's total gas.

    Each scenario's settlement and batch data are one row each (:meth:`Observation.fit_rows`),
    both weighted by 1 / the scenario's total gas, so a 1 M-gas scenario counts as much as a
    500 M-gas one (an unweighted fit would trade small scenarios' accuracy for big ones'). A
    column that the scenarios cannot tell from those before it in :data:`_COLUMN_ORDER` (it
    adds no rank; calldata: no rank among the batch-data rows) is left at 0: its gas goes to the
    terms it moves with, and no coefficient is an arbitrary share of another's.
    """
    if not observations:
        raise UsageError("the calibrated fit needs at least one measured scenario")
    totals = np.array([obs.gas for obs in observations], dtype=float)
    if np.any(totals <= 0):
        raise UsageError("the calibrated fit needs scenarios that used gas")
    weights = np.repeat(1 / totals, 2)
    x = np.array([row for obs in observations for row in obs.fit_rows()]) * weights[:, None]
    y = np.array([g for obs in observations for g in (obs.settlement_gas, obs.data_gas)]) * weights
    columns = _separable_columns(x, data_rows=slice(1, None, 2))
    solution, *_ = np.linalg.lstsq(x[:, columns], y, rcond=None)
    terms = dict.fromkeys(COEFFICIENTS, 0.0)
    for column, value in zip(columns, solution, strict=True):
        terms[_COLUMNS[column]] += float(value)
    return Coefficients(**terms)


def _separable_columns(x: np.ndarray, data_rows: slice) -> list[int]:
    """The columns of ``x``, in :data:`_COLUMN_ORDER`, that each add to the rank of those kept
    before them (scaled to a largest entry of 1, so that bytes and counts compare); the
    calldata column, to their rank among the ``data_rows``."""
    scale = np.abs(x).max(axis=0)
    scaled = x / np.where(scale > 0, scale, 1)
    kept: list[int] = []
    for column in _COLUMN_ORDER:
        rows = scaled[data_rows] if column == _CALLDATA else scaled
        before = np.linalg.matrix_rank(rows[:, kept]) if kept else 0
        if scale[column] > 0 and np.linalg.matrix_rank(rows[:, [*kept, column]]) > before:
            kept.append(column)
    return kept


@dataclass(frozen=True)
class Prediction:
    """A scenario's measured total beside the fit's prediction."""

    name: str
    measured: int
    predicted: float

    @property
    def error_percent(self) -> float:
        """(predicted − measured) / measured, in percent."""
        return (self.predicted - self.measured) / self.measured * 100


@dataclass(frozen=True)
class HoldOut:
    """A fit on some scenarios, judged on the others."""

    fitted_on: tuple[str, ...]
    predictions: tuple[Prediction, ...]

    @property
    def max_abs_error_percent(self) -> float:
        """The largest relative error on a left-out scenario."""
        return max(abs(p.error_percent) for p in self.predictions)

    @property
    def mean_abs_error_percent(self) -> float:
        """The mean relative error on the left-out scenarios."""
        return sum(abs(p.error_percent) for p in self.predictions) / len(self.predictions)

    def to_json(self) -> dict[str, Any]:
        """The evaluation as recorded in a summary."""
        return {
            "fitted_on": list(self.fitted_on),
            "max_abs_error_percent": self.max_abs_error_percent,
            "mean_abs_error_percent": self.mean_abs_error_percent,
            "predictions": [
                {
                    "scenario": p.name,
                    "measured": p.measured,
                    "predicted": p.predicted,
                    "error_percent": p.error_percent,
                }
                for p in self.predictions
            ],
        }


def alternate_proof_counts(observations: Sequence[Observation]) -> Callable[[Observation], bool]:
    """Leave out every other proof count (the 2nd, 4th, … smallest): a test of interpolation
    between the fitted counts and, when the largest is left out, of extrapolation to it."""
    counts = sorted({obs.proofs for obs in observations})
    left_out = set(counts[1::2])
    return lambda obs: obs.proofs in left_out


def hold_out(
    observations: Sequence[Observation], left_out: Callable[[Observation], bool]
) -> HoldOut | None:
    """Fit on the observations ``left_out`` rejects, predict the others; None if there are no
    others, or if those fitted on do not tell how gas grows (:func:`fits_growth`)."""
    fitted = [obs for obs in observations if not left_out(obs)]
    tested = [obs for obs in observations if left_out(obs)]
    if not tested or not fits_growth(fitted):
        return None
    coefficients = fit(fitted)
    return HoldOut(
        fitted_on=tuple(obs.name for obs in fitted),
        predictions=tuple(
            Prediction(obs.name, obs.gas, coefficients.predict(*obs.features())) for obs in tested
        ),
    )


@dataclass(frozen=True)
class CalldataShape:
    """How a scenario's calldata grows, so that the model can predict scenarios not measured."""

    commit_bytes_per_batch: float
    commit_bytes_per_l2_tx: float
    settlement_bytes_per_verification: float
    settlement_bytes_fixed: float

    @classmethod
    def of(cls, observations: Sequence[Observation]) -> CalldataShape:
        """Commit bytes fitted to (batches, L2 transactions); settlement bytes averaged."""
        x = np.array([(obs.proofs, obs.proofs * obs.txs_per_batch) for obs in observations])
        y = np.array([obs.commit_calldata_bytes for obs in observations], dtype=float)
        (per_batch, per_tx), *_ = np.linalg.lstsq(x, y, rcond=None)
        verifications = sum(obs.verifications for obs in observations)
        variable = sum(
            obs.settlement_calldata_bytes - obs.fixed_calldata_bytes for obs in observations
        )
        fixed = sum(obs.fixed_calldata_bytes for obs in observations) / len(observations)
        return cls(float(per_batch), float(per_tx), variable / verifications, fixed)

    def to_json(self) -> dict[str, float]:
        """The shape's four figures by name."""
        return {
            "commit_bytes_per_batch": self.commit_bytes_per_batch,
            "commit_bytes_per_l2_tx": self.commit_bytes_per_l2_tx,
            "settlement_bytes_per_verification": self.settlement_bytes_per_verification,
            "settlement_bytes_fixed": self.settlement_bytes_fixed,
        }


@dataclass(frozen=True)
class GasPrediction:
    """What the calibrated model predicts for one scenario."""

    verifications: int
    settlement_gas: float
    data_gas: float

    @property
    def total_gas(self) -> float:
        """Settlement and batch data together."""
        return self.settlement_gas + self.data_gas


@dataclass(frozen=True)
class CalibratedModel:
    """The fit for one fork and on-chain mode, with the data it came from and its hold-out."""

    fork: str
    onchain: str
    coefficients: Coefficients
    calldata: CalldataShape
    txs_per_batch: int
    scenarios: int
    holdout: HoldOut | None

    def predict(
        self, proofs: int, strategy: Strategy, txs_per_batch: int | None = None
    ) -> GasPrediction:
        """Gas of settling ``proofs`` batches with ``strategy``: the verifications (and their
        calldata) are settlement, the batches (and theirs) data; the fixed part is settlement."""
        size = txs_per_batch or self.txs_per_batch
        c = self.coefficients
        verifications = math.ceil(proofs / strategy.aggregation_factor)
        shape = self.calldata
        commit_bytes = proofs * (shape.commit_bytes_per_batch + size * shape.commit_bytes_per_l2_tx)
        settle_bytes = (
            verifications * shape.settlement_bytes_per_verification + shape.settlement_bytes_fixed
        )
        return GasPrediction(
            verifications=verifications,
            settlement_gas=c.per_verification * verifications
            + c.per_calldata_byte * settle_bytes
            + c.fixed,
            data_gas=c.per_batch * proofs + c.per_calldata_byte * commit_bytes,
        )

    def to_json(self) -> dict[str, Any]:
        """The model as stored in ``calibrated-model.json``."""
        return {
            "fork": self.fork,
            "onchain": self.onchain,
            "coefficients": self.coefficients.to_json(),
            "calldata": self.calldata.to_json(),
            "txs_per_batch": self.txs_per_batch,
            "scenarios": self.scenarios,
            "holdout": self.holdout.to_json() if self.holdout else None,
        }


def calibrate(
    observations: Sequence[Observation], *, fork: str, onchain: str, txs_per_batch: int
) -> CalibratedModel:
    """Fit every observation (one fork and mode), after judging the fit on a hold-out."""
    return CalibratedModel(
        fork=fork,
        onchain=onchain,
        coefficients=fit(observations),
        calldata=CalldataShape.of(observations),
        txs_per_batch=txs_per_batch,
        scenarios=len(observations),
        holdout=hold_out(observations, alternate_proof_counts(observations)),
    )


def calibrate_each(
    groups: Mapping[tuple[str, str], Sequence[Observation]], *, txs_per_batch: int
) -> list[CalibratedModel]:
    """One calibrated model per fork and on-chain mode, from each one's observations."""
    return [
        calibrate(observations, fork=fork, onchain=onchain, txs_per_batch=txs_per_batch)
        for (fork, onchain), observations in groups.items()
    ]
