"""``run --resume DIR`` finishes an interrupted run: the harness or anvil killed mid-run, a crash
between a receipt and its record, a torn last line, a chain that lost blocks. The result is the
run an uninterrupted one gives: the right state root, and every mined transaction recorded
exactly once (the same ``txs.jsonl``, line for line)."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from command_line import assert_one_line_error, invoke
from processes import descendants, wait_until_gone

from harness.chain.anvil import StateFiles
from harness.chain.backends import LOCAL_ACCOUNTS, open_chain
from harness.chain.transport import RPC_RETRIES_ENV, RPC_TIMEOUT_ENV, RpcPolicy
from harness.records import txlog
from harness.records.txlog import TxLog, read_txlog

#: These tests kill a harness or its node mid-run and time what follows: ``make pytest`` runs
#: them after the parallel tests, two at a time, beside no other tests.
pytestmark = [pytest.mark.anvil, pytest.mark.alone]

ROOT = Path(__file__).resolve().parents[1]
RUN = (
    *("run", "--backend", "anvil", "--proofs", "40", "--strategy", "none", "--txs-per-batch", "5"),
    *("--da", "calldata"),
)
#: A run committing its batches in blobs (the node answers within the default timeouts: it
#: checks each blob's cell proofs, and loads its KZG setup at the first).
BLOB_RUN = (
    *("run", "--backend", "anvil", "--proofs", "12", "--strategy", "none", "--txs-per-batch", "5"),
    *("--da", "blob"),
)
FAST = {RPC_TIMEOUT_ENV: "1", RPC_RETRIES_ENV: "2"}


def _start(out: Path, run: tuple[str, ...] = RUN) -> subprocess.Popen[str]:
    """The run, in a process group of its own (whose id is its pid)."""
    return subprocess.Popen(
        [sys.executable, "-m", "harness", *run, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, **FAST) if run is RUN else None,
        start_new_session=True,
    )


def _resume(out: Path, fast: bool = True) -> Result:
    """``run --resume OUT`` in this process (what it resumes is on disk and on its chain)."""
    return invoke("run", "--resume", str(out), env=FAST if fast else None)


def _lines(out: Path, kind: str) -> int:
    try:
        text = (out / "txs.jsonl").read_text()
    except FileNotFoundError:
        return 0
    return text.count(f'"kind": "{kind}"')


def _wait_for(process: subprocess.Popen[str], out: Path, kind: str, count: int) -> None:
    deadline = time.monotonic() + 120
    while _lines(out, kind) < count:
        assert process.poll() is None, f"the run ended before {count} {kind} lines"
        assert time.monotonic() < deadline
        time.sleep(0.005)


def _assert_same_records(out: Path, reference: Path) -> None:
    """``out`` recorded the same transactions as ``reference``, line by line. A transaction
    mined after the last record is recovered from the chain without its call frames (the stack
    that names them is not rebuilt on recovery), so frames are left out of the comparison."""
    ours = [replace(r, frames=None) for r in read_txlog(out / "txs.jsonl")]
    assert ours == [replace(r, frames=None) for r in read_txlog(reference / "txs.jsonl")]


def _assert_finished_like(out: Path, reference: Path) -> None:
    """The resumed run settled to the model's root and recorded what an uninterrupted one
    records, each transaction once, every one on chain (as many as the sender's nonce)."""
    summary = json.loads((out / "summary.json").read_text())
    assert summary["onchain_state_root"] == summary["reference_state_root"]
    _assert_same_records(out, reference)
    records = list(read_txlog(out / "txs.jsonl"))
    assert len({r.tx_hash for r in records}) == len(records)
    state = StateFiles(load=out / "anvil-state.json", dump=out / "inspected-state.json")
    with open_chain("anvil", anvil_state=state) as chain:
        assert chain.w3.eth.get_transaction_count(LOCAL_ACCOUNTS[0]) == len(records)
        assert all(chain.w3.eth.get_transaction_receipt(r.tx_hash)["status"] for r in records)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """An uninterrupted run of the same scenario."""
    out = tmp_path_factory.mktemp("reference") / "out"
    result = invoke(*RUN, "--out", str(out), env=FAST)
    assert result.exit_code == 0, result.output
    return out


def _pids_with_argument(argument: str) -> list[int]:
    """The processes with ``argument`` on their command line (the run's anvil: its state file)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0") if entry.name.isdigit() else []
        except OSError:
            continue
        if argument.encode() in argv:
            pids.append(int(entry.name))
    return pids


# -- killed from outside -----------------------------------------------------------------------
def _assert_nothing_lost(out: Path, stderr: str) -> None:
    """anvil wrote its state as the killed harness's process ended, so the resumed chain lacks
    no recorded transaction; unless the state file was torn between two blocks (anvil was
    mining as it wrote it), and the run was sent again on a new chain."""
    if "is torn between two blocks" in stderr:
        assert "starting from a new chain" in stderr
        return
    assert not (out / "txs.rolled-back.jsonl").exists(), "anvil lost blocks: no dump on SIGTERM"


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "count"), [("commit", 10), ("finalize", 5)])
def test_a_killed_harness_is_finished_by_resume(tmp_path, reference, kind, count):
    out = tmp_path / "out"
    process = _start(out)
    _wait_for(process, out, kind, count)
    started = descendants(process.pid)
    (anvil,) = _pids_with_argument(str(out / "anvil-state.json"))
    process.kill()
    process.wait(timeout=30)
    assert not (out / "summary.json").exists()
    assert anvil in started
    if kind == "finalize" and (os.cpu_count() or 1) > 1:
        assert len(started) > 1, "no prover worker ran: the test does not test them"
    # Nothing of the run remains: no process of its group, nor any it had started.
    wait_until_gone(lambda pid, entry: pid in started or entry.group == process.pid)

    resumed = _resume(out)
    assert resumed.exit_code == 0, resumed.stderr
    assert "state root" in resumed.stdout
    _assert_nothing_lost(out, resumed.stderr)
    _assert_finished_like(out, reference)


@pytest.fixture(scope="module")
def blob_reference(tmp_path_factory) -> Path:
    """An uninterrupted run of the blob scenario."""
    out = tmp_path_factory.mktemp("blob-reference") / "out"
    result = invoke(*BLOB_RUN, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
def test_a_killed_blob_run_is_finished_by_resume_sending_no_blob_transaction_twice(
    tmp_path, blob_reference
):
    out = tmp_path / "out"
    process = _start(out, BLOB_RUN)
    _wait_for(process, out, "commit", 5)
    started = descendants(process.pid)
    process.kill()
    process.wait(timeout=30)
    wait_until_gone(lambda pid, entry: pid in started or entry.group == process.pid)

    resumed = _resume(out, fast=False)
    assert resumed.exit_code == 0, resumed.stderr
    _assert_finished_like(out, blob_reference)
    commits = [r for r in read_txlog(out / "txs.jsonl") if r.kind == "commit"]
    assert len(commits) == 12 and all(r.blob_count == 1 for r in commits)
    assert all(r.label.startswith("commitBlobBatch(") for r in commits)


@pytest.mark.slow
def test_a_killed_anvil_stops_the_run_with_one_line_and_resume_finishes_it(tmp_path, reference):
    out = tmp_path / "out"
    process = _start(out)
    _wait_for(process, out, "commit", 10)
    (anvil_pid,) = _pids_with_argument(str(out / "anvil-state.json"))
    os.kill(anvil_pid, signal.SIGTERM)
    killed = time.monotonic()
    _, err = process.communicate(timeout=60)
    bound = RpcPolicy(float(FAST[RPC_TIMEOUT_ENV]), int(FAST[RPC_RETRIES_ENV])).worst_case_seconds
    assert time.monotonic() - killed < bound + 10, "the run did not stop within its retry bound"
    lines = [line for line in err.splitlines() if line.strip()]
    assert process.returncode == 1 and len(lines) == 1, err
    assert "stopped answering" in lines[0] and f"--resume {out}" in lines[0]

    resumed = _resume(out)
    assert resumed.exit_code == 0, resumed.stderr
    # anvil goes on answering sends while it writes its state on SIGTERM: the last few
    # records may be of blocks its file lacks; they are rolled back and sent again.
    _assert_finished_like(out, reference)


@pytest.mark.slow
def test_a_run_whose_state_file_is_torn_is_sent_again_on_a_new_chain(tmp_path, reference):
    """A state file anvil wrote while mining holds a transaction its blocks lack: it is not
    loaded, and the resumed run sends everything again on a new chain, to the same records."""
    out = tmp_path / "out"
    process = _start(out)
    _wait_for(process, out, "commit", 10)
    started = descendants(process.pid)
    process.kill()
    process.wait(timeout=30)
    wait_until_gone(lambda pid, entry: pid in started or entry.group == process.pid)
    dump = out / "anvil-state.json"
    state = json.loads(dump.read_text())
    sender = state["accounts"][LOCAL_ACCOUNTS[0].lower()]
    sender["nonce"] = str(int(sender["nonce"]) + 1)
    dump.write_text(json.dumps(state))

    resumed = _resume(out)
    assert resumed.exit_code == 0, resumed.stderr
    assert "is torn between two blocks" in resumed.stderr
    assert "starting from a new chain" in resumed.stderr
    assert list(read_txlog(out / "txs.rolled-back.jsonl"))
    _assert_finished_like(out, reference)


# -- crashes between a receipt and its record, in process --------------------------------------
SMALL = (
    "run",
    "--backend",
    "anvil",
    "--proofs",
    "4",
    "--strategy",
    "two",
    "--compare",
    "none",
    "--prover",
    "mock",
    "--txs-per-batch",
    "5",
)


class Crash(Exception):
    """The harness dying right after a transaction was mined, before it was recorded."""


def _crash_after(
    monkeypatch: pytest.MonkeyPatch, records: int, *args: str, sync_at: int | None = None
) -> None:
    """Run ``args``, crashing when the log is about to write record ``records + 1`` (and
    syncing it to disk right after record ``sync_at``)."""
    written = itertools.count(1)
    real_write = TxLog.write

    def write(self: TxLog, record):
        number = next(written)
        if number > records:
            raise Crash
        real_write(self, record)
        if number == sync_at:
            self.sync()
        return record

    with monkeypatch.context() as patch:
        patch.setattr(TxLog, "write", write)
        result = invoke(*args)
    assert isinstance(result.exception, Crash), result.output


@pytest.fixture(scope="module")
def small_reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small") / "out"
    result = invoke(*SMALL, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_a_crash_before_a_record_and_a_torn_line_are_reconciled(
    tmp_path, monkeypatch, small_reference
):
    out = tmp_path / "out"
    _crash_after(monkeypatch, 9, *SMALL, "--out", str(out))
    with (out / "txs.jsonl").open("a") as log:
        log.write('{"kind": "commit", "label": "commitB')

    result = invoke("run", "--resume", str(out))
    assert result.exit_code == 0, result.output
    assert "dropped the last line" in result.stderr
    assert "recorded 1 transaction(s) mined after the last record" in result.stderr
    _assert_same_records(out, small_reference)
    summary = json.loads((out / "summary.json").read_text())
    reference = json.loads((small_reference / "summary.json").read_text())
    # A recovered finalise has no frames, so only the gas sums are compared.
    for ours, theirs in ((summary, reference), (summary["compared"], reference["compared"])):
        ours["gas"].pop("finalize_breakdown", None)
        theirs["gas"].pop("finalize_breakdown", None)
        assert ours["gas"] == theirs["gas"]


def test_records_a_power_loss_drops_are_recovered_from_the_chain(
    tmp_path, monkeypatch, small_reference
):
    """A power loss drops what was written to txs.jsonl since its last sync to disk: a tail of
    records. Here the log is synced after record 6 only, the run dies before record 10, and the
    file is cut back to its synced length, as the disk would hold it; the chain (anvil's state)
    still has every transaction, and resume records the lost ones again from it."""
    synced: list[int] = []
    real_sync = TxLog.sync

    def sync(self: TxLog) -> None:
        real_sync(self)
        synced.append(self.path.stat().st_size)

    monkeypatch.setattr(txlog, "SYNC_INTERVAL_S", 3600.0)  # no sync but those of the test
    monkeypatch.setattr(TxLog, "sync", sync)
    out = tmp_path / "out"
    _crash_after(monkeypatch, 9, *SMALL, "--out", str(out), sync_at=6)
    os.truncate(out / "txs.jsonl", synced[0])
    assert len(list(read_txlog(out / "txs.jsonl"))) == 6

    result = invoke("run", "--resume", str(out))
    assert result.exit_code == 0, result.output
    assert "recorded 4 transaction(s) mined after the last record" in result.stderr
    _assert_same_records(out, small_reference)


def test_records_of_blocks_the_chain_lost_are_set_aside_and_sent_again(
    tmp_path, monkeypatch, small_reference
):
    out = tmp_path / "out"
    _crash_after(monkeypatch, 8, *SMALL, "--out", str(out))
    shutil.copy(out / "anvil-state.json", tmp_path / "older-state.json")
    _crash_after(monkeypatch, 6, "run", "--resume", str(out))
    shutil.copy(tmp_path / "older-state.json", out / "anvil-state.json")

    result = invoke("run", "--resume", str(out))
    assert result.exit_code == 0, result.output
    assert "the chain no longer has the last 6 recorded transactions" in result.stderr
    assert len(list(read_txlog(out / "txs.rolled-back.jsonl"))) == 6
    _assert_same_records(out, small_reference)


def test_a_set_root_submitted_just_before_a_crash_is_not_submitted_again(tmp_path, monkeypatch):
    set_mode = (*SMALL, "--onchain", "set")
    reference = tmp_path / "reference"
    assert invoke(*set_mode, "--out", str(reference)).exit_code == 0
    records = list(read_txlog(reference / "txs.jsonl"))
    submitted = next(i for i, r in enumerate(records) if r.kind == "submit_root")
    out = tmp_path / "out"
    _crash_after(monkeypatch, submitted, *set_mode, "--out", str(out))

    result = invoke("run", "--resume", str(out))
    assert result.exit_code == 0, result.output
    assert "(submitMerkleRoot)" in result.stderr
    _assert_same_records(out, reference)


def test_a_crash_in_the_compared_scenario_keeps_the_finished_one(
    tmp_path, monkeypatch, small_reference
):
    out = tmp_path / "out"
    main_records = sum(1 for r in read_txlog(small_reference / "txs.jsonl") if r.scenario == "main")
    _crash_after(monkeypatch, main_records + 8, *SMALL, "--out", str(out))
    run = json.loads((out / "run.json").read_text())
    assert [s["summary"] is not None for s in run["scenarios"]] == [True, False]

    result = invoke("run", "--resume", str(out), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["compared"]["onchain_state_root"] == summary["compared"]["reference_state_root"]
    _assert_same_records(out, small_reference)


# -- what cannot be resumed --------------------------------------------------------------------
def test_resuming_a_finished_run_says_so_and_sends_nothing(small_reference):
    before = {p.name: p.read_bytes() for p in small_reference.iterdir() if p.is_file()}
    result = invoke("run", "--resume", str(small_reference))
    assert result.exit_code == 0
    assert "finished already" in result.stdout
    as_json = invoke("run", "--resume", str(small_reference), "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == json.loads((small_reference / "summary.json").read_text())
    after = {p.name: p.read_bytes() for p in small_reference.iterdir() if p.is_file()}
    assert after == before


def test_resuming_a_directory_without_a_run_file_is_one_line_error(tmp_path):
    assert_one_line_error(invoke("run", "--resume", str(tmp_path)), "holds no run.json")


def test_resume_takes_no_other_run_options(tmp_path):
    assert_one_line_error(
        invoke("run", "--resume", str(tmp_path), "--proofs", "3"), "drop --proofs"
    )


def test_an_eth_tester_run_cannot_be_resumed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _crash_after(
        monkeypatch,
        3,
        "run",
        "--backend",
        "eth-tester",
        "--proofs",
        "1",
        "--prover",
        "mock",
        "--txs-per-batch",
        "2",
        "--out",
        str(out),
    )
    assert_one_line_error(invoke("run", "--resume", str(out)), "ran on eth-tester")


def test_a_run_without_proofs_is_one_line_error():
    assert_one_line_error(invoke("run", "--backend", "anvil"), "--proofs is required")
