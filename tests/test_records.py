"""The typed records: a run's summary and a sweep's manifest read back to the very JSON written."""

from __future__ import annotations

import json

import pytest
from synthetic_sweep import synthetic_document

from harness.aggregation.forest import build_forest
from harness.common.errors import UsageError
from harness.costmodel.estimator import GAS_PER_VERIFICATION, estimate
from harness.costmodel.fees import DEFAULT_FEES
from harness.costmodel.presets import get_preset
from harness.costmodel.set_mode import DEFAULT_INCLUSION_GAS
from harness.records.outcome import ScenarioOutcome
from harness.records.run_summary import RunSummary
from harness.records.sweep_manifest import SweepManifest, load_manifest, save_manifest


def _summary_document(strategy: str, finalize: int, submit_root: int) -> dict:
    """A summary as ``summary.json`` holds it, its derived figures computed by formula."""
    chosen = get_preset("default").strategy(strategy)
    model = estimate(12, chosen).to_json()
    forest = build_forest(12, chosen)
    verifications = len(forest.roots)
    settlement = finalize + submit_root
    document = {
        "proofs": 12,
        "strategy": strategy,
        "strategy_description": chosen.description,
        "aggregation_factor": chosen.aggregation_factor,
        "onchain_mode": "set" if submit_root else "range",
        "da": "blob",
        "prover": "synthetic",
        "verifier": "synthetic key",
        "backend": "anvil",
        "fork": "prague",
        "chain_id": 31337,
        "client": "anvil/v1",
        "txs_per_batch": 100,
        "seed": 0,
        "rollup": "0x" + "12" * 20,
        "verifications": verifications,
        "batches_finalized": 12,
        "reference_state_root": "0x" + "ab" * 32,
        "onchain_state_root": "0x" + "ab" * 32,
        "gas": {
            "commit": 2_000_000,
            "finalize": finalize,
            "submit_root": submit_root,
            "total": 2_000_000 + settlement,
            "deploy": 3_000_000,
            "blob": 12 * 131_072,
        },
        "model": model,
        "measured_gas_per_verification": settlement / verifications,
        "deviation_percent": (settlement - model["aggregated_gas"]) / model["aggregated_gas"] * 100,
        "tree": forest.to_json() | {"set_depth": 1 if submit_root else None},
        "proving": {
            "requests": 14,
            "seals_made": 14,
            "seals_reused": 0,
            "cache_hit_rate": 0.0,
            "workers": 2,
            "seconds": 0.25,
        },
        "seconds": 1.5,
    }
    if submit_root:
        root, inclusion = GAS_PER_VERIFICATION, DEFAULT_INCLUSION_GAS
        document["set_model"] = {
            "settled": verifications,
            "root_gas": root,
            "inclusion_gas": inclusion,
            "inclusion_source": "measured default",
            "settlement_gas": root + verifications * inclusion,
            "per_settled_proof": (root + verifications * inclusion) / verifications,
            "seed_gas": verifications * GAS_PER_VERIFICATION,
        }
    return document


def _text(document: dict) -> str:
    return json.dumps(document, indent=2)


def test_a_run_summary_and_its_comparison_read_back_to_the_same_text():
    document = _summary_document("single", 580_000, 0) | {
        "compared": _summary_document("none", 3_400_000, 0)
    }
    summary = RunSummary.from_json(json.loads(_text(document)))
    assert summary.compared is not None and summary.compared.compared is None
    assert _text(summary.to_json()) == _text(document)


def test_a_run_summarys_derived_figures_are_computed_not_read():
    document = _summary_document("single", 500_000, 290_000)
    stale = document | {"measured_gas_per_verification": 1.0, "deviation_percent": 0.0}
    stale["gas"] = document["gas"] | {"total": 0}
    summary = RunSummary.from_json(stale)
    assert summary.gas.settlement == 790_000
    assert summary.measured_gas_per_verification == 790_000 / summary.verifications
    assert summary.deviation_percent == pytest.approx((790_000 - 600_000) / 600_000 * 100)
    assert _text(summary.to_json()) == _text(document)


def test_a_summary_written_before_blobs_reads_as_calldata_without_blob_gas():
    document = _summary_document("single", 580_000, 0)
    del document["da"], document["gas"]["blob"]
    summary = RunSummary.from_json(document)
    assert (summary.da, summary.gas.blob) == ("calldata", 0)
    assert summary.to_json()["gas"]["total"] == document["gas"]["total"]


def test_a_sweep_scenario_and_a_run_summary_share_one_outcome():
    document = _summary_document("two", 290_000, 0)
    outcome = ScenarioOutcome.from_json(document)
    assert outcome.to_json().keys() <= document.keys()
    assert outcome.model.aggregated_gas == document["model"]["aggregated_gas"]
    assert outcome.tree.roots == ((1, 12),)


def test_a_sweep_manifest_reads_back_to_the_same_text(tmp_path):
    _, document = synthetic_document()
    manifest = SweepManifest.from_json(json.loads(_text(document)))
    assert _text(manifest.to_json()) == _text(document)
    save_manifest(tmp_path, manifest)
    assert load_manifest(tmp_path) == manifest
    assert (tmp_path / "manifest.json").read_text() == _text(document) + "\n"


def test_a_manifest_missing_a_field_is_a_one_line_usage_error(tmp_path):
    _, document = synthetic_document()
    del document["scenarios"][0]["commit_scenario"]
    (tmp_path / "manifest.json").write_text(json.dumps(document))
    with pytest.raises(
        UsageError, match=r"is not a sweep manifest \(missing key 'commit_scenario'\)"
    ):
        load_manifest(tmp_path)


def test_a_summary_written_before_blob_data_reads_as_calldata_with_no_blob_gas():
    document = _summary_document("single", 580_000, 0)
    del document["da"], document["gas"]["blob"]
    summary = RunSummary.from_json(document)
    assert (summary.da, summary.gas.blob) == ("calldata", 0)


def test_a_manifest_written_before_fees_were_recorded_is_priced_at_the_models_defaults(tmp_path):
    _, document = synthetic_document()
    del document["fees"]
    assert SweepManifest.from_json(document).fees == DEFAULT_FEES
