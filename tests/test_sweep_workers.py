"""`sweep --workers N`: the grid's units in parallel processes, each on its own anvil, with the
same records and reports as one worker, for the harness's own rollup and for a team's (the
example's config); the workers end with the sweep, however it ends."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from processes import command_line, descendants, is_alive
from sweep_outputs import assert_recorded_once, assert_same_sweep, gas_by_scenario, records

from harness.cli import main
from harness.common.paths import ROOT
from harness.l2.roots import chain_of_roots
from harness.l2.workload import batches, genesis

pytestmark = [pytest.mark.anvil, pytest.mark.slow]

#: Two batch sizes in two modes: four units, the set-depth probes and a fork's shared records.
GRID = (
    "--proofs",
    "3,6",
    "--strategies",
    "none,two",
    "--onchain",
    "range,set",
    "--extra-batch-sizes",
    "50",
)
#: A team's rollup: the example's config, whose adapter drives Proposals.sol.
EXAMPLE_CONFIG = ROOT / "examples" / "proposals" / "rollup-harness.toml"
FINAL_LINE = re.compile(
    r"swept (\d+) scenarios: ([\d,]+) transactions mined in [\d.,]+ s, [\d.,]+ tx/s "
    r"\((\d+) worker\(s\); ([\d,]+) recorded\)"
)


def _sweep(out: Path, *args: str):
    return CliRunner().invoke(main, ["sweep", *GRID, *args, "--out", str(out)])


@pytest.fixture(scope="module", params=[None, EXAMPLE_CONFIG], ids=["Rollup.sol", "Proposals"])
def sweeps(request, tmp_path_factory) -> dict[int, tuple[Path, str]]:
    # Rollup.sol also sweeps both data-availability modes; Proposals.sol commits calldata only.
    config = (
        ("--da", "calldata,blob") if request.param is None else ("--config", str(request.param))
    )
    runs = {}
    for workers in (1, 2):
        out = tmp_path_factory.mktemp(f"workers{workers}") / "out"
        result = _sweep(out, "--workers", str(workers), *config)
        assert result.exit_code == 0, result.output
        runs[workers] = (out, result.stderr)
    return runs


def test_two_workers_record_what_one_records_and_report_the_same(sweeps):
    one, two = sweeps[1][0], sweeps[2][0]
    gas = gas_by_scenario(one)
    modes = len(json.loads((one / "manifest.json").read_text())["plan"]["da"])
    assert len([name for name in gas if "/n" in name]) == 2 * 2 * 2 * 2 * modes
    assert_same_sweep(one, two)


def test_every_transaction_is_recorded_once(sweeps):
    assert_recorded_once(sweeps[2][0])


def test_every_scenario_is_reported_and_settled_at_the_reference_root(sweeps):
    out = sweeps[2][0]
    manifest = json.loads((out / "manifest.json").read_text())
    summary = json.loads((out / "summary.json").read_text())
    report = (out / "report.md").read_text()
    scenarios = manifest["scenarios"]
    assert len(scenarios) == 16 * len(manifest["plan"]["da"])
    assert [s["name"] for s in summary["scenarios"]] == [s["name"] for s in scenarios]
    for scenario in scenarios:
        n, size = scenario["proofs"], scenario["txs_per_batch"]
        roots = chain_of_roots(genesis(0), batches(n, size, 0))
        assert scenario["onchain_state_root"] == "0x" + roots[n].state_root.hex(), scenario["name"]
    rollup = manifest["rollup"]
    assert f"- **Rollup**: {rollup['name']} (contract `{rollup['contract']}`" in report
    finalised = {r["label"].split("(")[0] for r in records(out) if r["kind"] == "finalize"}
    if rollup["config"] is None:
        assert rollup["name"] == "Rollup.sol" and finalised == {"finalize"}
    else:
        assert rollup["config"] == str(EXAMPLE_CONFIG)
        assert rollup["name"] == "Proposals.sol" and finalised == {"prove", "proveAggregated"}


def test_the_last_progress_line_states_transactions_per_second(sweeps):
    for workers, (out, stderr) in sweeps.items():
        match = FINAL_LINE.search(stderr.splitlines()[-1])
        assert match, stderr
        recorded = len((out / "txs.jsonl").read_text().splitlines())
        modes = len(json.loads((out / "manifest.json").read_text())["plan"]["da"])
        assert int(match[1]) == 16 * modes
        assert int(match[3]) == workers
        assert int(match[4].replace(",", "")) == recorded
        # Units of one fork all deploy and probe; only one of them records it.
        assert int(match[2].replace(",", "")) > recorded


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--workers", "0"), "error: --workers must be at least 1, got 0"),
        (
            ("--workers", "2", "--rpc-url", "http://127.0.0.1:9"),
            "error: a sweep on the rpc backend runs on its one node: give --workers 1",
        ),
        (
            ("--workers", "2", "--scheduler", "tcp://127.0.0.1:9"),
            "error: --workers is for a local sweep; a --scheduler sweep uses the cluster's",
        ),
    ],
)
def test_bad_worker_options_are_one_line_errors(tmp_path, args, message):
    result = CliRunner().invoke(main, ["sweep", *GRID, *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [message]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_and_their_anvils_end_with_a_killed_sweep(tmp_path, sig):
    # Batch data in calldata: the sweep starts its workers without loading the KZG setup first.
    sweep = subprocess.Popen(
        [sys.executable, "-m", "harness", "sweep", *GRID, "--da", "calldata", "--workers", "2"]
        + ["--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            below = descendants(sweep.pid)
            anvils = [pid for pid in below if "anvil" in command_line(pid)]
            if len(anvils) >= 2:
                break
            assert sweep.poll() is None and time.monotonic() < deadline, "no two anvils ran"
            time.sleep(0.1)
        os.kill(sweep.pid, sig)
        sweep.wait(timeout=30)
        deadline = time.monotonic() + 30
        while (left := [pid for pid in below if is_alive(pid)]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not left, [command_line(pid) for pid in left]
    finally:
        if sweep.poll() is None:
            sweep.kill()
            sweep.wait()
