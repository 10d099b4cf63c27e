"""Anvil nodes a test process keeps and hands out again, reset to their genesis.

A node the harness starts costs a process start (some 0.1 s), and an anvil that opens a blob by
KZG (the point-evaluation precompile) loads its trusted setup first: some 4.4 s of CPU, once per
anvil process. :class:`ReusedAnvils` stands in for :class:`~harness.chain.anvil.AnvilProcess`
where ``harness.chain.backends`` starts its chains' nodes: a node asked for with the options of
one that is idle is that node, its pending transactions dropped and its chain reset by
``anvil_reset`` (block 0, the genesis accounts and nonces, the same chain id, gas limit, fork and
per-transaction gas cap), with its setup loaded. It keeps its blob fee state (the excess blob
gas, which prices blob gas and changes no gas used) and the accounts it impersonates; the
harness funds and impersonates its senders again, as on a node of its own.

Only modules whose tests neither reconfigure a node (mining, snapshots) nor watch its process
(its pid, its end) take part: they ask for it with the ``reused_anvils`` fixture.
"""

from __future__ import annotations

import http.client
from collections import defaultdict
from typing import Any

from node_requests import rpc

from harness.chain.anvil import AnvilProcess


def _reset(url: str) -> bool:
    """Whether the node at ``url`` dropped its pending transactions and reset its chain (one
    that does not answer, or answers with an error, is given up on: a new one is started)."""
    try:
        rpc(url, "anvil_dropAllTransactions", [])
        rpc(url, "anvil_reset", [])
    except (OSError, ValueError, KeyError, http.client.HTTPException):
        return False
    return True


class LentAnvil:
    """A kept node, lent to one chain: its ``stop`` gives it back instead of ending it."""

    def __init__(self, process: AnvilProcess, give_back: list[AnvilProcess]) -> None:
        self._process = process
        self._give_back: list[AnvilProcess] | None = give_back
        self.url = process.url
        self.pid = process.pid

    def exit_description(self) -> str | None:
        """How the node ended, if it has (None while it runs)."""
        return self._process.exit_description()

    def stop(self) -> None:
        """Give the node back (idempotent); one that has ended is not kept."""
        if self._give_back is not None and self.exit_description() is None:
            self._give_back.append(self._process)
        self._give_back = None


class ReusedAnvils:
    """The nodes of one test process, idle ones kept by the options they were started with."""

    def __init__(self) -> None:
        self._idle: defaultdict[tuple[tuple[str, Any], ...], list[AnvilProcess]] = defaultdict(list)
        self._started: list[AnvilProcess] = []

    def start(self, **options: Any) -> AnvilProcess | LentAnvil:
        """A node as ``AnvilProcess(**options)`` starts one: the idle node last given back with
        those options, reset, else a new one. A node with state files or a fixed port is
        always new, and the caller's own."""
        if options.get("state") is not None or options.get("port"):
            return AnvilProcess(**options)
        idle = self._idle[tuple(sorted(options.items()))]
        while idle:
            process = idle.pop()
            if _reset(process.url):
                return LentAnvil(process, idle)
            process.stop()
        process = AnvilProcess(**options)
        self._started.append(process)
        return LentAnvil(process, idle)

    def stop(self) -> None:
        """Stop every node this process started, lent or idle."""
        for process in self._started:
            process.stop()
        self._idle.clear()
