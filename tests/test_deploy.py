"""Deploys to a JSON-RPC node: the manifest, idempotence, resuming, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from eth_utils import keccak

from harness.chain.backends import LOCAL_CHAIN_ID
from harness.chain.transport import RPC_RETRIES_ENV
from harness.cli import main
from harness.deploy.manifest import read_manifest
from harness.l2.workload import genesis
from harness.provers.verifiers import MOCK_SELECTOR, synthetic_params
from harness.toolchain.solc import project_artifacts

pytestmark = [pytest.mark.anvil, pytest.mark.slow]

#: The key of the local backends' first account (funded there); never a real key.
FUNDED_KEY = "0x" + "00" * 31 + "01"
#: A key whose account holds nothing on a fresh local chain.
UNFUNDED_KEY = "0x" + "00" * 31 + "99"


@pytest.fixture
def node(chain_factory, monkeypatch):
    """A fresh anvil and a funded deployer key in the default key variable."""
    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", FUNDED_KEY)
    chain = chain_factory("anvil")
    return chain, chain.url


def _deploy(url: str, manifest: Path, *args: str):
    return CliRunner().invoke(
        main, ["deploy", "--rpc-url", url, "--manifest", str(manifest), *args]
    )


def _one_line_error(result, needle: str) -> None:
    assert result.exit_code != 0
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], lines


def _matches_artifact(code: bytes, runtime: bytes) -> bool:
    """The runtime code, with immutables filled in where the artifact has zeros."""
    return len(code) == len(runtime) and all(
        a in (b, 0) for a, b in zip(runtime, code, strict=True)
    )


def test_deploy_writes_a_manifest_whose_addresses_hold_the_expected_code(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    result = _deploy(url, path, "--verifier", "synthetic", "--verifier", "mock")
    assert result.exit_code == 0, result.output
    manifest = read_manifest(path)
    assert manifest is not None and manifest.complete
    assert (manifest.chain_id, manifest.deployer) == (LOCAL_CHAIN_ID, chain.sender)
    assert manifest.genesis_state_root == "0x" + genesis(0).root().hex()
    artifacts = project_artifacts()
    for label, record in manifest.contracts.items():
        code = chain.code_at(record.address)
        assert record.code_hash == "0x" + keccak(code).hex()
        assert _matches_artifact(code, artifacts[record.contract].deployed_bytecode), label
        receipt = chain.w3.eth.get_transaction_receipt(record.tx_hash)
        assert (receipt["status"], receipt["blockNumber"]) == (1, record.block)
        assert receipt["contractAddress"] == record.address
    assert manifest.block == chain.w3.eth.block_number
    router_label, router = manifest.contract("RiscZeroVerifierRouter")
    router_contract = chain.contract_at(artifacts["RiscZeroVerifierRouter"], router.address)
    selectors = {bytes.fromhex(route.selector[2:]) for route in manifest.routes}
    assert {synthetic_params().selector, MOCK_SELECTOR} < selectors
    for route in manifest.routes:
        routed = chain.call(router_contract, "getVerifier", bytes.fromhex(route.selector[2:]))
        assert routed == manifest.contracts[route.estop].address
    _, rollup = manifest.contract("Rollup")
    assert rollup.constructor_args[0] == router.address
    rollup_contract = chain.contract_at(artifacts["Rollup"], rollup.address)
    assert chain.call(rollup_contract, "sequencer") == chain.sender
    assert router_label in result.output and str(path) in result.output


def test_a_second_deploy_with_the_same_manifest_sends_no_transaction(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    written = path.read_bytes()
    nonce = chain.w3.eth.get_transaction_count(chain.sender)
    again = _deploy(url, path)
    assert again.exit_code == 0, again.output
    assert "nothing to deploy" in again.output
    assert chain.w3.eth.get_transaction_count(chain.sender) == nonce
    assert path.read_bytes() == written


def test_a_deploy_adds_only_the_verifier_the_manifest_lacks(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    nonce = chain.w3.eth.get_transaction_count(chain.sender)
    result = _deploy(url, path, "--verifier", "synthetic", "--verifier", "risc0:3.0")
    assert result.exit_code == 0, result.output
    # the verifier, its emergency stop, and the route
    assert chain.w3.eth.get_transaction_count(chain.sender) == nonce + 3
    assert "0x73c457ba" in {route.selector for route in read_manifest(path).routes}


def test_an_interrupted_deploy_resumes_where_it_stopped(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    data = json.loads(path.read_text())
    # As if the deploy stopped after routing the set verifier but before saving that route.
    del data["contracts"]["Rollup"]
    data["routes"] = data["routes"][:-1]
    data["complete"] = False
    path.write_text(json.dumps(data))
    nonce = chain.w3.eth.get_transaction_count(chain.sender)
    result = _deploy(url, path)
    assert result.exit_code == 0, result.output
    assert chain.w3.eth.get_transaction_count(chain.sender) == nonce + 1  # the rollup only
    resumed = read_manifest(path)
    assert resumed.complete and "Rollup" in resumed.contracts and len(resumed.routes) == 2


def test_an_owner_is_offered_every_owned_contract_once(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    owner = "0x000000000000000000000000000000000000dEaD"
    assert _deploy(url, path, "--owner", owner).exit_code == 0
    manifest = read_manifest(path)
    artifacts = project_artifacts()
    kinds = ("RiscZeroVerifierRouter", "RiscZeroVerifierEmergencyStop", "Rollup")
    owned = [r for r in manifest.contracts.values() if r.contract in kinds]
    assert len(owned) == 4  # the router, two emergency stops, the rollup
    for record in owned:
        contract = chain.contract_at(artifacts[record.contract], record.address)
        assert chain.call(contract, "pendingOwner") == owner
        assert chain.call(contract, "owner") == chain.sender
    assert [a.function for a in manifest.admin].count("transferOwnership") == len(owned)
    nonce = chain.w3.eth.get_transaction_count(chain.sender)
    assert _deploy(url, path, "--owner", owner).exit_code == 0
    assert chain.w3.eth.get_transaction_count(chain.sender) == nonce


def test_a_manifest_for_another_chain_id_is_refused(node, tmp_path):
    chain, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    data = json.loads(path.read_text())
    data["chain_id"] = 1
    path.write_text(json.dumps(data))
    written = path.read_bytes()
    _one_line_error(_deploy(url, path), "is for chain id 1")
    assert path.read_bytes() == written


def test_a_manifest_whose_code_is_gone_is_refused(node, chain_factory, tmp_path):
    _, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    fresh = chain_factory("anvil")  # same chain id, nothing deployed
    _one_line_error(_deploy(fresh.url, path), "was the chain reset?")


def test_an_unreachable_rpc_is_a_one_line_error(monkeypatch, tmp_path, refused_url):
    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", FUNDED_KEY)
    # Retrying a refused connection is test_node_rpc.py's and test_rpc_faults.py's to check.
    monkeypatch.setenv(RPC_RETRIES_ENV, "0")
    result = _deploy(refused_url, tmp_path / "m.json")
    _one_line_error(result, f"no JSON-RPC node answers at {refused_url}")


def test_a_missing_key_variable_is_a_one_line_error(node, tmp_path):
    _, url = node
    result = _deploy(url, tmp_path / "m.json", "--private-key-env", "NO_SUCH_KEY_VARIABLE")
    _one_line_error(result, "NO_SUCH_KEY_VARIABLE")


def test_a_key_without_funds_is_refused_before_anything_is_sent(node, monkeypatch, tmp_path):
    chain, url = node
    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", UNFUNDED_KEY)
    block = chain.w3.eth.block_number
    result = _deploy(url, tmp_path / "m.json")
    _one_line_error(result, "has no funds")
    assert UNFUNDED_KEY[2:] not in result.output
    assert chain.w3.eth.block_number == block
    assert not (tmp_path / "m.json").exists()


def _valid_manifest_text(url: str, folder: Path) -> str:
    path = folder / "valid.json"
    assert _deploy(url, path).exit_code == 0
    return path.read_text()


@pytest.mark.parametrize(
    ("corrupt", "needle"),
    [
        (lambda text: text[: len(text) // 2], "is not a valid deploy manifest"),
        (lambda text: "[]", "format is not"),
        (lambda text: text.replace('"seed"', '"sead"'), "missing 'seed'"),
        (lambda text: text.replace('"code_hash": "0x', '"code_hash": "0xzz', 1), "code_hash"),
    ],
    ids=["truncated", "not-an-object", "missing-field", "bad-hex"],
)
def test_a_corrupt_manifest_is_refused_and_left_untouched(node, tmp_path, corrupt, needle):
    chain, url = node
    path = tmp_path / "manifest.json"
    path.write_text(corrupt(_valid_manifest_text(url, tmp_path)))
    written = path.read_bytes()
    nonce = chain.w3.eth.get_transaction_count(chain.sender)
    _one_line_error(_deploy(url, path), needle)
    assert path.read_bytes() == written
    assert chain.w3.eth.get_transaction_count(chain.sender) == nonce


def test_a_run_on_the_manifest_refuses_a_key_that_is_not_the_sequencer(node, monkeypatch, tmp_path):
    _, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path, "--sequencer", "0x" + "ab" * 20).exit_code == 0
    result = CliRunner().invoke(
        main,
        [
            "run",
            "--backend",
            "rpc",
            "--rpc-url",
            url,
            "--manifest",
            str(path),
            "--proofs",
            "1",
            "--out",
            str(tmp_path / "run"),
        ],
    )
    _one_line_error(result, "use the sequencer's key")


def test_a_deploy_asking_for_another_seed_is_refused_and_the_manifest_kept(node, tmp_path):
    _, url = node
    path = tmp_path / "manifest.json"
    assert _deploy(url, path).exit_code == 0
    written = path.read_bytes()
    _one_line_error(_deploy(url, path, "--seed", "1"), "records seed 0, this deploy asks for 1")
    assert path.read_bytes() == written


def test_a_run_takes_a_manifest_only_on_the_rpc_backend(tmp_path):
    result = CliRunner().invoke(
        main, ["run", "--proofs", "1", "--manifest", str(tmp_path / "m.json")]
    )
    _one_line_error(result, "--manifest needs --backend rpc")
