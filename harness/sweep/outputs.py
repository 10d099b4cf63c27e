"""A sweep's outputs, from its ``manifest.json`` and ``txs.jsonl`` alone: the calibrated models
fitted to its scenarios (``calibrated-model.json``) and every report.

A finished sweep and ``sweep --report-only`` go through the same reads, so they write the same
files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from harness.costmodel.calibrated_file import save_models
from harness.costmodel.calibration import calibrate_each, fits_growth
from harness.records.sweep_manifest import SweepManifest, load_manifest
from harness.records.txlog import TXS_FILE, TxRecord, read_txlog
from harness.reports.sweep_analysis import SweepAnalysis, analyse, observations
from harness.reports.sweep_report import ReportFiles, write_sweep_report

CALIBRATED_FILE = "calibrated-model.json"


@dataclass(frozen=True)
class SweepOutputs:
    """What the sweep's records gave, and where its output files are."""

    analysis: SweepAnalysis
    reports: ReportFiles
    #: None when no fork and mode had scenarios to fit a model to.
    calibrated_model: Path | None

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written, the reports first."""
        r = self.reports
        models = () if self.calibrated_model is None else (self.calibrated_model,)
        return (r.report, r.summary, r.plot, r.metrics, *models)


def analysed(records: Iterable[TxRecord], manifest: SweepManifest) -> SweepAnalysis:
    """The sweep's analysis, with a calibrated model fitted per fork and on-chain mode to the
    scenarios of the plan's first data-availability mode (:func:`fitted_da`), where they
    measure two proof counts or more (:func:`~harness.costmodel.calibration.fits_growth`)."""
    analysis = analyse(records, manifest)
    groups = observations(analysis.scenarios, fitted_da(manifest))
    fitted = {key: group for key, group in groups.items() if fits_growth(group)}
    return analysis.calibrated(
        calibrate_each(fitted, txs_per_batch=manifest.plan.txs_per_batch),
        unfitted=[key for key in groups if key not in fitted],
    )


def fitted_da(manifest: SweepManifest) -> str:
    """The data-availability mode the calibrated models are fitted to: the plan's first."""
    return manifest.plan.da[0]


def write_sweep_outputs(out: Path) -> SweepOutputs:
    """Read ``out/manifest.json`` and ``out/txs.jsonl``, then write every report and the
    calibrated models (none, and no file, when no fork and mode could be fitted)."""
    manifest = load_manifest(out)
    analysis = analysed(read_txlog(out / TXS_FILE), manifest)
    calibrated = out / CALIBRATED_FILE
    outputs = SweepOutputs(
        analysis, ReportFiles.under(out), calibrated if analysis.models else None
    )
    write_sweep_report(analysis, outputs.reports)
    if not analysis.models:
        calibrated.unlink(missing_ok=True)
        return outputs
    chain = manifest.chains[0]
    save_models(
        calibrated,
        list(analysis.models),
        {
            "backend": chain.backend,
            "client": chain.client,
            "prover": manifest.prover.name,
            "da": fitted_da(manifest),
            "txs": TXS_FILE,
            "started_at": manifest.started_at,
        },
    )
    return outputs
