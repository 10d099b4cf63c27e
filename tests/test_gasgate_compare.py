"""Comparing measured gas with a baseline: statuses, the tolerance boundary, the tables."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.gasgate import render
from harness.gasgate.compare import Status, compare

gas = st.integers(min_value=21_000, max_value=30_000_000)
tolerances = st.decimals(min_value=0, max_value=50, places=2).map(float)


@given(baseline=gas, now=gas, tolerance=tolerances)
def test_an_entry_regresses_exactly_when_it_rose_beyond_the_tolerance(baseline, now, tolerance):
    (row,) = compare({"e": baseline}, {"e": now}, tolerance).rows
    beyond = Fraction(now - baseline, baseline) * 100 > Fraction(str(tolerance))
    assert (row.status is Status.REGRESSION) == (now > baseline and beyond)
    assert (row.status is Status.IMPROVEMENT) == (now < baseline)
    assert row.delta == now - baseline


def test_a_rise_equal_to_the_tolerance_passes():
    comparison = compare({"e": 200_000}, {"e": 202_000}, 1.0)
    assert comparison.rows[0].status is Status.WITHIN and not comparison.failed


def test_new_and_missing_entries_fail_and_are_named():
    comparison = compare({"kept": 1, "gone": 2}, {"kept": 1, "added": 3})
    assert [(r.name, r.status) for r in comparison.rows] == [
        ("kept", Status.UNCHANGED),
        ("gone", Status.MISSING),
        ("added", Status.NEW),
    ]
    message = str(comparison.failure())
    assert comparison.failed and "gone (missing)" in message and "added (new)" in message


def test_the_failure_names_each_regression_with_its_rise():
    comparison = compare({"a": 100_000, "b": 100_000}, {"a": 110_000, "b": 99_000})
    assert str(comparison.failure()) == (
        "1 entry rose beyond the tolerance of 0.00 % of the baseline: "
        "a (+10,000 gas, +10.00 % of its baseline)"
    )


@pytest.mark.parametrize("tolerance", [-1.0, float("nan"), float("inf")])
def test_a_tolerance_that_is_not_a_percentage_is_refused(tolerance):
    with pytest.raises(UsageError, match="tolerance must be a percentage"):
        compare({"e": 1}, {"e": 1}, tolerance)


def test_the_console_table_right_aligns_numbers_with_separators():
    comparison = compare({"deploy/Rollup": 1_066_428}, {"deploy/Rollup": 1_088_528})
    table = render.console(comparison, ["chain     anvil"])
    row = next(line for line in table.splitlines() if line.startswith("deploy/Rollup"))
    assert row.split() == [
        "deploy/Rollup",
        "1,066,428",
        "1,088,528",
        "+22,100",
        "+2.07",
        "%",
        "of",
        "baseline",
        "regression",
    ]
    header = next(line for line in table.splitlines() if line.startswith("entry"))
    assert header.index("now (gas)") + len("now (gas)") == row.index("1,088,528") + len("1,088,528")
    assert table.endswith("1 entry: 1 regression; failed (tolerance 0.00 % of each baseline entry)")
