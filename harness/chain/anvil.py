"""Run anvil as a child process on a free loopback port, and make sure it always stops.

The process is stopped when the harness exits normally, on an exception, on Ctrl-C or SIGTERM
(through :meth:`AnvilProcess.stop`, called by the chain's close), and — on Linux — even when
the harness itself is killed, through the parent-death signal set in the child. That signal is
SIGTERM, on which anvil exits at once after writing its state file (when it has one), so a
killed run's chain survives it for ``run --resume``.
"""

from __future__ import annotations

import atexit
import json
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from harness.chain.anvil_dump import unfit_to_load
from harness.chain.listening import listening_port
from harness.common.errors import ChainError
from harness.common.files import atomic_write_text
from harness.common.lifetime import ending_with_this_process
from harness.common.paths import tool_path

STARTUP_TIMEOUT_S = 15.0
#: How long anvil may take to stop (and write its state file) before it is killed.
STOP_TIMEOUT_S = 30.0
#: With a state file, anvil also writes it this often while it runs (seconds).
STATE_INTERVAL_S = 2


def anvil_binary() -> Path:
    """The anvil binary (``ANVIL`` env var, node_modules/.bin, or PATH)."""
    path = tool_path("anvil", "ANVIL")
    if path is None:
        raise ChainError("anvil is not installed (run 'make setup', or set ANVIL=/path/to/anvil)")
    return path


