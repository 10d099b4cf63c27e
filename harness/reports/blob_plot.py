"""The blob-fee plot of ``bench blobs``: the blob base fee a node quoted block after block of
full blob blocks, beside each blob schedule's formula for the same blocks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from harness.reports.pyplot import pyplot

#: Line styles of the formula curves, in schedule order; the measured curve is drawn solid.
FORMULA_STYLES = ("--", "-.", ":", (0, (5, 1, 1, 1)))


def write_blob_fee_plot(
    path: Path,
    measured: Sequence[int],
    formulas: Mapping[str, Sequence[int]],
    *,
    title: str,
) -> None:
    """Draw ``measured`` (wei per blob gas after 0, 1, 2 … full blocks) and each named
    formula curve on a log scale into ``path`` (its suffix picks the format: .svg, .png)."""
    plt = pyplot()
    figure, ax = plt.subplots(figsize=(8, 4.8), layout="constrained")
    try:
        for (name, fees), style in zip(formulas.items(), FORMULA_STYLES, strict=False):
            ax.plot(
                range(len(fees)), fees, linestyle=style, linewidth=1.4, label=f"formula, {name}"
            )
        ax.plot(range(len(measured)), measured, color="black", linewidth=2.4, label="measured")
        ax.set_yscale("log")
        ax.set_xlabel("full blob blocks mined")
        ax.set_ylabel("blob base fee (wei per blob gas)")
        ax.set_title(title)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(loc="upper left")
        figure.savefig(path)
    finally:
        plt.close(figure)
