"""The devnet: anvil on loopback with everything deployed; a run on it uses the manifest."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from eth_account import Account
from processes import interruptible
from web3 import Web3

from harness.chain.anvil import free_port
from harness.cli import main
from harness.deploy.deployer import DeployRequest
from harness.deploy.devnet import dev_account, start_devnet
from harness.deploy.manifest import read_manifest
from harness.deploy.verifiers import parse_verifier
from harness.records.txlog import read_txlog

#: Each test ends its devnet with a signal and times how it stops: run with the `alone` ones.
pytestmark = [pytest.mark.anvil, pytest.mark.alone]

STARTUP_TIMEOUT_S = 60


class Lines:
    """A process's output lines, read in the background so a test can wait for one."""

    def __init__(self, stream) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.queue.put(line)

    def until(self, marker: str) -> list[str]:
        """The lines up to and including the first that contains ``marker``."""
        seen: list[str] = []
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not seen or marker not in seen[-1]:
            seen.append(self.queue.get(timeout=max(0.1, deadline - time.monotonic())))
        return seen

    def rest(self) -> str:
        """Everything printed after what was read, once the stream has ended."""
        self._reader.join(timeout=30)
        return "".join(self.queue.queue)


def _stop(process: subprocess.Popen, lines: Lines, signum: int) -> str:
    process.send_signal(signum)
    process.wait(timeout=30)
    return lines.rest()


#: A key whose account holds nothing until the devnet funds it.
USER_KEY = "0x" + "42" * 32


@pytest.fixture
def devnet(request, tmp_path):
    """A running ``rollup-harness devnet``: its printed lines and manifest. It deploys from the
    key given as the fixture's parameter, or from anvil's dev account 0 without one."""
    env = {k: v for k, v in os.environ.items() if k != "ROLLUP_HARNESS_PRIVATE_KEY"}
    key = getattr(request, "param", None)
    if key is not None:
        env["ROLLUP_HARNESS_PRIVATE_KEY"] = key
    manifest = tmp_path / "devnet.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "harness", "devnet", "--manifest", str(manifest)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
        preexec_fn=interruptible,
    )
    lines = Lines(process.stdout)
    try:
        printed = lines.until("devnet running")
    except queue.Empty:
        process.kill()
        pytest.fail(f"the devnet did not start: {process.stderr.read()}")
    yield process, lines, printed, manifest
    if process.poll() is None:
        process.kill()
        process.wait()


def _url(printed: list[str]) -> str:
    return next(line.split()[1] for line in printed if line.startswith("rpc-url"))


@pytest.mark.slow
@pytest.mark.parametrize("devnet", [USER_KEY], indirect=True)
def test_a_run_on_the_devnet_uses_the_manifest_and_finalises_its_batches(
    devnet, tmp_path: Path, monkeypatch
):
    process, lines, printed, manifest_path = devnet
    url = _url(printed)
    assert url.startswith("http://127.0.0.1:")
    manifest = read_manifest(manifest_path)
    assert manifest is not None and manifest.complete and manifest.chain_id == 31337
    assert manifest.deployer == manifest.sequencer == Account.from_key(USER_KEY).address
    assert any(str(manifest_path) in line for line in printed)

    monkeypatch.setenv("ROLLUP_HARNESS_PRIVATE_KEY", USER_KEY)
    out = tmp_path / "run"
    result = CliRunner().invoke(
        main,
        [
            "run",
            "--backend",
            "rpc",
            "--rpc-url",
            url,
            "--manifest",
            str(manifest_path),
            "--proofs",
            "3",
            "--strategy",
            "none",
            # That a node takes the blob transactions the harness signs is checked in
            # tests/test_blob_commits.py, on nodes whose KZG setup is loaded already; this one
            # would load its own (4 s of CPU).
            "--da",
            "calldata",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["backend"] == "rpc" and summary["batches_finalized"] == 3
    assert summary["rollup"] == manifest.contract("Rollup")[1].address
    kinds = [record.kind for record in read_txlog(out / "txs.jsonl")]
    assert kinds.count("finalize") == 3 and "deploy" not in kinds and "admin" not in kinds

    rest = _stop(process, lines, signal.SIGINT)
    assert process.returncode == 0 and "devnet stopped" in rest
    assert not Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 2})).is_connected()


@pytest.mark.slow
def test_the_devnet_prints_the_dev_account_address_never_its_key(devnet):
    process, lines, printed, _ = devnet
    account = dev_account()
    # A team's tools find anvil's ten dev accounts there (first in its list of the accounts it
    # signs for), as on an anvil of their own.
    accounts = Web3(Web3.HTTPProvider(_url(printed))).eth.accounts
    assert len(accounts) >= 10 and accounts[0] == account.address
    text = "".join(printed) + _stop(process, lines, signal.SIGTERM)
    assert process.returncode == 0 and "devnet stopped" in text
    assert f"deployer  {account.address}" in text
    assert account.key.hex().removeprefix("0x") not in text + process.stderr.read()


def test_the_devnet_refuses_an_existing_manifest(tmp_path):
    existing = tmp_path / "old.json"
    existing.write_text("{}")
    handler = signal.getsignal(signal.SIGTERM)
    result = CliRunner().invoke(main, ["devnet", "--manifest", str(existing)])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "give a new manifest path" in result.output
    assert existing.read_text() == "{}"
    assert signal.getsignal(signal.SIGTERM) is handler, "the SIGTERM handler was left installed"


def test_the_devnet_listens_on_the_port_asked_for(tmp_path, monkeypatch):
    monkeypatch.delenv("ROLLUP_HARNESS_PRIVATE_KEY", raising=False)
    port = free_port()
    request = DeployRequest(verifiers=(parse_verifier("mock"),))
    devnet = start_devnet(
        request,
        tmp_path / "devnet.json",
        fork="prague",
        key_env="ROLLUP_HARNESS_PRIVATE_KEY",
        port=port,
    )
    try:
        assert devnet.url == f"http://127.0.0.1:{port}"
        assert Web3(Web3.HTTPProvider(devnet.url)).eth.chain_id == 31337
    finally:
        devnet.stop()


def test_a_devnet_port_that_is_taken_is_one_line(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        manifest = tmp_path / "devnet.json"
        result = CliRunner().invoke(
            main, ["devnet", "--port", str(port), "--manifest", str(manifest)]
        )
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and f"port {port} on 127.0.0.1 is not free" in line
    assert not manifest.exists()
