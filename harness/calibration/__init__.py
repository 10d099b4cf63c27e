"""The calibrated model: measured gas fitted to verifications, batches, calldata bytes and a fixed
part, per fork and on-chain mode, checked on scenarios left out of the fit."""

from harness.calibration.decide import cheapest_strategy
from harness.calibration.fit import (
    CalibratedModel,
    Coefficients,
    HoldOut,
    Observation,
    calibrate,
    fit,
    hold_out,
)
from harness.calibration.store import load_models, save_models

__all__ = [
    "CalibratedModel",
    "Coefficients",
    "HoldOut",
    "Observation",
    "calibrate",
    "cheapest_strategy",
    "fit",
    "hold_out",
    "load_models",
    "save_models",
]
