"""The summary a run prints: model beside measured, in the project's number format."""

from __future__ import annotations

from dataclasses import replace

from harness.costmodel.estimator import estimate
from harness.costmodel.presets import get_preset
from harness.records.outcome import ModelFigures, ProvingStats, ScenarioOutcome, TreeShape
from harness.records.run_summary import GasTotals, RunSummary
from harness.reports import console


def _summary(**changes) -> RunSummary:
    strategy = get_preset("default").strategy("single")
    outcome = ScenarioOutcome(
        proofs=12,
        txs_per_batch=100,
        strategy="single",
        strategy_description="single-level (10 → 1)",
        aggregation_factor=10,
        model=ModelFigures.from_json(estimate(12, strategy).to_json()),
        tree=TreeShape("single", 12, 1, 10, 14, ((1, 10), (11, 12)), None),
        onchain_state_root="0x" + "ab" * 32,
        proving=ProvingStats(16, 14, 0, 0.125, 2, 0.2),
        seconds=1.5,
    )
    fields = {
        "outcome": outcome,
        "onchain_mode": "range",
        "prover": "synthetic",
        "verifier": "synthetic key (selector 0x2559991b)",
        "backend": "anvil",
        "fork": "prague",
        "chain_id": 31337,
        "client": "anvil/v1",
        "seed": 0,
        "rollup": "0x" + "12" * 20,
        "verifications": 2,
        "batches_finalized": 12,
        "reference_state_root": "0x" + "ab" * 32,
        "gas": GasTotals(commit=2_772_000, finalize=574_500, submit_root=0, deploy=3_000_000),
    }
    return RunSummary(**fields | changes)


def test_gas_per_verification_shows_the_models_constant(monkeypatch):
    monkeypatch.setattr(console, "GAS_PER_VERIFICATION", 123_456)
    (row,) = [
        line
        for line in console.run_summary(_summary()).splitlines()
        if "gas per verification" in line
    ]
    assert row.split()[5:] == ["123,456", "gas", "287,250", "gas"]


def test_figures_use_thousands_separators_and_signed_percentages():
    text = console.run_summary(_summary())
    assert "600,000 gas" in text and "574,500 gas" in text and "-4.25 %" in text
    assert "14 seals" in text and "12 % of proof requests from cache" in text


def test_reused_seals_are_counted_apart_from_those_made():
    summary = _summary()
    proving = ProvingStats(16, 4, 10, 0.125, 2, 0.2)
    reused = _summary(outcome=replace(summary.outcome, proving=proving))
    assert "14 seals" in console.run_summary(summary)
    assert "4 seals + 10 reused" in console.run_summary(reused)


def test_a_comparison_says_what_the_model_and_the_measurement_save():
    summary = _summary()
    none = get_preset("default").strategy("none")
    baseline = replace(
        summary.outcome,
        strategy="none",
        strategy_description="no aggregation",
        model=ModelFigures.from_json(estimate(12, none).to_json()),
    )
    compared = _summary(
        outcome=baseline,
        verifications=12,
        gas=GasTotals(commit=2_772_000, finalize=3_447_000, submit_root=0, deploy=3_000_000),
    )
    text = console.run_summary(replace(summary, compared=compared))
    saved = compared.gas.total - summary.gas.total
    assert text.endswith(
        f"single against none: the model says it saves 3,000,000 gas; measured, it saves "
        f"{saved:,} gas ({saved / compared.gas.total * 100:.1f} % of the none run's "
        "settlement + data gas)."
    )


def test_settlement_is_shown_as_verification_plus_rollup_logic_plus_intrinsic():
    parts = {"intrinsic": 27_700, "verification": 230_051, "rollup": 43_573}
    gas_totals = GasTotals(
        commit=1, finalize=sum(parts.values()), submit_root=0, deploy=0, finalize_breakdown=parts
    )
    text = console.run_summary(_summary(gas=gas_totals, verifications=1))
    assert "finalise = verification" in text and "230,051 gas" in text
    assert "+ rollup logic" in text and "43,573 gas" in text
    assert "+ intrinsic" in text and "27,700 gas" in text
    line = next(line for line in text.splitlines() if "verification part per proof" in line)
    assert "300,000 gas" in line and "-23.32 %" in line


def test_without_traced_frames_no_breakdown_is_claimed():
    text = console.run_summary(_summary())
    assert "verification part per proof" not in text
