"""A gas comparison as a person reads it: a console table, or Markdown for a CI step summary.

Both say first what the numbers were measured on, then give one row per entry (baseline, now,
delta, change in percent of the baseline, status) with thousands separators, then one line of
totals.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.gasgate.compare import FAILING, Comparison, Row, Status
from harness.gasgate.scenarios import GasEntry

HEADERS = ("entry", "baseline (gas)", "now (gas)", "delta (gas)", "change", "status")


def _gas(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _delta(row: Row) -> str:
    return "—" if row.delta is None else f"{row.delta:+,}" if row.delta else "0"


def _percent(row: Row) -> str:
    if row.percent is None:
        return "—"
    return f"{row.percent:+.2f} % of baseline" if row.delta else "0.00 % of baseline"


def cells(row: Row) -> tuple[str, ...]:
    """One row's cells, in :data:`HEADERS` order."""
    return row.name, _gas(row.baseline), _gas(row.now), _delta(row), _percent(row), row.status


#: Statuses that are nouns, so take a plural.
_COUNTABLE = (Status.REGRESSION, Status.IMPROVEMENT)


def _count(count: int, status: Status) -> str:
    plural = "s" if count != 1 and status in _COUNTABLE else ""
    return f"{count} {status}{plural}"


def totals(comparison: Comparison) -> str:
    """``15 entries: 13 unchanged, 2 regressions`` — only the statuses that occur."""
    entries = len(comparison.rows)
    counts = [_count(len(rows), status) for status in Status if (rows := comparison.having(status))]
    return f"{entries} entr{'y' if entries == 1 else 'ies'}: " + ", ".join(counts)


def verdict(comparison: Comparison) -> str:
    """``passed`` or ``failed``, with the tolerance."""
    result = "failed" if comparison.failed else "passed"
    return f"{result} (tolerance {comparison.tolerance:.2f} % of each baseline entry)"


def console(comparison: Comparison, header: Sequence[str]) -> str:
    """The comparison as an aligned text table under ``header`` lines."""
    table = [HEADERS, *(cells(row) for row in comparison.rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = list(header) + [""]
    for line in table:
        name, *numbers, status = line
        padded = [f"{cell:>{w}}" for cell, w in zip(numbers, widths[1:-1], strict=True)]
        lines.append("  ".join([f"{name:<{widths[0]}}", *padded, status]).rstrip())
    lines += ["", f"{totals(comparison)}; {verdict(comparison)}"]
    return "\n".join(lines)


def entries(measured: Sequence[GasEntry]) -> str:
    """Measured entries alone (what ``gas update`` recorded): name, gas, what it is."""
    name_width = max(len(entry.name) for entry in measured)
    gas_width = max(len(f"{entry.gas:,} gas") for entry in measured)
    return "\n".join(
        f"{entry.name:<{name_width}}  {f'{entry.gas:,} gas':>{gas_width}}  {entry.what}"
        for entry in measured
    )


def markdown(comparison: Comparison, header: Sequence[str]) -> str:
    """The comparison as GitHub Markdown (a heading, the header lines, a table, the totals)."""
    lines = [f"### Gas check: {verdict(comparison)}", ""]
    lines += [f"{line}  " for line in header] + [""]
    lines.append("| " + " | ".join(HEADERS) + " |")
    lines.append("|:--|--:|--:|--:|--:|:--|")
    for row in comparison.rows:
        name, *numbers, status = cells(row)
        shown = f"**{status}**" if row.status in FAILING else status
        lines.append("| " + " | ".join([f"`{name}`", *numbers, shown]) + " |")
    lines += ["", totals(comparison), ""]
    return "\n".join(lines)