def free_port(port: int = 0) -> int:
    """``port`` on 127.0.0.1 if nothing listens on it right now (0: any such port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ChainError(f"port {port} on 127.0.0.1 is not free ({exc.strerror})") from None
        return sock.getsockname()[1]


class AnvilProcess:
    """An anvil node this harness started and owns.

    It listens on ``port`` of 127.0.0.1, or a free port when none is given. With ``state`` anvil
    loads its chain from ``state.load`` (if that file exists) and writes it to ``state.dump``
    every few seconds and when it stops.

    With ``prune_history`` anvil keeps the states of its latest few blocks only
    (``--prune-history 2``; among them the block before the latest, on which a reverted
    transaction is replayed to read its error): the blocks, receipts and traces stay, calls at
    older blocks fail. anvil 1.7 copies its whole state into that history at every block, and
    the state grows by a storage slot a block (EIP-2935's block-hash history, from prague on)
    besides what the contracts store, so a transaction costs the node more the longer its
    chain: measured, commits at block 3,000 took 21 ms each with the history and 12 to 14 ms
    without it (1.3 ms at block 100).

    With ``dev_accounts`` anvil derives and funds its ten dev accounts from its published
    mnemonic, as it does by default, for a team's tools that expect them. The harness funds
    and impersonates its own senders, and without those accounts a node starts on some 25 ms
    less CPU (a third of its start).
    """

    def __init__(
        self,
        *,
        fork: str,
        gas_limit: int,
        tx_gas_cap: bool,
        chain_id: int,
        state: StateFiles | None = None,
        port: int | None = None,
        prune_history: bool = False,
        dev_accounts: bool = False,
    ) -> None:
        self._state = state
        # Without a port asked for, anvil binds one the kernel picks (port 0) and the harness
        # reads which from the process's own socket: no window in which another process (a
        # parallel worker's anvil) could take a port picked beforehand.
        self.port = free_port(port) if port else 0
        self.url = ""
        args = [
            str(anvil_binary()),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--hardfork",
            fork,
            "--gas-limit",
            str(gas_limit),
            "--chain-id",
            str(chain_id),
            "--quiet",
            # anvil refuses a JSON-RPC request over 2 MiB unless told otherwise, and a blob
            # travels as 256 kB of hex: prague's 8- and 9-blob transactions are larger.
            "--no-request-size-limit",
        ]
        if not dev_accounts:
            args += ["--accounts", "0"]
        if tx_gas_cap:
            args.append("--enable-tx-gas-limit")
        if prune_history:
            args += ["--prune-history", "2"]
        if state is not None:
            args += ["--dump-state", str(state.dump), "--state-interval", str(STATE_INTERVAL_S)]
            if state.load.exists():
                args += ["--load-state", str(state.load)]
        # anvil's stderr goes to a file nobody has to drain: a pipe left unread would fill up
        # during a long run and block the node.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        try:
            self._proc = subprocess.Popen(
                ending_with_this_process(args), stdout=subprocess.DEVNULL, stderr=self._stderr
            )
        except OSError as exc:
            self._stderr.close()
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
                self._stderr.seek(0)
                err = self._stderr.read().decode(errors="replace")
                reason = _reason(err, self._proc.returncode)
                if self._state is not None and "--load-state" in reason:
                    reason += (
                        f"; remove {self._state.load} to go on from a new chain "
                        "(the run's transactions are then sent again)"
                    )
                raise ChainError(f"anvil exited at start: {reason}")
            if not self.port:
                self.port = listening_port(self._proc.pid) or 0
            if self.port:
                self.url = f"http://127.0.0.1:{self.port}"
                if _answers(self.url):
                    return
            time.sleep(0.02)
        self.stop()
        where = self.url or "127.0.0.1 (it opened no port)"
        raise ChainError(f"anvil did not answer on {where} within {STARTUP_TIMEOUT_S:.0f} s")

    def exit_description(self) -> str | None:
        """How anvil ended, if it has (None while it runs)."""
        code = self._proc.poll()
        if code is None:
            return None
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        return f"anvil (pid {self.pid}) {how}"

    def stop(self) -> None:
        """Stop anvil (idempotent); it writes its state file, if it has one, on the way out."""
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._stderr.close()
        atexit.unregister(self.stop)


def _reason(stderr: str, code: int) -> str:
    """The line of anvil's stderr that says what went wrong (its error line, else its last)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line.split(":", 1)[-1].strip() for line in lines if line.lower().startswith("error:")]
    return (errors or lines or [f"exit code {code}"])[-1]


@dataclass(frozen=True)
class StateFiles:
    """Where anvil reads its chain from at start (``load``) and writes it to (``dump``).

    They are two files because anvil rewrites its dump in place: a kill in mid-write leaves
    it cut short, and the copy it was started from is then still whole.
    """

    load: Path
    dump: Path

    @classmethod
    def in_directory(cls, directory: Path) -> StateFiles:
        """The state files of a run directory."""
        return cls(load=directory / "anvil-state.loaded.json", dump=directory / "anvil-state.json")

    def prepare(self) -> str | None:
        """Make the files ready for a new anvil: wait for an anvil still writing ``dump`` (one
        of an interrupted run) to exit, then make its last whole dump the one to load.

        Returns a warning when the dump cannot be loaded as it is (cut short, or torn between
        two blocks: see :mod:`harness.chain.anvil_dump`); the chain then starts from the copy
        loaded last, or anew, and ``run --resume`` sends again what it lost.
        """
        _wait_for_writers(self.dump)
        if not self.dump.exists():
            return None
        try:
            text = self.dump.read_text()
            state = json.loads(text)
        except (OSError, ValueError):
            problem: str | None = "is cut short (anvil was killed while writing it)"
        else:
            problem = unfit_to_load(state)
        if problem:
            fallback = f"the copy in {self.load}" if self.load.exists() else "a new chain"
            return f"anvil's state file {self.dump} {problem}; starting from {fallback}"
        atomic_write_text(self.load, text)
        return None


def _wait_for_writers(dump: Path) -> None:
    """Wait until no process started with ``dump`` on its command line is alive."""
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while writers := _processes_with_argument(str(dump)):
        if time.monotonic() > deadline:
            pids = " ".join(str(pid) for pid in writers)
            raise ChainError(
                f"an anvil writing {dump} still runs (pid {pids}); stop it (kill {pids}) and "
                "try again"
            )
        time.sleep(0.05)


def _processes_with_argument(argument: str) -> list[int]:
    """The live (not zombie) processes that have ``argument`` on their command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state != "Z" and argument.encode() in argv:
            found.append(int(entry.name))
    return found


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
