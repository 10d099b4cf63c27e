"""The gas gate: the committed baseline passes, a costlier finalise fails it, numbers are exact."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from harness.chain.backends import open_chain
from harness.cli import main
from harness.common.errors import UsageError
from harness.common.paths import CONTRACTS_SRC
from harness.gasgate import gate
from harness.gasgate.baseline import DEFAULT_BASELINE, read_baseline
from harness.gasgate.gate import HarnessSuite, check
from harness.gasgate.scenarios import PINS, Measurement
from harness.provers.pool import ProverPool
from harness.provers.sources import ReplaySource, SyntheticSource, read_seals
from harness.toolchain import solc

FINALIZE_ENTRIES = (
    "finalize/none",
    "finalize/single",
    "finalize/two",
    "finalize/three",
    "finalize/inclusion",
)
#: Entries whose transactions never reach Rollup.finalize.
UNTOUCHED_BY_FINALIZE = ("verify/bare", "verify/routed", "commit/batch", "submit_root/set")

pytestmark = [pytest.mark.anvil, pytest.mark.slow, pytest.mark.usefixtures("reused_anvils")]


def _gas(*args: str) -> Result:
    return CliRunner().invoke(main, ["gas", *args])


def _row(output: str, entry: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(entry + " "))


@pytest.fixture(scope="module")
def copied_baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the committed baseline and its receipts, free to edit."""
    folder = tmp_path_factory.mktemp("baseline")
    baseline = read_baseline(DEFAULT_BASELINE)
    shutil.copytree(baseline.receipts_dir(DEFAULT_BASELINE), folder / baseline.receipts)
    shutil.copy(DEFAULT_BASELINE, folder / DEFAULT_BASELINE.name)
    return folder / DEFAULT_BASELINE.name


@pytest.fixture
def measured_once() -> Iterator[None]:
    """The gate measures the pinned scenarios once for the tests that compare that one
    measurement with baselines (comparing and reporting are what they check): a later
    measurement of the same seals, on the same backend, in the same test process, is the first
    one's. ``gas update``, the module's first test, measures with seals it proves afresh and
    writes them; a check replaying those very seals gets its measurement. That the committed
    baseline was measured by another process, and that this one measures it again, is what
    the update test checks byte for byte."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gate, "_measure", _measure_once)
        yield


MEASURED: dict[tuple[str, str, tuple[tuple[bytes, bytes], ...]], Measurement] = {}
REAL_MEASURE = gate._measure


def _measure_once(suite, backend: str, source, receipts_out: Path) -> Measurement:
    """The measurement of ``source``'s seals (a replay's) made before, else a new one, kept
    under the seals it wrote to ``receipts_out``."""

    def key(seals: dict[bytes, bytes]) -> tuple[str, str, tuple[tuple[bytes, bytes], ...]]:
        return json.dumps(suite.pins(), sort_keys=True), backend, tuple(sorted(seals.items()))

    if isinstance(source, ReplaySource) and key(source.seals) in MEASURED:
        return MEASURED[key(source.seals)]
    measurement = REAL_MEASURE(suite, backend, source, receipts_out)
    MEASURED[key(read_seals(receipts_out))] = measurement
    return measurement


def _edited(original: Path, folder: Path, entry: str, delta: int) -> Path:
    """A baseline next to ``original``'s receipts with ``entry`` moved by ``delta`` gas."""
    data = json.loads(original.read_text())
    data["entries"][entry]["gas"] += delta
    data["receipts"] = os.path.relpath(original.parent / data["receipts"], folder)
    edited = folder / "edited-baseline.json"
    edited.write_text(json.dumps(data))
    return edited


@pytest.mark.usefixtures("measured_once")
def test_gas_update_writes_the_committed_baseline_and_receipts_byte_for_byte(tmp_path):
    """A measurement on a chain of its own writes, byte for byte, the baseline and receipts
    that an earlier one wrote and the project committed: the gate is deterministic, so a check
    against a recorded baseline compares like with like (the check itself is the committed
    baseline's test below)."""
    written = tmp_path / "gas-baseline.json"
    assert _gas("update", "--baseline", str(written)).exit_code == 0
    assert written.read_bytes() == DEFAULT_BASELINE.read_bytes()
    committed = read_baseline(DEFAULT_BASELINE).receipts_dir(DEFAULT_BASELINE)
    receipts = sorted((tmp_path / "gas-receipts").iterdir())
    assert [p.name for p in receipts] == sorted(p.name for p in committed.iterdir())
    for path in receipts:
        assert path.read_bytes() == (committed / path.name).read_bytes(), path.name


