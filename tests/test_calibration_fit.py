"""The calibrated model: a least-squares fit of gas to verifications, batches, bytes and a
fixed part, judged on scenarios left out of it, stored, and used to pick strategies."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.costmodel.calibrated_decider import cheapest_strategy
from harness.costmodel.calibrated_file import load_models, save_models
from harness.costmodel.calibration import (
    Coefficients,
    Observation,
    alternate_proof_counts,
    calibrate,
    fit,
    fits_growth,
    hold_out,
)
from harness.costmodel.presets import get_preset

TRUE = Coefficients(per_verification=265_000, per_batch=20_000, per_calldata_byte=33, fixed=15_000)
PROOFS = (3, 6, 10, 25, 50, 100, 150, 500)
FACTORS = {"none": 1, "single": 10, "two": 100, "three": 1000}


def measured(
    truth: Coefficients,
    name: str,
    proofs: int,
    size: int,
    verifications: int,
    commit_bytes: int,
    settle_bytes: int,
    noise: float = 0.0,
) -> Observation:
    """A scenario whose settlement and batch data cost what ``truth`` says, each within
    ``noise`` (a fraction) of it."""
    settlement = truth.per_verification * verifications + truth.fixed
    data = truth.per_batch * proofs
    shake = random.Random(name).uniform
    return Observation(
        name,
        proofs,
        size,
        verifications,
        commit_bytes,
        settle_bytes,
        0,
        round((settlement + truth.per_calldata_byte * settle_bytes) * (1 + shake(-noise, noise))),
        round((data + truth.per_calldata_byte * commit_bytes) * (1 + shake(-noise, noise))),
    )


def observations(truth: Coefficients = TRUE, noise: float = 0.0) -> list[Observation]:
    result = []
    for size in (50, 100, 400):
        for proofs in PROOFS:
            for name, factor in FACTORS.items():
                verifications = -(-proofs // factor)
                result.append(
                    measured(
                        truth,
                        f"t{size}/n{proofs}/{name}",
                        proofs,
                        size,
                        verifications,
                        proofs * (68 + 64 * size),
                        verifications * 580,
                        noise,
                    )
                )
    return result


def test_fit_recovers_the_coefficients_of_exact_data():
    found = fit(observations())
    for name in ("per_verification", "per_batch", "per_calldata_byte", "fixed"):
        assert getattr(found, name) == pytest.approx(getattr(TRUE, name), rel=1e-3, abs=1)


@given(
    st.integers(100_000, 400_000),
    st.integers(0, 50_000),
    st.integers(10, 60),
    st.integers(0, 300_000),
)
def test_fit_reproduces_any_linear_cost_exactly(a, b, c, d):
    data = observations(Coefficients(a, b, c, d))
    found = fit(data)
    for obs in data:
        assert found.predict(*obs.features()) == pytest.approx(obs.gas, rel=1e-6)


def test_blob_commits_leave_the_byte_price_at_0_and_their_bytes_gas_in_the_other_terms():
    """In blob mode a commit's calldata is the same whatever its batch: the bytes grow in step
    with batches and verifications, and the fit cannot price them apart."""
    data = [
        measured(TRUE, f"n{proofs}/{name}", proofs, 100, v, proofs * 164, v * 580)
        for proofs in PROOFS
        for name, factor in FACTORS.items()
        for v in [-(-proofs // factor)]
    ]
    found = fit(data)
    assert found.per_calldata_byte == 0
    assert found.per_verification == pytest.approx(265_000 + 580 * 33)
    assert found.per_batch == pytest.approx(20_000 + 164 * 33)
    assert found.fixed == pytest.approx(15_000, abs=1)


def test_set_mode_tells_an_inclusion_from_a_commit_though_each_proof_has_one_of_each():
    """Each proof has a commit and an inclusion finalise, whose calldata grows a little with
    its Merkle path: the commits' gas stays theirs, and no byte price is made up from the
    paths for the commits' bytes."""
    truth = Coefficients(
        per_verification=78_000, per_batch=57_000, per_calldata_byte=24, fixed=287_000
    )
    data = [
        measured(truth, f"t{size}/n{k}", k, size, k, k * 164, k * (580 + 32 * (k - 1).bit_length()))
        for k in PROOFS
        for size in (50, 100)
    ]
    found = fit(data)
    assert found.per_calldata_byte == 0
    assert found.per_batch == pytest.approx(57_000 + 24 * 164)
    assert found.per_verification == pytest.approx(78_000 + 24 * 580 + 24 * 32 * 6, rel=0.05)


