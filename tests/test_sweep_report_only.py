"""`sweep --report-only DIR`: a sweep's reports rewritten from its manifest.json and txs.jsonl."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main

#: Everything a sweep renders from manifest.json and txs.jsonl.
REPORT_FILES = ("report.md", "summary.json", "gas.png", "metrics.prom", "calibrated-model.json")


def _sweep(*args: str):
    return CliRunner().invoke(main, ["sweep", *args])


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sweep") / "out"
    result = _sweep(
        "--proofs",
        "3,6",
        "--strategies",
        "none,single",
        "--onchain",
        "range,set",
        "--extra-batch-sizes",
        "none",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.anvil
def test_a_sweep_writes_its_manifest_beside_txs_jsonl(sweep):
    manifest = json.loads((sweep / "manifest.json").read_text())
    assert manifest["format"] == "rollup-harness/sweep@1"
    assert manifest["plan"]["proofs"] == [3, 6]
    assert len(manifest["scenarios"]) == 2 * 2 * 2
    assert manifest["wall_seconds"] > 0


@pytest.mark.anvil
def test_report_only_rewrites_every_report_byte_for_byte(sweep, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(sweep, copy)
    for name in REPORT_FILES:
        (copy / name).unlink()
    result = _sweep("--report-only", str(copy))
    assert result.exit_code == 0, result.output
    for name in REPORT_FILES:
        assert (copy / name).read_bytes() == (sweep / name).read_bytes(), name


@pytest.mark.anvil
def test_a_sweep_whose_reports_fail_keeps_a_manifest_to_render_them_from(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr("harness.reports.sweep_report.render", fail)
        failed = _sweep(
            "--proofs",
            "3",
            "--strategies",
            "none",
            "--onchain",
            "range",
            "--extra-batch-sizes",
            "none",
            "--out",
            str(out),
        )
    assert isinstance(failed.exception, OSError)
    assert (out / "manifest.json").is_file()
    assert not (out / "report.md").exists()
    result = _sweep("--report-only", str(out))
    assert result.exit_code == 0, result.output
    # one proof count: nothing to fit a calibrated model to, so no calibrated-model.json
    assert all((out / name).stat().st_size > 0 for name in REPORT_FILES[:-1])
    assert not (out / REPORT_FILES[-1]).exists()


def test_report_only_on_a_directory_without_a_manifest_is_a_one_line_error(tmp_path):
    (tmp_path / "txs.jsonl").write_text("")
    result = _sweep("--report-only", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {tmp_path} has no manifest.json; give the output directory of a sweep"
    ]
    assert not (tmp_path / "report.md").exists()


def test_report_only_beside_grid_options_is_a_one_line_error(tmp_path):
    result = _sweep("--report-only", str(tmp_path), "--proofs", "3", "--fork", "osaka")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: --report-only takes the sweep's options from its manifest.json; "
        "drop --proofs, --fork"
    ]
