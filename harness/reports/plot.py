"""``gas.png``: model against measured settlement gas over proof count, one line per strategy."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise, product
from pathlib import Path
from typing import TYPE_CHECKING

from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.reports.measured import ScenarioMeasurement
from harness.reports.numbers import whole
from harness.reports.pyplot import pyplot
from harness.reports.sweep_analysis import SweepAnalysis

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

STRATEGY_ORDER = ("none", "single", "two", "three")
COLORS = {"none": "#d62728", "single": "#1f77b4", "two": "#2ca02c", "three": "#9467bd"}
#: Strategies often settle for the same gas; drawing each one thinner than the one before keeps
#: every line visible where they coincide.
WIDTHS = {"none": 4.2, "single": 3.0, "two": 1.9, "three": 1.0}
#: Minor ticks an axis may label, as multiples of a power of ten, densest first: it labels the
#: densest set whose labels stay apart, so that lines between two powers of ten (aggregated
#: settlement lies near one verification's gas) have a figure beside them.
MINOR_LABELS = (
    (2, 3, 4, 5, 6, 7, 8, 9),
    (2, 3, 4, 5, 6, 8),
    (2, 3, 4, 5),
    (2, 3, 5),
    (2, 5),
    (3,),
)
#: How far apart the labels of each axis must stay, in inches (proof counts are wider).
LABEL_GAP_INCHES = {"x": 0.45, "y": 0.2}
#: Height kept below the panels for the legend, and the least room left beside the title and
#: the legend, in inches.
LEGEND_INCHES = 1.0
SIDE_MARGIN_INCHES = 0.3
#: Room around each panel, in inches, fixed rather than measured (measuring it takes a drawing of
#: the whole figure): left of the first column for the gas labels and the axis title, between
#: columns for the next panel's axis title, below each row for the proof counts and the axis
#: title, above it for the panel's title (and above the first row the figure's), right of the
#: last column for the last proof count.
LEFT_INCHES = 0.95
COLUMN_GAP_INCHES = 0.5
BELOW_INCHES = 0.6
ABOVE_INCHES = 0.4
TOP_INCHES = 0.75
RIGHT_INCHES = 0.3


def _panels(
    scenarios: list[ScenarioMeasurement],
) -> dict[tuple[str, str], dict[str, list[ScenarioMeasurement]]]:
    panels: dict[tuple[str, str], dict[str, list[ScenarioMeasurement]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for s in sorted(scenarios, key=lambda s: s.proofs):
        panels[(s.fork, s.onchain)][s.strategy].append(s)
    return panels


def _gas_label(value: float) -> str:
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if value >= limit:
            return f"{value / limit:g}{suffix}"
    return f"{value:g}"


def _mantissa(value: float) -> int:
    """The multiple of a power of ten a tick is at (3 for 300,000)."""
    return round(value / 10 ** math.floor(math.log10(value) + 1e-9))


def _closest(mantissas: tuple[int, ...]) -> float:
    """The shortest distance, in powers of ten, between two ticks labelled with ``mantissas``."""
    ticks = (1, *mantissas, 10)
    return min(math.log10(high / low) for low, high in pairwise(ticks))


def _label_ticks(ax: Axes, name: str, label: Callable[[float], str]) -> None:
    """Plain numbers on log axis ``name`` of ``ax``: every power of ten, and the densest set of
    :data:`MINOR_LABELS` whose labels stay :data:`LABEL_GAP_INCHES` apart."""
    from matplotlib.ticker import FuncFormatter

    axis = ax.xaxis if name == "x" else ax.yaxis
    box = ax.get_window_extent()
    inches = (box.width if name == "x" else box.height) / ax.figure.dpi
    low, high = axis.get_view_interval()
    per_decade = inches / max(math.log10(high / low), 1e-9)
    labelled = next(
        (m for m in MINOR_LABELS if _closest(m) * per_decade >= LABEL_GAP_INCHES[name]), ()
    )
    axis.set_major_formatter(FuncFormatter(lambda value, _: label(value)))
    axis.set_minor_formatter(
        FuncFormatter(lambda value, _: label(value) if _mantissa(value) in labelled else "")
    )


def _fit_width(figure: Figure, *artists: Artist) -> None:
    """Widen ``figure`` so that each of ``artists`` fits across it, with room either side."""
    renderer = figure.canvas.get_renderer()
    needed = max(artist.get_window_extent(renderer).width for artist in artists) / figure.dpi
    figure.set_figwidth(max(figure.get_figwidth(), needed + 2 * SIDE_MARGIN_INCHES))


def draw(analysis: SweepAnalysis) -> Figure:
    """One panel per fork (rows) and on-chain mode (columns): model (dashed) and measured
    (solid) settlement gas per strategy, with the batch data the model leaves out (dotted)."""
    panels = _panels(analysis.main)
    if not panels:
        raise ValueError("no scenario to plot")
    plan = analysis.manifest.plan
    forks = [fork for fork in plan.forks if any(key[0] == fork for key in panels)]
    modes = [mode for mode in plan.onchain if any(key[1] == mode for key in panels)]
    figure, axes = pyplot().subplots(
        len(forks),
        len(modes),
        figsize=(7 * len(modes), 4.8 * len(forks) + LEGEND_INCHES + 0.2),
        squeeze=False,
        sharey=True,
    )
    for (row, fork), (column, mode) in product(enumerate(forks), enumerate(modes)):
        ax = axes[row][column]
        strategies = panels.get((fork, mode), {})
        for name in sorted(strategies, key=STRATEGY_ORDER.index):
            _strategy_lines(ax, name, strategies[name])
        data = sorted({(s.proofs, s.commit_gas) for runs in strategies.values() for s in runs})
        ax.plot(
            [n for n, _ in data],
            [gas for _, gas in data],
            linestyle=":",
            color="black",
            label="batch data (commits), not in the model",
        )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("proofs N (one per batch)")
        ax.set_ylabel("settlement gas (finalise + set root)")
        ax.set_title(f"{mode} proofs on chain — {fork}")
        ax.grid(True, which="major", alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    legend = figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    chain = analysis.manifest.chains[0]
    title = figure.suptitle(
        f"Cost model ({whole(GAS_PER_VERIFICATION)} gas per verification, dashed) against "
        f"measured gas (solid); {chain.backend}, {analysis.manifest.prover.name} prover",
        fontsize=11,
    )
    _fit_width(figure, title, legend)
    _place_panels(figure, len(forks), len(modes))
    for ax in axes.flat:
        _label_ticks(ax, "x", whole)
        _label_ticks(ax, "y", _gas_label)
    return figure


def _place_panels(figure: Figure, rows: int, columns: int) -> None:
    """Lay ``rows`` × ``columns`` panels out in ``figure`` with the fixed room around each."""
    width, height = figure.get_figwidth(), figure.get_figheight()
    panel_width = (width - LEFT_INCHES - RIGHT_INCHES - (columns - 1) * COLUMN_GAP_INCHES) / columns
    row_gap = BELOW_INCHES + ABOVE_INCHES
    bottom = LEGEND_INCHES + BELOW_INCHES
    panel_height = (height - TOP_INCHES - bottom - (rows - 1) * row_gap) / rows
    figure.subplots_adjust(
        left=LEFT_INCHES / width,
        right=1 - RIGHT_INCHES / width,
        bottom=bottom / height,
        top=1 - TOP_INCHES / height,
        wspace=COLUMN_GAP_INCHES / panel_width,
        hspace=row_gap / panel_height,
    )


def _strategy_lines(ax: Axes, name: str, runs: list[ScenarioMeasurement]) -> None:
    """The model's and the measured line of one strategy."""
    proofs = [s.proofs for s in runs]
    label = runs[0].strategy_description
    width = WIDTHS[name]
    ax.plot(
        proofs,
        [s.model_gas for s in runs],
        linestyle="--",
        marker="o",
        markerfacecolor="none",
        color=COLORS[name],
        linewidth=width,
        markersize=1.5 * width + 3,
        label=f"{label}: model",
    )
    ax.plot(
        proofs,
        [s.settlement_gas for s in runs],
        linestyle="-",
        marker="s",
        color=COLORS[name],
        linewidth=width,
        markersize=width + 2,
        label=f"{label}: measured",
    )


def write_plot(analysis: SweepAnalysis, path: Path) -> None:
    """Draw the figure and save it as PNG."""
    figure = draw(analysis)
    try:
        figure.savefig(path, dpi=110)
    finally:
        pyplot().close(figure)
