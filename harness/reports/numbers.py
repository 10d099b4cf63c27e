"""How reports write numbers and tables: thousands separators, units, right-aligned figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def whole(value: float) -> str:
    """A whole number with thousands separators: ``261,797``."""
    return f"{value:,.0f}"


def gas(value: float) -> str:
    """Gas with thousands separators and its unit: ``261,797 gas``."""
    return f"{whole(value)} gas"


def decimal(value: float, places: int = 1) -> str:
    """A number with ``places`` decimals and thousands separators."""
    return f"{value:,.{places}f}"


def eth(value: float) -> str:
    """An amount of ether to the gwei: ``0.017580 ETH`` (six places; a gwei is 1e-9 ETH, so
    the smallest amounts show as 0)."""
    return f"{value:,.6f} ETH"


def usd(value: float) -> str:
    """An amount of US dollars to the cent: ``52.74 USD``."""
    return f"{value:,.2f} USD"


def percent(value: float, *, signed: bool = True) -> str:
    """A percentage with two decimals: ``-5.13 %`` (signed) or ``98.67 %``."""
    return f"{value:+.2f} %" if signed else f"{value:.2f} %"


def markdown_table(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; each column is ``(header, "l" or "r")`` — numbers go right."""
    rule = {"l": ":---", "r": "---:"}
    lines = [
        "| " + " | ".join(header for header, _ in columns) + " |",
        "|" + "|".join(rule[align] for _, align in columns) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def byte_size(size: int) -> str:
    """A size in bytes the way a person reads it: ``812 B``, ``41.3 kB``, ``2.5 MB``."""
    if size < 1000:
        return f"{size} B"
    value, unit = size / 1000, "kB"
    for bigger in ("MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:,.1f} {unit}"
