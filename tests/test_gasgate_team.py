"""A team's gas gate: entries from its config, its own baseline, and a costlier prove failing it."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.common.paths import ROOT
from harness.gasgate.baseline import read_baseline
from harness.gasgate.team import gas_settings
from harness.onchain.config import ConfigError, load_config

EXAMPLE = ROOT / "examples" / "proposals"
EXAMPLE_CONFIG = EXAMPLE / "rollup-harness.toml"
#: Entries whose transactions run Proposals._prove (or deploy the contract holding it).
PROVE_ENTRIES = (
    "prove/none",
    "prove/single",
    "prove/two",
    "prove/three",
    "prove/inclusion",
    "deploy/Proposals",
)
UNTOUCHED = ("propose/batch", "submit_root/set")

pytestmark = pytest.mark.anvil


def _gas(*args: str):
    return CliRunner().invoke(main, ["gas", *args, "--backend", "anvil"])


@pytest.fixture(scope="module")
def costlier_prove(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example whose prove stores one more word; its config file."""
    folder = tmp_path_factory.mktemp("proposals") / "proposals"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    contract = folder / "contracts" / "Proposals.sol"
    text = contract.read_text()
    declaration = "    uint64 public proven;\n"
    store = "        proven = uint64(last);\n"
    assert text.count(declaration) == 1 and text.count(store) == 1, "Proposals.sol changed shape"
    text = text.replace(declaration, declaration + "    uint256 public lastProvenBlock;\n")
    text = text.replace(store, store + "        lastProvenBlock = block.number;\n")
    contract.write_text(text)
    return folder / "rollup-harness.toml"


@pytest.fixture(scope="module")
def costlier_check(costlier_prove: Path, tmp_path_factory: pytest.TempPathFactory):
    """``gas check --config`` of the costlier copy, with JSON and a Markdown summary."""
    summary = tmp_path_factory.mktemp("summary") / "step-summary.md"
    summary.write_text("earlier steps' summary\n")
    result = _gas("check", "--config", str(costlier_prove), "--json", "--markdown", str(summary))
    return result, summary.read_text()


def test_an_sstore_in_prove_fails_the_team_gate_naming_the_entries_that_rose(costlier_check):
    result, _ = costlier_check
    assert result.exit_code == 1, result.output
    error = result.output.strip().splitlines()[-1]
    assert (
        error.startswith("error: ")
        and "rose beyond the tolerance of 0.00 % of the baseline" in error
    )
    for entry in PROVE_ENTRIES:
        assert entry in error
    for entry in UNTOUCHED:
        assert entry not in error


def test_the_json_and_markdown_say_which_entries_rose(costlier_check):
    result, markdown = costlier_check
    document = json.loads(result.output[: result.output.rindex("}") + 1])
    statuses = {entry["entry"]: entry["status"] for entry in document["entries"]}
    assert document["passed"] is False
    assert {statuses[name] for name in PROVE_ENTRIES} == {"regression"}
    assert {statuses[name] for name in UNTOUCHED} == {"unchanged"}
    rises = {e["entry"]: e["delta"] for e in document["entries"] if e["status"] == "regression"}
    # One more SSTORE of a fresh slot (cold access 2,100 + 20,000) in every prove, give or take
    # the few opcodes around it and the compiler's reshuffling.
    for name in PROVE_ENTRIES[:-1]:
        assert abs(rises[name] - 22_100) < 200, (name, rises[name])
    assert markdown.startswith("earlier steps' summary\n### Gas check: failed")
    assert "| `prove/two` |" in markdown and "**regression**" in markdown


def test_the_config_tolerance_and_the_command_line_one(costlier_prove, costlier_check):
    result, _ = costlier_check
    document = json.loads(result.output[: result.output.rindex("}") + 1])
    largest = max(e["percent"] for e in document["entries"] if e["status"] == "regression")
    tolerance = f"{largest + 0.01:.2f}"
    passed = _gas("check", "--config", str(costlier_prove), "--tolerance", tolerance)
    assert passed.exit_code == 0, passed.output
    assert f"passed (tolerance {tolerance} % of each baseline entry)" in passed.output
    config = costlier_prove.read_text().replace("tolerance = 0.0", f"tolerance = {tolerance}")
    costlier_prove.write_text(config)
    try:
        from_config = _gas("check", "--config", str(costlier_prove))
    finally:
        costlier_prove.write_text(config.replace(f"tolerance = {tolerance}", "tolerance = 0.0"))
    assert from_config.exit_code == 0, from_config.output
    assert "within tolerance" in from_config.output


def test_gas_update_writes_a_baseline_the_check_then_passes(costlier_prove, tmp_path):
    baseline = tmp_path / "baseline.json"
    updated = _gas("update", "--config", str(costlier_prove), "--baseline", str(baseline), "--json")
    assert updated.exit_code == 0, updated.output
    written = json.loads(updated.output)["entries"]
    assert written == read_baseline(baseline).gas()
    assert set(written) == {
        entry.name for entry in gas_settings(load_config(costlier_prove)).entries
    }
    checked = _gas("check", "--config", str(costlier_prove), "--baseline", str(baseline))
    assert checked.exit_code == 0, checked.output


def test_the_example_gate_finds_its_config_in_the_working_directory(monkeypatch):
    monkeypatch.chdir(EXAMPLE)
    settings = gas_settings(load_config())
    assert settings.baseline == EXAMPLE / "gas-baseline.json"
    assert [e.name for e in settings.entries] == list(read_baseline(settings.baseline).gas())


def _config(tmp_path: Path, gas: str) -> Path:
    text = EXAMPLE_CONFIG.read_text()
    text = text[: text.index("[gas]")] + textwrap.dedent(gas)
    path = tmp_path / "rollup-harness.toml"
    path.write_text(text.replace('sources = ["contracts"]', f'sources = ["{EXAMPLE}/contracts"]'))
    (tmp_path / "adapter.py").write_text((EXAMPLE / "adapter.py").read_text())
    return path


ENTRY = '[[gas.entries]]\nname = "p"\nkind = "finalize"\n'


@pytest.mark.parametrize(
    ("gas", "message"),
    [
        ("[gas]\ncolour = 1\n", "unknown key 'colour' in [gas]"),
        ("[gas]\ntolerance = -1\n", "tolerance must be a percentage"),
        ("[gas]\nbatches = 0\n", "batches must be a whole number >= 1"),
        ("[gas]\nentries = 3\n", "entries must be [[gas.entries]] tables"),
        ('[[gas.entries]]\nkind = "finalize"\n', "needs a name"),
        ('[[gas.entries]]\nname = "p"\nkind = "burn"\n', "kind must be one of deploy"),
        (ENTRY + 'strategy = "four"\n', "strategy must be one of"),
        (ENTRY + 'onchain = "blob"\n', "onchain must be one of range, set"),
        (ENTRY + "index = -1\n", "index must be a whole number"),
        (ENTRY + "gas = 5\n", "unknown key 'gas'"),
        (ENTRY + ENTRY, "two [[gas.entries]] are named 'p'"),
    ],
)
def test_a_bad_gas_table_is_one_line_naming_the_problem(tmp_path, gas, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        gas_settings(load_config(_config(tmp_path, gas)))


def test_a_config_without_gas_entries_cannot_be_checked(tmp_path):
    result = _gas("check", "--config", str(_config(tmp_path, "[gas]\n")))
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: ") and "pins no transactions" in result.output
