"""Write a sweep's reports: ``report.md``, ``summary.json``, ``gas.png``, ``metrics.prom`` and
``calibrated-model.json``, all from ``txs.jsonl`` and the sweep's ``manifest.json``.

A finished sweep and ``sweep --report-only`` go through the same reads, so they write the same
files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.costmodel.calibrated_file import save_models
from harness.records.sweep_manifest import load_manifest
from harness.records.txlog import read_txlog
from harness.reports.markdown import render
from harness.reports.metrics import write_metrics
from harness.reports.plot import write_plot
from harness.reports.summary import TXS_FILE, summary
from harness.reports.sweep_analysis import SweepAnalysis, analyse


@dataclass(frozen=True)
class SweepFiles:
    """Where a sweep's outputs are."""

    report: Path
    summary: Path
    plot: Path
    metrics: Path
    calibrated_model: Path

    @classmethod
    def under(cls, out: Path) -> SweepFiles:
        """The standard file names in ``out``."""
        return cls(
            out / "report.md",
            out / "summary.json",
            out / "gas.png",
            out / "metrics.prom",
            out / "calibrated-model.json",
        )


def write_sweep_report(out: Path) -> tuple[SweepAnalysis, SweepFiles]:
    """Read ``out/manifest.json`` and ``out/txs.jsonl``, analyse them and write every output
    file."""
    manifest = load_manifest(out)
    analysis = analyse(read_txlog(out / TXS_FILE), manifest)
    files = SweepFiles.under(out)
    files.report.write_text(render(analysis))
    files.summary.write_text(json.dumps(summary(analysis), indent=2) + "\n")
    write_plot(analysis, files.plot)
    write_metrics(analysis, files.metrics)
    chain = manifest["chains"][0]
    save_models(
        files.calibrated_model,
        list(analysis.models),
        {
            "backend": chain["backend"],
            "client": chain["client"],
            "prover": manifest["prover"]["name"],
            "txs": TXS_FILE,
            "started_at": manifest["started_at"],
        },
    )
    return analysis, files