def test_a_hold_out_that_would_fit_on_one_proof_count_is_none():
    data = [obs for obs in observations() if obs.proofs in (3, 6)]
    assert hold_out(data, alternate_proof_counts(data)) is None


def test_hold_out_leaves_out_every_other_proof_count():
    data = observations()
    left_out = alternate_proof_counts(data)
    assert {obs.proofs for obs in data if left_out(obs)} == set(PROOFS[1::2])


def test_fit_predicts_left_out_scenarios_within_two_percent_despite_noise():
    data = observations(noise=0.005)
    result = hold_out(data, alternate_proof_counts(data))
    assert result is not None
    assert len(result.predictions) + len(result.fitted_on) == len(data)
    assert result.max_abs_error_percent < 2


def test_hold_out_needs_scenarios_on_both_sides():
    data = [obs for obs in observations() if obs.proofs == 3]
    assert hold_out(data, alternate_proof_counts(data)) is None


def test_growth_is_fitted_from_two_proof_counts_and_not_from_one():
    data = observations()
    assert fits_growth(data) and fits_growth([obs for obs in data if obs.proofs in (3, 6)])
    assert not fits_growth([obs for obs in data if obs.proofs == 3]) and not fits_growth([])


def test_fit_needs_a_scenario():
    with pytest.raises(UsageError, match="at least one"):
        fit([])


def test_calibrated_model_splits_its_prediction_into_settlement_and_data():
    model = calibrate(observations(), fork="prague", onchain="range", txs_per_batch=100)
    strategy = get_preset("default").strategy("two")
    predicted = model.predict(150, strategy)
    assert predicted.verifications == 2
    assert predicted.settlement_gas == pytest.approx(2 * (265_000 + 580 * 33) + 15_000, rel=1e-3)
    assert predicted.data_gas == pytest.approx(150 * (20_000 + 33 * (68 + 6_400)), rel=1e-3)


def test_calibrated_models_round_trip_through_their_file(tmp_path):
    model = calibrate(observations(), fork="prague", onchain="set", txs_per_batch=100)
    save_models(tmp_path / "m.json", [model], {"backend": "anvil"})
    loaded = load_models(tmp_path / "m.json")
    assert loaded.source == {"backend": "anvil"}
    assert loaded.find("prague", "set") == model


@pytest.mark.parametrize("content", ["[]", "{}", '{"format": "other"}', "not json"])
def test_a_file_that_is_not_a_calibrated_model_is_a_usage_error(tmp_path, content):
    (tmp_path / "m.json").write_text(content)
    with pytest.raises(UsageError, match="m.json"):
        load_models(tmp_path / "m.json")


def test_asking_for_a_mode_the_file_lacks_is_a_usage_error(tmp_path):
    model = calibrate(observations(), fork="prague", onchain="range", txs_per_batch=100)
    save_models(tmp_path / "m.json", [model], {})
    with pytest.raises(UsageError, match="no calibrated model for osaka/range"):
        load_models(tmp_path / "m.json").find("osaka", "range")


@pytest.mark.parametrize(
    ("proofs", "expected"),
    [(1, "none"), (3, "single"), (10, "single"), (11, "two"), (100, "two"), (150, "three")],
)
def test_calibrated_decider_picks_fewest_proofs_then_the_shallowest_tree(proofs, expected):
    model = calibrate(observations(), fork="prague", onchain="range", txs_per_batch=100)
    assert cheapest_strategy(proofs, model).name == expected


def test_stored_model_file_is_plain_json(tmp_path):
    model = calibrate(observations(), fork="prague", onchain="range", txs_per_batch=100)
    save_models(tmp_path / "m.json", [model], {})
    document = json.loads((tmp_path / "m.json").read_text())
    assert document["format"] == "rollup-harness/calibrated-model@1"
    assert set(document["models"][0]["coefficients"]) == {
        "per_verification",
        "per_batch",
        "per_calldata_byte",
        "fixed",
    }
