"""A team's config file: found, read, and every way it can be wrong said in one line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.onchain.config import ConfigError, find_config, load_config
from harness.onchain.rollup import HarnessRollupAdapter
from harness.onchain.target import HARNESS_TARGET

pytestmark = pytest.mark.slow

IMAGE = "0x" + "11" * 32
CONTRACT = """
// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;
contract Tiny { uint256 public x; function set(uint256 v) external { x = v; } }
"""
ADAPTER = """
from harness.onchain.rollup import HarnessRollupAdapter
ADAPTER = HarnessRollupAdapter(name="tiny")
NOT_AN_ADAPTER = 42
def make():
    return HarnessRollupAdapter(name="made")
"""


def _project(tmp_path: Path, rollup: str = "", *, contract: str = CONTRACT) -> Path:
    (tmp_path / "contracts").mkdir(exist_ok=True)
    (tmp_path / "contracts" / "Tiny.sol").write_text(contract)
    (tmp_path / "tiny_adapter.py").write_text(ADAPTER)
    body = rollup or textwrap.dedent(
        f"""
        [rollup]
        adapter = "tiny_adapter:ADAPTER"
        contract = "Tiny"
        sources = ["contracts"]
        batch_image_id = "{IMAGE}"
        aggregator_image_id = "{IMAGE}"
        """
    )
    path = tmp_path / "rollup-harness.toml"
    path.write_text(body)
    return path


def _with(path: Path, old: str, new: str) -> Path:
    path.write_text(path.read_text().replace(old, new))
    return path


def test_without_a_config_the_harness_drives_its_own_rollup(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config(tmp_path) is None
    assert load_config().target is HARNESS_TARGET


def test_a_config_names_the_adapter_contracts_and_image_ids(tmp_path):
    config = load_config(_project(tmp_path))
    assert config.target.name == "tiny"
    assert config.target.images.batch == bytes.fromhex(IMAGE[2:])
    assert "Tiny" in config.target.artifacts()
    assert config.path == (tmp_path / "rollup-harness.toml").resolve()


def test_an_adapter_factory_is_called(tmp_path):
    path = _with(_project(tmp_path), "tiny_adapter:ADAPTER", "tiny_adapter:make")
    assert isinstance(load_config(path).target.adapter, HarnessRollupAdapter)


def test_the_config_is_found_in_pyproject(tmp_path, monkeypatch):
    own = _project(tmp_path)
    text = own.read_text().replace("[rollup]", "[tool.rollup-harness.rollup]")
    own.unlink()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "team"\n' + text)
    monkeypatch.chdir(tmp_path)
    assert load_config().target.name == "tiny"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[rollup]", "[rollup", "is not valid TOML"),
        ("[rollup]", "[other]", "the [rollup] table is missing"),
        ('contract = "Tiny"', 'contract = "Tiny"\ncolour = "red"', "unknown key 'colour'"),
        ("tiny_adapter:ADAPTER", "no_such_module:ADAPTER", "cannot import adapter module"),
        ("tiny_adapter:ADAPTER", "tiny_adapter:MISSING", "has no attribute 'MISSING'"),
        ("tiny_adapter:ADAPTER", "tiny_adapter:NOT_AN_ADAPTER", "is a int, not a rollup adapter"),
        ("tiny_adapter:ADAPTER", "tiny_adapter", "must be written module:attribute"),
        ('contract = "Tiny"', 'contract = "Other"', "no contract 'Other'"),
        (f'batch_image_id = "{IMAGE}"', 'batch_image_id = "0x12"', "batch_image_id must be 32"),
        ('sources = ["contracts"]', 'sources = ["nowhere"]', "does not exist"),
        ('sources = ["contracts"]', 'forge_out = "out"\nsources = ["c"]', "exactly one of"),
    ],
)
def test_a_bad_config_is_one_line_naming_the_problem(tmp_path, old, new, message):
    path = _with(_project(tmp_path), old, new)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(path)


def test_a_contract_that_does_not_compile_is_named(tmp_path):
    path = _project(tmp_path, contract=CONTRACT.replace("uint256 v)", "uint256 v"))
    with pytest.raises(ConfigError, match="the rollup's contracts do not build"):
        load_config(path)


def test_run_says_a_bad_config_in_one_line(tmp_path):
    path = _with(_project(tmp_path), "tiny_adapter:ADAPTER", "tiny_adapter:NOT_AN_ADAPTER")
    result = CliRunner().invoke(main, ["run", "--proofs", "1", "--config", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "not a rollup adapter" in lines[0]


def test_adapter_modules_of_the_same_name_in_two_folders_stay_apart(tmp_path):
    configs = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        path = _project(folder)
        (folder / "tiny_adapter.py").write_text(ADAPTER.replace('name="tiny"', f'name="{name}"'))
        configs.append(path)
    names = [load_config(path).target.adapter.name for path in (*configs, configs[0])]
    assert names == ["first", "second", "first"]
