"""`model --calibrated FILE`: the calibrated model's gas beside the cost model's."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.costmodel.calibrated_file import save_models
from harness.costmodel.calibration import Coefficients, Observation, calibrate


@pytest.fixture
def calibrated_file(tmp_path):
    truth = Coefficients(265_000, 20_000, 33, 15_000)
    observations = []
    for proofs in (3, 10, 50, 150):
        for factor in (1, 10, 100):
            v = -(-proofs // factor)
            commit, settle = proofs * 6_468, v * 580
            settlement = truth.per_verification * v + truth.per_calldata_byte * settle + truth.fixed
            data = truth.per_batch * proofs + truth.per_calldata_byte * commit
            observations.append(
                Observation(
                    f"n{proofs}/{factor}", proofs, 100, v, commit, settle, 0, settlement, data
                )
            )
    path = tmp_path / "calibrated-model.json"
    model = calibrate(observations, fork="prague", onchain="range", txs_per_batch=100)
    save_models(path, [model], {"backend": "anvil", "prover": "synthetic"})
    return path


def test_model_prints_the_calibrated_gas_beside_the_models(calibrated_file):
    result = CliRunner().invoke(
        main, ["model", "--proofs", "150", "--calibrated", str(calibrated_file)]
    )
    assert result.exit_code == 0, result.output
    assert "Cost model (docs/model.md): 150 proofs" in result.output
    calibrated = result.output.split("Calibrated model")[1]
    assert "prague/range" in calibrated
    assert "cheapest: three-level" in calibrated
    assert "45,000,000" in calibrated  # the model's no-aggregation gas, beside the prediction


def test_model_json_carries_the_calibrated_predictions(calibrated_file):
    result = CliRunner().invoke(
        main, ["model", "--proofs", "6,150", "--json", "--calibrated", str(calibrated_file)]
    )
    payload = json.loads(result.output)
    assert [item["proofs"] for item in payload] == [6, 150]
    for item in payload:
        rows = item["calibrated"]
        assert {row["strategy"] for row in rows} >= {"none", item["strategy"]}
        assert all(
            row["total_gas"] == pytest.approx(row["settlement_gas"] + row["data_gas"])
            for row in rows
        )


def test_model_without_calibrated_prints_what_it_did_before():
    result = CliRunner().invoke(main, ["model", "--proofs", "150"])
    assert "Calibrated model" not in result.output


def test_a_missing_calibrated_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(
        main, ["model", "--proofs", "6", "--calibrated", str(tmp_path / "none.json")]
    )
    assert result.exit_code == 2
    assert "cannot read calibrated model" in result.output
