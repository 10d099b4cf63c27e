"""Deploy manifests are outside input: an edited manifest is refused with one error or read back
exactly as written (but for ``block``, which the reader recomputes), in canonical 0x-hex; a file
of any bytes never crashes the reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from command_line import assert_one_line_error, invoke
from fuzz_strategies import Mutation, json_values, mutations, same_json
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.deploy.manifest import (
    AdminRecord,
    ContractRecord,
    Manifest,
    RouteRecord,
    parse_manifest,
    read_manifest,
)

DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
ROUTER = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ESTOP = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
GROTH16 = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"
MANIFEST = Manifest(
    chain_id=31337,
    deployer=DEPLOYER,
    seed=0,
    genesis_state_root="0x" + "11" * 32,
    sequencer=DEPLOYER,
    owner=DEPLOYER,
    contracts={
        "RiscZeroVerifierRouter": ContractRecord(
            "RiscZeroVerifierRouter",
            ROUTER,
            "0x" + "22" * 32,
            (DEPLOYER,),
            "0x1234",
            "0x" + "33" * 32,
            1,
        ),
        "RiscZeroGroth16Verifier": ContractRecord(
            "RiscZeroGroth16Verifier",
            GROTH16,
            "0x" + "44" * 32,
            ("0x" + "55" * 32, [1, 2]),
            "0x",
            "0x" + "66" * 32,
            2,
        ),
        "RiscZeroVerifierEmergencyStop": ContractRecord(
            "RiscZeroVerifierEmergencyStop",
            ESTOP,
            "0x" + "77" * 32,
            (GROTH16, DEPLOYER),
            "0xabcd",
            "0x" + "88" * 32,
            3,
        ),
    },
    routes=(RouteRecord("0x2559991b", "RiscZeroGroth16Verifier", "RiscZeroVerifierEmergencyStop"),),
    admin=(
        AdminRecord(
            "RiscZeroVerifierRouter", "addVerifier", ("0x2559991b", ESTOP), "0x" + "99" * 32, 4
        ),
    ),
    complete=True,
)
DOCUMENT = MANIFEST.to_json()
#: The manifest's byte fields, wherever they occur: each must be canonical 0x-hex once read.
HEX_FIELDS = {"genesis_state_root", "code_hash", "constructor_data", "tx_hash", "selector"}
CANONICAL_HEX = re.compile(r"0x(?:[0-9a-fA-F]{2})*")


def _hex_values(manifest: Manifest) -> list[str]:
    objects = [manifest.to_json()]
    objects += list(objects[0]["contracts"].values()) + objects[0]["routes"] + objects[0]["admin"]
    return [obj[key] for obj in objects for key in HEX_FIELDS if key in obj]


def test_the_sample_manifest_reads_back_as_itself():
    assert parse_manifest(DOCUMENT) == MANIFEST


@given(mutations(DOCUMENT))
def test_an_edited_manifest_is_refused_or_read_exactly(mutation: Mutation):
    try:
        manifest = parse_manifest(mutation.document)
    except ValueError:
        return
    written = manifest.to_json() | {"block": None}
    assert same_json(written, mutation.document | {"block": None}), mutation
    assert all(CANONICAL_HEX.fullmatch(value) for value in _hex_values(manifest)), mutation


@given(json_values)
def test_arbitrary_json_is_not_a_manifest(value):
    with pytest.raises(ValueError):
        parse_manifest(value)


@pytest.fixture(scope="module")
def manifest_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("deploy") / "manifest.json"


@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_a_manifest_file_of_any_bytes_is_refused_with_one_line(manifest_file, content):
    manifest_file.write_bytes(content)
    with pytest.raises(UsageError) as raised:
        read_manifest(manifest_file)
    assert "\n" not in str(raised.value)


def test_a_deeply_nested_manifest_is_refused_without_crashing(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("[" * 200_000 + "]" * 200_000)
    chain = ("--backend", "rpc", "--rpc-url", "http://127.0.0.1:9", "--manifest", str(manifest))
    result = invoke("run", "--proofs", "1", *chain, "--out", str(tmp_path / "out"))
    line = assert_one_line_error(result, f"{manifest} is not a valid", exit_code=2)
    assert line.startswith(f"error: {manifest} is not a valid"), line
