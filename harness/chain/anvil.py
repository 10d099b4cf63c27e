"""Run anvil as a child process on a free loopback port, and make sure it always stops.

The process is killed when the harness exits normally, on an exception, on Ctrl-C or SIGTERM
(through :meth:`AnvilProcess.stop`, called by the chain's close), and — on Linux — even when
the harness itself is killed, through the parent-death signal set in the child.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from harness.errors import ChainError
from harness.paths import tool_path

PR_SET_PDEATHSIG = 1
STARTUP_TIMEOUT_S = 15.0


def anvil_binary() -> Path:
    """The anvil binary (``ANVIL`` env var, node_modules/.bin, or PATH)."""
    path = tool_path("anvil", "ANVIL")
    if path is None:
        raise ChainError("anvil is not installed (run 'make setup', or set ANVIL=/path/to/anvil)")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class AnvilProcess:
    """An anvil node this harness started and owns."""

    def __init__(self, *, fork: str, gas_limit: int, tx_gas_cap: bool, chain_id: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [
            str(anvil_binary()),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--hardfork", fork,
            "--gas-limit", str(gas_limit),
            "--chain-id", str(chain_id),
            "--quiet",
        ]  # fmt: skip
        if tx_gas_cap:
            args.append("--enable-tx-gas-limit")
        try:
            self._proc = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_die_with_parent,
            )
        except OSError as exc:
            raise ChainError(f"cannot start anvil: {exc}") from exc
        atexit.register(self.stop)
        self._wait_until_ready()

    @property
    def pid(self) -> int:
        """The anvil process id."""
        return self._proc.pid

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                err = (self._proc.stderr.read() if self._proc.stderr else b"").decode().strip()
                last = err.splitlines()[-1] if err else f"exit code {self._proc.returncode}"
                raise ChainError(f"anvil exited at start: {last}")
            if _answers(self.url):
                return
            time.sleep(0.02)
        self.stop()
        raise ChainError(f"anvil did not answer on {self.url} within {STARTUP_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        """Stop anvil (idempotent)."""
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._proc.stderr:
            self._proc.stderr.close()
        atexit.unregister(self.stop)


def _answers(url: str) -> bool:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
