"""The summary a run prints: model beside measured, in the project's number format."""

from __future__ import annotations

from harness.reports import console


def _summary() -> dict:
    return {
        "backend": "anvil",
        "client": "anvil/v1",
        "fork": "prague",
        "chain_id": 31337,
        "prover": "synthetic",
        "verifier": "synthetic key (selector 0x2559991b)",
        "proofs": 12,
        "txs_per_batch": 100,
        "seed": 0,
        "onchain_mode": "range",
        "strategy": "single",
        "strategy_description": "single-level (10 → 1)",
        "verifications": 2,
        "model": {"aggregated_gas": 600_000},
        "deviation_percent": -4.25,
        "measured_gas_per_verification": 287_250.0,
        "gas": {"finalize": 574_500, "submit_root": 0, "commit": 2_772_000, "total": 3_346_500},
        "tree": {"depth": 1, "node_count": 14},
        "proving": {"seals_made": 14, "cache_hit_rate": 0.125},
        "onchain_state_root": "0x" + "ab" * 32,
        "batches_finalized": 12,
    }


def test_gas_per_verification_shows_the_models_constant(monkeypatch):
    monkeypatch.setattr(console, "GAS_PER_VERIFICATION", 123_456)
    (row,) = [
        line for line in console.run_summary(_summary()).splitlines() if "per verification" in line
    ]
    assert row.split()[3:] == ["123,456", "gas", "287,250", "gas"]


def test_figures_use_thousands_separators_and_signed_percentages():
    text = console.run_summary(_summary())
    assert "600,000 gas" in text and "574,500 gas" in text and "-4.25 %" in text
    assert "14 seals" in text and "12 % cache hits" in text
