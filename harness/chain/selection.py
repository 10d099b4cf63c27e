"""The backends and forks a command can name, and the checks on a choice of them.

Kept apart from :mod:`harness.chain.backends` so that a command can parse and check its
options without loading web3 and the packages a chain needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from harness.common.errors import UsageError
from harness.common.paths import tool_path

BACKENDS = ("auto", "anvil", "eth-tester", "rpc")
DEFAULT_FORK = "prague"
#: The fork a run takes when it is given none: the newest a local backend has (py-evm has no
#: Osaka); a node is taken to run the default fork unless told otherwise, as every command does.
RUN_FORKS = {"anvil": "osaka", "eth-tester": "prague", "rpc": DEFAULT_FORK}

#: Forks each local backend can run (py-evm has no Osaka).
ETH_TESTER_FORKS = ("cancun", "prague")
ANVIL_FORKS = ("cancun", "prague", "osaka")
#: Every fork the harness knows; an rpc node is taken to run the one it is told.
KNOWN_FORKS = tuple(dict.fromkeys((*ETH_TESTER_FORKS, *ANVIL_FORKS)))


def resolve_backend(name: str, rpc_url: str | None = None) -> str:
    """The backend ``name`` means: ``auto`` is rpc when an ``rpc_url`` is given, else anvil
    when its binary is installed, else eth-tester. A local backend with an ``rpc_url`` is an
    error (the URL would be ignored)."""
    if name not in BACKENDS:
        raise UsageError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if rpc_url is not None and name not in ("auto", "rpc"):
        raise UsageError(f"an RPC URL is for the rpc backend, not {name}; drop one of the two")
    if name != "auto":
        return name
    if rpc_url is not None:
        return "rpc"
    return "anvil" if tool_path("anvil", "ANVIL") else "eth-tester"


def run_fork(backend: str, rpc_url: str | None = None) -> str:
    """The fork a run on ``backend`` (resolved as :func:`resolve_backend` does) takes when it
    is given none (:data:`RUN_FORKS`)."""
    return RUN_FORKS[resolve_backend(backend, rpc_url)]


def check_forks(backend: str, forks: tuple[str, ...]) -> None:
    """Refuse forks the (resolved) ``backend`` cannot run: a node runs its own one fork; the
    local backends run the forks they have."""
    if backend == "rpc" and len(forks) != 1:
        raise UsageError("the rpc backend runs on the node's one fork; give one fork")
    supported = {"anvil": ANVIL_FORKS, "eth-tester": ETH_TESTER_FORKS, "rpc": KNOWN_FORKS}[backend]
    for fork in forks:
        if fork not in supported:
            raise UsageError(
                f"backend {backend} cannot run fork {fork!r}; it supports {', '.join(supported)}"
            )


def check_rpc_url(url: str) -> None:
    """Refuse ``url`` unless it is an http(s) URL with a host (and a numeric port, if any)."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise UsageError(f"{url!r} is not a URL; a JSON-RPC URL looks like http://127.0.0.1:8545")
