"""Write a sweep's reports: ``report.md``, ``summary.json``, ``gas.png`` and ``metrics.prom``,
all rendered from one :class:`SweepAnalysis`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.reports.markdown import render
from harness.reports.metrics import write_metrics
from harness.reports.plot import write_plot
from harness.reports.summary import summary
from harness.reports.sweep_analysis import SweepAnalysis


@dataclass(frozen=True)
class ReportFiles:
    """Where a sweep's reports are."""

    report: Path
    summary: Path
    plot: Path
    metrics: Path

    @classmethod
    def under(cls, out: Path) -> ReportFiles:
        """The standard file names in ``out``."""
        return cls(out / "report.md", out / "summary.json", out / "gas.png", out / "metrics.prom")


def write_sweep_report(analysis: SweepAnalysis, files: ReportFiles) -> None:
    """Render ``analysis`` into every report file."""
    files.report.write_text(render(analysis))
    files.summary.write_text(json.dumps(summary(analysis), indent=2) + "\n")
    write_plot(analysis, files.plot)
    write_metrics(analysis, files.metrics)
