"""``gas.png``: model against measured settlement gas over proof count, one line per strategy."""

from __future__ import annotations

from collections import defaultdict
from itertools import product
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.axis import Axis  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

from harness.reports.measured import ScenarioMeasurement  # noqa: E402
from harness.reports.numbers import whole  # noqa: E402
from harness.reports.sweep_analysis import SweepAnalysis  # noqa: E402

STRATEGY_ORDER = ("none", "single", "two", "three")
COLORS = {"none": "#d62728", "single": "#1f77b4", "two": "#2ca02c", "three": "#9467bd"}
#: Strategies often settle for the same gas; drawing each one thinner than the one before keeps
#: every line visible where they coincide.
WIDTHS = {"none": 4.2, "single": 3.0, "two": 1.9, "three": 1.0}
#: Below this span (max / min) an axis also labels its minor ticks.
MINOR_LABEL_SPAN = 30


def _panels(
    scenarios: list[ScenarioMeasurement],
) -> dict[tuple[str, str], dict[str, list[ScenarioMeasurement]]]:
    panels: dict[tuple[str, str], dict[str, list[ScenarioMeasurement]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for s in sorted(scenarios, key=lambda s: s.proofs):
        panels[(s.fork, s.onchain)][s.strategy].append(s)
    return panels


def _count_label(value: float, _position: object) -> str:
    return whole(value)


def _gas_label(value: float, _position: object) -> str:
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if value >= limit:
            return f"{value / limit:g}{suffix}"
    return f"{value:g}"


def _label_ticks(axis: Axis, formatter: FuncFormatter) -> None:
    """Plain numbers on a log axis; minor ticks labelled only when it spans little."""
    axis.set_major_formatter(formatter)
    low, high = axis.get_view_interval()
    axis.set_minor_formatter(formatter if high / low < MINOR_LABEL_SPAN else NullFormatter())


def draw(analysis: SweepAnalysis) -> Figure:
    """One panel per fork (rows) and on-chain mode (columns): model (dashed) and measured
    (solid) settlement gas per strategy, with the batch data the model leaves out (dotted)."""
    panels = _panels(analysis.main)
    if not panels:
        raise ValueError("no scenario to plot")
    plan = analysis.manifest["plan"]
    forks = [fork for fork in plan["forks"] if any(key[0] == fork for key in panels)]
    modes = [mode for mode in plan["onchain"] if any(key[1] == mode for key in panels)]
    figure, axes = plt.subplots(
        len(forks),
        len(modes),
        figsize=(7 * len(modes), 4.8 * len(forks) + 1.6),
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
        for axis, label in ((ax.xaxis, _count_label), (ax.yaxis, _gas_label)):
            _label_ticks(axis, FuncFormatter(label))
        ax.set_xlabel("proofs N (one per batch)")
        ax.set_ylabel("settlement gas (finalise + set root)")
        ax.set_title(f"{mode} proofs on chain — {fork}")
        ax.grid(True, which="major", alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    chain = analysis.manifest["chains"][0]
    figure.suptitle(
        "Cost model (300,000 gas per verification, dashed) against measured gas (solid); "
        f"{chain['backend']}, {analysis.manifest['prover']['name']} prover",
        fontsize=11,
    )
    figure.tight_layout(rect=(0, 1.4 / figure.get_figheight(), 1, 1))
    return figure


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
        plt.close(figure)