@pytest.mark.usefixtures("measured_once")
def test_gas_check_passes_on_the_committed_baseline():
    result = _gas("check")
    assert result.exit_code == 0, result.output
    for entry in read_baseline(DEFAULT_BASELINE).gas():
        assert "unchanged" in _row(result.output, entry)
    assert "passed (tolerance 0.00 % of each baseline entry)" in result.output


@pytest.mark.ethtester
def test_the_local_backends_measure_identical_gas_on_prague(tmp_path):
    """Every kind of pinned transaction costs the same gas on anvil and on py-evm: the deploys,
    bare and routed verification, calldata and blob commits, range finalisation without and
    with aggregation, set inclusion. py-evm checks each seal with real pairings, so the pins
    are cut to one batch and one of each kind; it has no osaka, so both run prague. Commits
    that open their blobs are compared in tests/test_blob_commits.py (a node loads its KZG
    setup, seconds of CPU, at its first opening)."""
    pins = replace(PINS, fork="prague", batches=1, strategies=("none", "two"), blob_modes=("blob",))
    gas = {}
    for backend in ("anvil", "eth-tester"):
        with open_chain(backend, fork="prague", block_gas_limit=pins.block_gas_limit) as chain:
            assert (chain.info.backend, chain.info.fork) == (backend, "prague")
            gas[backend] = (
                HarnessSuite(pins)
                .measure(
                    chain,
                    ProverPool(SyntheticSource()),
                    workdir=tmp_path / backend,
                    receipts_dir=tmp_path / backend / "receipts",
                )
                .gas()
            )
    assert gas["anvil"] == gas["eth-tester"]
    kinds = {"verify/bare", "verify/routed", "commit/batch", "commit/blob", "finalize/none"}
    assert kinds | {"finalize/two", "finalize/inclusion", "submit_root/set"} <= gas["anvil"].keys()


def test_the_gate_runs_osaka_and_refuses_it_on_eth_tester(copied_baseline):
    with pytest.raises(UsageError, match="backend eth-tester cannot run fork 'osaka'"):
        check(copied_baseline, backend="eth-tester")


@pytest.fixture(scope="module")
def costlier_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the contracts whose Rollup.finalize stores one more word."""
    sources = tmp_path_factory.mktemp("contracts") / "src"
    shutil.copytree(CONTRACTS_SRC, sources)
    rollup = sources / "Rollup.sol"
    text = rollup.read_text()
    declaration = "    uint256 public lastFinalized;\n"
    store = "        lastFinalized = last;\n"
    assert text.count(declaration) == 1 and text.count(store) == 1, "Rollup.sol changed shape"
    text = text.replace(declaration, declaration + "    uint256 public lastFinalizedBlock;\n")
    text = text.replace(store, store + "        lastFinalizedBlock = block.number;\n")
    rollup.write_text(text)
    return sources


def test_rollup_harness_contracts_points_the_harness_at_another_copy(costlier_sources):
    env = dict(os.environ, ROLLUP_HARNESS_CONTRACTS=str(costlier_sources))
    source = "from harness.toolchain.solc import CONTRACTS_SRC; print(CONTRACTS_SRC)"
    printed = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, timeout=60, env=env
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == str(costlier_sources)


@pytest.fixture(scope="module")
def costlier_check(costlier_sources: Path) -> Result:
    """``gas check`` of the harness compiling that copy, as it does with
    ``ROLLUP_HARNESS_CONTRACTS`` pointing at it (the test above). The edited sources compile
    into the project's cache under a key of their own (the compiler, the settings and the
    sources); the suite's vectors hold that entry too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solc, "CONTRACTS_SRC", costlier_sources)
        return _gas("check")


def test_an_sstore_in_finalize_fails_the_check_naming_the_entries_that_rose(costlier_check):
    result = costlier_check
    assert result.exit_code == 1, result.output
    error = result.stderr.strip()
    assert error.startswith("error: ") and "\n" not in error
    for entry in FINALIZE_ENTRIES:
        assert entry in error
        assert "regression" in _row(result.stdout, entry)
    for entry in UNTOUCHED_BY_FINALIZE:
        assert entry not in error
        assert "unchanged" in _row(result.stdout, entry)


