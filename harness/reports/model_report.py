"""What ``rollup-harness model`` prints: the cost model's figures for one proof count (three
blocks) or for several (one aligned table), with the preset's expected throughput."""

from __future__ import annotations

from harness.aggregation.strategies import StrategyKind
from harness.costmodel.decider import NO_AGGREGATION_REASON
from harness.costmodel.estimator import VERIFY_TIME_MS, Estimate
from harness.costmodel.presets import Preset
from harness.reports.numbers import decimal, whole

TPS_NOTE = (
    f'"TPS" is proofs verified per second of verification time ({VERIFY_TIME_MS} ms each), '
    "not L2 transactions per second."
)

_TABLE_COLUMNS = (
    "proofs",
    "strategy",
    "submitted",
    "no-agg ms",
    "agg ms",
    "no-agg gas",
    "agg gas",
    "no-agg TPS",
    "agg TPS",
    "TPS ×",
    "gas saved % of no-agg",
    "size saved % of no-agg",
    "saving USD",
)


def prices_text(gas_price_gwei: float, eth_usd: float) -> str:
    """The prices a USD saving is computed at, in words."""
    return f"gas at {gas_price_gwei:g} gwei, ETH at {whole(eth_usd)} USD"


def preset_line(preset: Preset) -> str:
    """The preset's expected throughput (docs/model.md's preset table), or that it has none."""
    expected = preset.expected_throughput
    if expected is None or preset.sized_for is None:
        return f"Preset {preset.name}: sized for no strategy, so no expected throughput."
    strategy = preset.strategy(preset.sized_for)
    return (
        f"Preset {preset.name}: expected throughput {whole(expected)} proofs/s "
        f"(one full batch of {strategy.description})."
    )


def render_estimate(est: Estimate, preset: Preset, *, forced: bool, prices: str) -> str:
    """The three blocks (no aggregation, aggregated, improvement) for one proof count."""
    choice = "forced" if forced else "chosen by the decider"
    if not forced and est.strategy.kind is StrategyKind.NONE:
        choice += f": {NO_AGGREGATION_REASON} below {preset.min_proofs_for_aggregation} proofs"
    blocks: list[tuple[str, list[tuple[str, str, str]]]] = [
        (
            "No aggregation",
            [
                ("proofs verified", whole(est.proofs), ""),
                ("verify time", decimal(est.no_aggregation_verify_time_ms, 2), "ms"),
                ("gas", whole(est.no_aggregation_gas), "gas"),
                ("proof size", decimal(est.no_aggregation_proof_size_kb, 2), "KB"),
                ("TPS", whole(est.no_aggregation_tps), "proofs/s"),
            ],
        ),
        (
            f"Aggregated ({est.strategy.description})",
            [
                ("proofs verified", whole(est.aggregated_count), ""),
                ("verify time", decimal(est.aggregated_verify_time_ms, 2), "ms"),
                ("gas", whole(est.aggregated_gas), "gas"),
                ("proof size", decimal(est.aggregated_proof_size_kb, 2), "KB"),
                ("TPS", whole(est.aggregated_tps), "proofs/s"),
            ],
        ),
        (
            "Improvement",
            [
                ("TPS ×", decimal(est.tps_improvement, 2), "×"),
                ("gas saved", decimal(est.gas_savings_percent, 2), "% of no-aggregation gas"),
                (
                    "size saved",
                    decimal(est.size_savings_percent, 2),
                    "% of no-aggregation proof size",
                ),
                ("cost saving", decimal(est.cost_saving_usd, 2), f"USD ({prices})"),
            ],
        ),
    ]
    label_width = max(len(label) for _, rows in blocks for label, _, _ in rows)
    value_width = max(len(value) for _, rows in blocks for _, value, _ in rows)
    lines = [
        f"Cost model (docs/model.md): {whole(est.proofs)} proofs, preset {preset.name}, "
        f"strategy {est.strategy.description}, {choice}",
        TPS_NOTE,
        preset_line(preset),
    ]
    for title, rows in blocks:
        lines += ["", title]
        lines += [
            f"  {label:<{label_width}}  {value:>{value_width}} {unit}".rstrip()
            for label, value, unit in rows
        ]
    return "\n".join(lines)


def _table_row(est: Estimate) -> tuple[str, ...]:
    return (
        whole(est.proofs),
        est.strategy.description,
        whole(est.aggregated_count),
        decimal(est.no_aggregation_verify_time_ms, 2),
        decimal(est.aggregated_verify_time_ms, 2),
        whole(est.no_aggregation_gas),
        whole(est.aggregated_gas),
        whole(est.no_aggregation_tps),
        whole(est.aggregated_tps),
        decimal(est.tps_improvement, 2),
        decimal(est.gas_savings_percent, 2),
        decimal(est.size_savings_percent, 2),
        decimal(est.cost_saving_usd, 2),
    )


def render_table(
    estimates: list[Estimate], preset: Preset, *, forced: str | None, prices: str
) -> str:
    """One right-aligned row per proof count; ``forced`` names a strategy the user forced."""
    rows = [_TABLE_COLUMNS, *(_table_row(est) for est in estimates)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_TABLE_COLUMNS))]
    strategy_column = _TABLE_COLUMNS.index("strategy")

    def line(row: tuple[str, ...]) -> str:
        cells = (
            cell.ljust(width) if i == strategy_column else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells)

    choice = f"forced to {forced}" if forced else "chosen by the decider"
    return "\n".join(
        [
            f"Cost model (docs/model.md): preset {preset.name}, strategy {choice}, {prices}",
            TPS_NOTE,
            preset_line(preset),
            "",
            *(line(row) for row in rows),
        ]
    )
