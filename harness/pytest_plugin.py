"""pytest plugin (entry point ``pytest11``): fixtures that let a test suite drive the harness.

Options:
    --harness-backend   backend for the ``chain`` fixture (auto, anvil, eth-tester, rpc)
    --harness-fork      fork to run (default prague)
    --harness-rpc-url   URL for the rpc backend

Fixtures:
    chain_factory   opens chains on demand and closes them all at the end of the test
    chain           one chain on the configured backend and fork
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from harness.chain.backends import DEFAULT_FORK, open_chain
from harness.chain.base import Chain


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness's command-line options."""
    group = parser.getgroup("rollup-harness")
    group.addoption("--harness-backend", default="auto", help="chain backend for fixtures")
    group.addoption("--harness-fork", default=DEFAULT_FORK, help="fork for fixtures")
    group.addoption(
        "--harness-rpc-url", default=None, help="JSON-RPC URL for --harness-backend rpc"
    )


@pytest.fixture
def chain_factory(request: pytest.FixtureRequest) -> Iterator[Callable[..., Chain]]:
    """Open chains with ``chain_factory(backend, fork=...)``; all are closed after the test."""
    opened: list[Chain] = []

    def factory(backend: str | None = None, **kwargs: Any) -> Chain:
        config = request.config
        kwargs.setdefault("fork", config.getoption("--harness-fork"))
        kwargs.setdefault("rpc_url", config.getoption("--harness-rpc-url"))
        chain = open_chain(backend or config.getoption("--harness-backend"), **kwargs)
        opened.append(chain)
        return chain

    yield factory
    for chain in opened:
        chain.close()


@pytest.fixture
def chain(chain_factory: Callable[..., Chain]) -> Chain:
    """A chain on the backend and fork given by ``--harness-backend`` / ``--harness-fork``."""
    return chain_factory()
