"""`rollup-harness model`: docs/model.md's reference outputs, presets, reports and bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from harness.cli import main


def run_model(*args: str) -> Result:
    return CliRunner().invoke(main, ["model", *args])


def model_json(*args: str) -> Any:
    result = run_model(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# docs/model.md "Reference outputs": n, strategy, then every figure as the table prints it.
# fmt: off
REFERENCE = [
    (6, "single", "147.00", 1_800_000, 41, "24.50", 300_000, 245, "6.00", "83.33", "80.00"),
    (150, "two", "3675.00", 45_000_000, 41, "49.00", 600_000, 3_061, "75.00", "98.67", "98.40"),
    (800, "three", "19600.00", 240_000_000, 41, "24.50", 300_000, 32_653, "800.00", "99.88",
     "99.85"),
]
# fmt: on


@pytest.mark.parametrize("row", REFERENCE, ids=lambda row: f"n={row[0]}")
@pytest.mark.parametrize("forced", [False, True], ids=["decider", "forced"])
def test_json_reproduces_the_model_reference_table(row: tuple, forced: bool) -> None:
    n, kind, time, gas, tps, agg_time, agg_gas, agg_tps, tps_x, gas_pct, size_pct = row
    out = model_json("--proofs", str(n), "--strategy", kind if forced else "auto")
    assert out["strategy"] == kind
    assert f"{out['no_aggregation_verify_time_ms']:.2f}" == time
    assert out["no_aggregation_gas"] == gas
    assert round(out["no_aggregation_tps"]) == tps
    assert f"{out['aggregated_verify_time_ms']:.2f}" == agg_time
    assert out["aggregated_gas"] == agg_gas
    assert round(out["aggregated_tps"]) == agg_tps
    assert f"{out['tps_improvement']:.2f}" == tps_x
    assert f"{out['gas_savings_percent']:.2f}" == gas_pct
    assert f"{out['size_savings_percent']:.2f}" == size_pct


def test_json_has_exactly_the_documented_keys() -> None:
    assert list(model_json("--proofs", "6")) == [
        "proofs",
        "strategy",
        "aggregation_factor",
        "aggregated_count",
        "no_aggregation_verify_time_ms",
        "no_aggregation_proof_size_kb",
        "no_aggregation_gas",
        "no_aggregation_tps",
        "aggregated_verify_time_ms",
        "aggregated_proof_size_kb",
        "aggregated_gas",
        "aggregated_tps",
        "tps_improvement",
        "gas_savings_percent",
        "size_savings_percent",
        "cost_saving_usd",
    ]


@pytest.mark.parametrize("strategy", ["auto", "single"])
def test_ten_proofs_save_2_7m_gas_worth_243_usd(strategy: str) -> None:
    out = model_json("--proofs", "10", "--strategy", strategy)
    assert out["no_aggregation_gas"] - out["aggregated_gas"] == 2_700_000
    assert f"{out['gas_savings_percent']:.2f}" == "90.00"
    assert out["cost_saving_usd"] == pytest.approx(243.0)


@pytest.mark.parametrize(
    ("gas_price", "eth_usd", "usd"), [("60", "1500", 243.0), ("10", "3000", 81.0), ("0", "3000", 0)]
)
def test_cost_saving_follows_gas_and_eth_prices(gas_price: str, eth_usd: str, usd: float) -> None:
    out = model_json("--proofs", "10", "--gas-price-gwei", gas_price, "--eth-usd", eth_usd)
    assert out["cost_saving_usd"] == pytest.approx(usd)


@pytest.mark.parametrize(
    ("preset", "proofs", "strategy"),
    [
        ("default", 8, "single"),
        ("small_app", 8, "single"),
        ("medium", 8, "none"),
        ("medium_app", 10, "single"),
        ("large", 15, "none"),
        ("large_app", 20, "single"),
    ],
)
def test_preset_sets_the_decider_threshold(preset: str, proofs: int, strategy: str) -> None:
    assert model_json("--proofs", str(proofs), "--preset", preset)["strategy"] == strategy


def test_no_aggregation_changes_nothing() -> None:
    out = model_json("--proofs", "4")
    assert out["strategy"] == "none"
    assert out["aggregated_count"] == 4
    assert out["aggregated_proof_size_kb"] == out["no_aggregation_proof_size_kb"]
    assert (out["gas_savings_percent"], out["size_savings_percent"]) == (0, 0)
    assert out["tps_improvement"] == pytest.approx(1)


def test_proof_list_prints_a_json_list_in_order() -> None:
    out = model_json("--proofs", "6,150, 800")
    assert [(row["proofs"], row["strategy"]) for row in out] == [
        (6, "single"),
        (150, "two"),
        (800, "three"),
    ]
    assert [row["aggregated_count"] for row in out] == [1, 2, 1]


def test_report_shows_the_three_blocks_and_the_tps_caveat() -> None:
    result = run_model("--proofs", "150")
    assert result.exit_code == 0
    text = result.stdout
    assert "not L2 transactions per second" in text.splitlines()[1]
    for title in ("No aggregation", "Aggregated (two-level (100 → 10 → 1))", "Improvement"):
        assert f"\n{title}\n" in text
    for figure in (
        "3,675.00 ms",
        "45,000,000 gas",
        "49.00 ms",
        "600,000 gas",
        "3,061 proofs/s",
        "75.00 ×",
        "98.67 %",
        "98.40 %",
        "3,996.00 USD",
    ):
        assert figure in text
    assert "41 proofs/s" in text


def test_report_says_when_the_decider_declines_to_aggregate() -> None:
    result = run_model("--proofs", "5")
    assert "aggregation costs more than it saves" in result.stdout
    assert "\nAggregated (no aggregation)\n" in result.stdout


def test_proof_list_prints_a_right_aligned_table() -> None:
    result = run_model("--proofs", "6,150,800")
    assert result.exit_code == 0
    header_at = next(i for i, line in enumerate(result.stdout.splitlines()) if line[:6] == "proofs")
    table = result.stdout.splitlines()[header_at:]
    assert len(table) == 4
    assert len({len(line) for line in table}) == 1
    assert table[1].startswith("     6  single-level (10 → 1)")
    assert table[3].split()[:2] == ["800", "three-level"]
    assert "240,000,000" in table[3]
    assert table[3].endswith("21,573.00")


@pytest.mark.parametrize(
    "args",
    [
        ["--proofs", "0"],
        ["--proofs", "-5"],
        ["--proofs=-5"],
        ["--proofs", "abc"],
        ["--proofs", "1.5"],
        ["--proofs", ""],
        ["--proofs", ","],
        ["--proofs", "6,,7"],
        ["--proofs", "6,0,800"],
        ["--proofs", "6", "--preset", "huge"],
        ["--proofs", "6", "--gas-price-gwei", "-1"],
        ["--proofs", "6", "--eth-usd", "inf"],
    ],
)
def test_bad_input_is_one_error_line(args: list[str]) -> None:
    result = run_model(*args)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--proofs", "6", "--strategy", "four"],
        [],
        ["--proofs", "6", "--eth-usd", "x"],
        ["--proofs", "6", "--eth-usd", "0"],
        ["--proofs", "6", "--gas-price-gwei", "-2"],
    ],
)
def test_malformed_options_are_one_line_naming_the_option(args: list[str]) -> None:
    result = run_model(*args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "--" in line
    assert line.endswith("(see 'rollup-harness model -h')")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("proofs", ["150", "6,150"])
@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("small", "expected throughput 408 proofs/s"),
        ("medium_app", "expected throughput 4,082 proofs/s"),
        ("large", "expected throughput 40,816 proofs/s"),
        ("default", "no expected throughput"),
    ],
)
def test_report_and_table_show_the_presets_expected_throughput(
    preset: str, expected: str, proofs: str
) -> None:
    result = run_model("--proofs", proofs, "--preset", preset)
    assert result.exit_code == 0
    assert expected in result.stdout.splitlines()[2]
