"""``calibrated-model.json``: the calibrated models of a sweep, one per fork and on-chain mode.

::

    {"format": "rollup-harness/calibrated-model@1",
     "source": {"backend": "anvil", "client": "…", "txs": "txs.jsonl", …},
     "models": [{"fork": "prague", "onchain": "range",
                 "coefficients": {"per_verification": …, "per_batch": …,
                                  "per_calldata_byte": …, "fixed": …},
                 "calldata": {…}, "txs_per_batch": 100, "scenarios": 40,
                 "holdout": {"max_abs_error_percent": …, "predictions": […], …}}]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import problem, read_json_file
from harness.costmodel.calibration import (
    CalibratedModel,
    CalldataShape,
    Coefficients,
    HoldOut,
    Prediction,
)

FORMAT = "rollup-harness/calibrated-model@1"


@dataclass(frozen=True)
class CalibratedFile:
    """The models of one ``calibrated-model.json`` and what they were measured on."""

    source: dict[str, Any]
    models: tuple[CalibratedModel, ...]

    def find(self, fork: str, onchain: str) -> CalibratedModel:
        """The model for ``fork`` and ``onchain``."""
        for model in self.models:
            if (model.fork, model.onchain) == (fork, onchain):
                return model
        have = ", ".join(f"{m.fork}/{m.onchain}" for m in self.models)
        raise UsageError(f"no calibrated model for {fork}/{onchain}; the file has {have}")


def save_models(path: Path, models: list[CalibratedModel], source: dict[str, Any]) -> None:
    """Write ``models`` (and where they came from) to ``path``, atomically."""
    document = {"format": FORMAT, "source": source, "models": [m.to_json() for m in models]}
    atomic_write_text(path, json.dumps(document, indent=2) + "\n")


def load_models(path: Path) -> CalibratedFile:
    """Read a file written by :func:`save_models`; a bad file is a :class:`UsageError`."""
    document = read_json_file(Path(path), "calibrated model", UsageError)
    try:
        if document.get("format") != FORMAT:
            raise ValueError(f"format is {document.get('format')!r}, expected {FORMAT!r}")
        models = tuple(_model(entry) for entry in document["models"])
        if not models:
            raise ValueError("it holds no model")
        return CalibratedFile(dict(document.get("source") or {}), models)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        detail = problem(exc)
        raise UsageError(f"{path} is not a calibrated model file ({detail})") from None


def _model(entry: dict[str, Any]) -> CalibratedModel:
    holdout = entry.get("holdout")
    return CalibratedModel(
        fork=str(entry["fork"]),
        onchain=str(entry["onchain"]),
        coefficients=Coefficients(**{k: float(v) for k, v in entry["coefficients"].items()}),
        calldata=CalldataShape(**{k: float(v) for k, v in entry["calldata"].items()}),
        txs_per_batch=int(entry["txs_per_batch"]),
        scenarios=int(entry["scenarios"]),
        holdout=_holdout(holdout) if holdout else None,
    )


def _holdout(entry: dict[str, Any]) -> HoldOut:
    return HoldOut(
        fitted_on=tuple(entry["fitted_on"]),
        predictions=tuple(
            Prediction(str(p["scenario"]), int(p["measured"]), float(p["predicted"]))
            for p in entry["predictions"]
        ),
    )
