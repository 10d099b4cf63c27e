"""The RISC Zero version table: selectors recomputed at load, lookups, refusal of bad tables."""

import json

import pytest

from harness.common.errors import ReceiptError, UsageError
from harness.risc0.params import (
    VERSIONS_FILE,
    SetVerifierParams,
    groth16_selector,
    legacy_groth16_selector,
    load_versions,
    parameters_digest,
    parse_versions,
)

CURRENT_VK_DIGEST = "21c5fdd9b4d576b17581f50b755482ba7a2134a3b5186e8e454acfa1f69511ab"

RELEASE_SELECTORS = {
    "1.0": "310fe598",
    "1.1": "50bd1769",
    "1.2": "c101b42b",
    "1.3": "922fe23d",
    "2.0": "9f39696c",
    "2.1": "f536085a",
    "2.2": "bb001d44",
    "3.0": "73c457ba",
    "5.0-dev": "c27d1bc0",
}


@pytest.fixture(scope="module")
def table():
    return load_versions()


@pytest.fixture
def document():
    return json.loads(VERSIONS_FILE.read_text())


def test_table_holds_only_five_input_release_candidate_and_development_sets(table):
    assert len(table.groth16) == 23
    assert {params.status for params in table.groth16} == {
        "release",
        "release-candidate",
        "development",
    }
    assert all(params.vk.num_public_inputs == 5 for params in table.groth16)


@pytest.mark.parametrize(("version", "selector"), RELEASE_SELECTORS.items())
def test_release_selector_is_recomputed_from_its_parameters(table, version, selector):
    params = table.by_version(version)
    assert params.selector.hex() == selector
    assert groth16_selector(params.control_root, params.bn254_control_id, params.vk) == (
        params.selector
    )


def test_every_release_from_1_0_uses_the_same_verifying_key(table):
    assert {params.vk.digest().hex() for params in table.groth16} == {CURRENT_VK_DIGEST}


def test_v3_parameters_digest_matches_published_value(table):
    params = table.by_version("3.0")
    digest = parameters_digest(params.control_root, params.bn254_control_id, params.vk).hex()
    assert digest.startswith("73c457ba541936f0") and digest.endswith("d3c6eedc")


def test_selector_hash_uses_byte_reversed_bn254_id(table):
    params = table.by_version("3.0")
    unreversed = parameters_digest(params.control_root, params.bn254_control_id[::-1], params.vk)
    assert unreversed[:4] != params.selector


def test_may_2024_dev_set_keeps_the_selector_its_fixture_seals_carry(table):
    params = table.by_selector(bytes.fromhex("7e664fbd"))
    assert params.selector.hex() == "fcbcd3ce"
    assert params.legacy_selector == legacy_groth16_selector(
        params.control_root, params.bn254_control_id, params.vk
    )
    assert table.by_selector(bytes.fromhex("fcbcd3ce")) is params


@pytest.mark.parametrize("name", ["3.0", "v3.0", "groth16-3.0"])
def test_lookup_by_version_id_or_v_prefix(table, name):
    assert table.by_version(name).selector.hex() == "73c457ba"


def test_lookup_by_label(table):
    assert table.by_version("5.0-dev (risc0 main fc0222ab)").version == "5.0-dev"


def test_unknown_version_is_a_usage_error_listing_known_versions(table):
    with pytest.raises(UsageError, match=r"unknown RISC Zero verifier version '9\.9'.*3\.0"):
        table.by_version("9.9")


def test_unknown_selector_is_a_receipt_error(table):
    with pytest.raises(ReceiptError, match="0xdeadbeef"):
        table.by_selector(bytes.fromhex("deadbeef"))


@pytest.mark.parametrize(
    ("version", "selector"), [("0.6.0", "80479d24"), ("0.7.0", "0f63ffd5"), ("0.9.0", "242f9d5b")]
)
def test_set_verifier_selectors_come_from_set_builder_image_id(table, version, selector):
    params = table.set_verifier_by_version(version)
    assert params.selector.hex() == selector
    assert SetVerifierParams.for_image(version, params.set_builder_image_id) == params
    assert table.set_verifier_by_selector(params.selector) is params


def test_tampered_selector_is_refused_naming_the_entry(document):
    document["groth16_verifiers"][3]["selector"] = "0x00000001"
    with pytest.raises(UsageError, match=r"t\.json: groth16_verifiers\[3\]: .* 0x00000001"):
        parse_versions(document, "t.json")


def test_tampered_control_root_is_refused(document):
    entry = document["groth16_verifiers"][0]
    entry["control_root"] = "0x" + "00" * 32
    with pytest.raises(UsageError, match="states selector"):
        parse_versions(document, "t.json")


def test_tampered_verifying_key_is_refused(document):
    key = next(iter(document["verifying_keys"].values()))
    key["ic"][5]["x"] = "1"
    with pytest.raises(UsageError, match="stated digest"):
        parse_versions(document, "t.json")


def test_tampered_set_builder_image_id_is_refused(document):
    document["set_verifiers"][0]["set_builder_image_id"] = "0x" + "11" * 32
    with pytest.raises(UsageError, match=r"set_verifiers\[0\]"):
        parse_versions(document, "t.json")


def test_missing_field_is_refused_naming_it(document):
    del document["groth16_verifiers"][1]["vk_id"]
    with pytest.raises(UsageError, match="missing key 'vk_id'"):
        parse_versions(document, "t.json")


def test_unreadable_table_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read"):
        load_versions(tmp_path / "absent.json")


def test_table_file_that_is_not_json_is_a_usage_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{")
    with pytest.raises(UsageError, match="not JSON"):
        load_versions(path)
