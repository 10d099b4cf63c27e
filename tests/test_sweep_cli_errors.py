"""Bad sweep input is one line on stderr and a non-zero exit, before any work starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from command_line import assert_one_line_error, invoke


def _sweep(*args: str) -> Result:
    return invoke("sweep", *args)


def test_an_empty_proof_list_is_a_one_line_error(tmp_path):
    result = _sweep("--proofs", "", "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "--proofs needs a proof count")
    assert not (tmp_path / "out").exists()


def test_osaka_on_eth_tester_is_a_one_line_error_before_any_work(tmp_path):
    result = _sweep(
        "--backend", "eth-tester", "--fork", "prague,osaka", "--out", str(tmp_path / "out")
    )
    assert_one_line_error(result, "backend eth-tester cannot run fork 'osaka'")
    assert not (tmp_path / "out").exists()


def test_an_unwritable_out_directory_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = _sweep("--proofs", "3", "--out", str(blocker / "out"))
    assert_one_line_error(result, f"cannot write to output directory {blocker / 'out'}")


def test_an_out_directory_with_files_is_refused(tmp_path: Path):
    (tmp_path / "old.txt").write_text("")
    assert_one_line_error(_sweep("--proofs", "3", "--out", str(tmp_path)), "is not empty")


def test_a_bad_config_is_a_one_line_error_before_any_work(tmp_path):
    config = tmp_path / "rollup-harness.toml"
    config.write_text('[rollup]\nadapter = "nowhere:ADAPTER"\n')
    result = _sweep("--proofs", "3", "--config", str(config), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "cannot import adapter module 'nowhere'")
    assert not (tmp_path / "out").exists()


def test_a_config_in_the_working_directory_is_used(tmp_path, monkeypatch):
    (tmp_path / "rollup-harness.toml").write_text("[rollup]\ncontract = 'X'\n")
    monkeypatch.chdir(tmp_path)
    result = _sweep("--proofs", "3", "--out", "out")
    assert_one_line_error(result, "[rollup] adapter must be a non-empty string")
    assert not (tmp_path / "out").exists()


def test_report_only_takes_no_config(tmp_path):
    config = tmp_path / "rollup-harness.toml"
    config.write_text("")
    result = _sweep("--report-only", str(tmp_path), "--config", str(config))
    assert_one_line_error(result, "drop --config")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--extra-batch-sizes", "50,x"), "--extra-batch-sizes: 'x' is not a whole number"),
        (("--extra-batch-sizes", "50,0"), "--extra-batch-sizes must each be at least 1, got 0"),
        (("--txs-per-batch", "0"), "Invalid value for '--txs-per-batch'"),
        (("--seed", "-1"), "Invalid value for '--seed'"),
        (("--backend", "rpc"), "--backend rpc needs --rpc-url"),
    ],
)
def test_a_bad_value_is_a_one_line_error_naming_its_option(tmp_path, args, needle):
    assert_one_line_error(_sweep(*args, "--out", str(tmp_path / "out")), needle, exit_code=2)
    assert not (tmp_path / "out").exists()


def test_a_sweep_that_cannot_open_its_chain_prints_only_the_error(tmp_path, monkeypatch):
    monkeypatch.delenv("ROLLUP_HARNESS_PRIVATE_KEY", raising=False)
    result = _sweep(
        "--backend",
        "rpc",
        "--rpc-url",
        "http://127.0.0.1:9",
        "--proofs",
        "4",
        "--strategies",
        "none",
        "--out",
        str(tmp_path / "out"),
    )
    assert_one_line_error(result, "ROLLUP_HARNESS_PRIVATE_KEY")