@pytest.mark.usefixtures("measured_once")
def test_a_tolerance_above_a_rise_passes_it_and_one_below_fails_it(copied_baseline, tmp_path):
    edited = _edited(copied_baseline, tmp_path, "verify/routed", -100)
    rise = 100 * 100 / read_baseline(edited).gas()["verify/routed"]
    above, below = f"{rise + 0.01:.2f}", f"{rise - 0.01:.2f}"
    assert float(below) > 0
    passed = _gas("check", "--baseline", str(edited), "--tolerance", above)
    assert passed.exit_code == 0, passed.output
    assert f"passed (tolerance {above} % of each baseline entry)" in passed.output
    assert "within tolerance" in _row(passed.output, "verify/routed")
    failed = _gas("check", "--baseline", str(edited), "--tolerance", below)
    assert failed.exit_code == 1, failed.output
    assert "regression" in _row(failed.output, "verify/routed")


@pytest.mark.usefixtures("measured_once")
def test_an_entry_that_fell_is_reported_as_an_improvement_and_passes(copied_baseline, tmp_path):
    edited = _edited(copied_baseline, tmp_path, "commit/batch", +1_000)
    result = _gas("check", "--baseline", str(edited))
    assert result.exit_code == 0, result.output
    assert "-1,000" in _row(result.output, "commit/batch")
    assert "improvement" in _row(result.output, "commit/batch")
    assert "improved: commit/batch (-1,000 gas)" in result.output


@pytest.mark.usefixtures("measured_once")
def test_a_rise_writes_the_markdown_table_and_exits_1(copied_baseline, tmp_path):
    edited = _edited(copied_baseline, tmp_path, "verify/routed", -100)
    summary = tmp_path / "summary.md"
    result = _gas("check", "--baseline", str(edited), "--markdown", str(summary))
    assert result.exit_code == 1
    markdown = summary.read_text()
    assert markdown.startswith("### Gas check: failed (tolerance 0.00 % of each baseline entry)")
    row = next(line for line in markdown.splitlines() if "`verify/routed`" in line)
    assert "| +100 |" in row and "**regression**" in row
    assert "| baseline (gas) | now (gas) | delta (gas) | change | status |" in markdown


@pytest.mark.usefixtures("measured_once")
def test_gas_check_json_gives_each_entry_and_the_verdict(copied_baseline, tmp_path):
    edited = _edited(copied_baseline, tmp_path, "verify/routed", -100)
    result = _gas("check", "--baseline", str(edited), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["passed"] is False and report["tolerance_percent"] == 0
    assert report["baseline"] == str(edited) and report["measured_on"]["fork"] == "osaka"
    entries = {entry["entry"]: entry for entry in report["entries"]}
    assert list(entries) == list(read_baseline(edited).gas())
    routed = entries["verify/routed"]
    assert routed["status"] == "regression" and routed["delta"] == 100
    assert routed["now"] == routed["baseline"] + 100
    assert routed["percent"] == pytest.approx(100 * 100 / routed["baseline"])
    assert all(e["status"] == "unchanged" for name, e in entries.items() if name != "verify/routed")
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "verify/routed" in line


@pytest.mark.usefixtures("measured_once")
def test_a_baseline_that_lacks_an_entry_fails_the_check(copied_baseline, tmp_path):
    data = json.loads(copied_baseline.read_text())
    del data["entries"]["deploy/Rollup"]
    data["receipts"] = os.path.relpath(copied_baseline.parent / data["receipts"], tmp_path)
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data))
    result = _gas("check", "--baseline", str(stale))
    assert result.exit_code == 1
    assert "deploy/Rollup (new)" in result.output and "gas update" in result.output


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{", "is not a gas baseline"),
        ('{"format": "rollup-harness/gas-baseline@1"}', "is not a gas baseline"),
    ],
)
def test_a_corrupt_baseline_is_a_one_line_error(tmp_path, content, needle):
    path = tmp_path / "gas-baseline.json"
    path.write_text(content)
    result = _gas("check", "--baseline", str(path))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and needle in result.output


def test_receipts_that_miss_a_claim_ask_for_gas_update(copied_baseline, tmp_path):
    """The batch receipts gone: the first rollup claim the measurement asks for, a batch's, is
    missing, so it stops early (a missing claim of the blob scenarios, the last ones, would
    first cost a whole measurement)."""
    receipts = tmp_path / "gas-receipts"
    shutil.copytree(copied_baseline.parent / "gas-receipts", receipts)
    for path in receipts.iterdir():
        if json.loads(path.read_text())["kind"] == "batch":
            path.unlink()
    assert any(receipts.iterdir())
    shutil.copy(copied_baseline, tmp_path / "gas-baseline.json")
    result = _gas("check", "--baseline", str(tmp_path / "gas-baseline.json"))
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert "has no receipt for the batch claim" in result.output
    assert "run 'rollup-harness gas update'" in result.output
