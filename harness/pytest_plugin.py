"""pytest plugin (entry point ``pytest11``): fixtures that let a test suite drive the harness.

Options:
    --harness-backend   backend for the ``chain`` fixture (auto, anvil, eth-tester, rpc)
    --harness-fork      fork to run (default prague)
    --harness-rpc-url   URL for the rpc backend
    --harness-prover    prover for the ``prover_pool`` fixture (synthetic, mock, replay:DIR,
                        external:CMD)

Fixtures:
    chain_factory   opens chains on demand and closes them all at the end of the test
    chain           one chain on the configured backend and fork
    prover_pool     a prover pool (seal source, workers, cache) for the configured prover
    harness_txlog   the transaction log of ``chain``, in the test's ``tmp_path/txs.jsonl``
    verifier_stack  router → emergency stop → the prover's verifier, deployed on ``chain``
    rollup_run      runs a whole scenario on ``chain``: ``rollup_run(proofs, **RunConfig fields)``
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.aggregation.choice import StrategyChoice
from harness.chain.backends import DEFAULT_FORK, open_chain
from harness.chain.base import Chain
from harness.common.errors import UsageError
from harness.onchain.stack import VerifierStack
from harness.provers.pool import ProverPool
from harness.records.run_summary import RunSummary
from harness.records.txlog import TxLog
from harness.scenario.config import RunConfig
from harness.scenario.recorder import ScenarioRecorder
from harness.scenario.run import deploy_stack, make_pool, run_scenario


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness's command-line options."""
    group = parser.getgroup("rollup-harness")
    group.addoption("--harness-backend", default="auto", help="chain backend for fixtures")
    group.addoption("--harness-fork", default=DEFAULT_FORK, help="fork for fixtures")
    group.addoption("--harness-rpc-url", default=None, help="JSON-RPC URL for the rpc backend")
    group.addoption("--harness-prover", default="synthetic", help="prover for fixtures")


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


@pytest.fixture
def prover_pool(request: pytest.FixtureRequest) -> ProverPool:
    """A prover pool for ``--harness-prover`` with the default preset's workers and cache."""
    return make_pool(RunConfig(proofs=1, prover=request.config.getoption("--harness-prover")))


@pytest.fixture
def harness_txlog(tmp_path: Path, chain: Chain) -> Iterator[TxLog]:
    """The transaction log of this test's chain, in ``tmp_path/txs.jsonl``."""
    with TxLog(tmp_path / "txs.jsonl", backend=chain.info.backend, fork=chain.info.fork) as log:
        yield log


@pytest.fixture
def verifier_stack(chain: Chain, prover_pool: ProverPool, harness_txlog: TxLog) -> VerifierStack:
    """Router → emergency stop → the prover's verifier, deployed on ``chain`` and recorded."""
    recorder = ScenarioRecorder(harness_txlog, "fixture", "")
    return deploy_stack(chain, RunConfig(proofs=1), prover_pool, recorder)


@pytest.fixture
def rollup_run(
    chain: Chain, prover_pool: ProverPool, harness_txlog: TxLog, tmp_path: Path
) -> Callable[..., RunSummary]:
    """Run a scenario on ``chain``: ``rollup_run(12, strategy="single", onchain="set")``.

    Returns the scenario summary; receipts go to ``tmp_path/receipts``.
    """

    def run(proofs: int, **fields: Any) -> RunSummary:
        _check_keywords(fields)
        fields.setdefault("prover", prover_pool.source.name)
        scenario = fields.get("strategy", "auto")
        fields["strategy"] = StrategyChoice.parse(scenario)
        config = RunConfig(proofs=proofs, **fields)
        pool = prover_pool if config.prover == prover_pool.source.name else None
        return run_scenario(
            chain,
            config,
            txlog=harness_txlog,
            receipts_dir=tmp_path / "receipts",
            scenario=scenario,
            pool=pool,
        )

    return run


#: What ``rollup_run`` takes beside the proof count: the fields of a run's configuration.
RUN_KEYWORDS = tuple(f.name for f in dataclasses.fields(RunConfig) if f.name != "proofs")


def _check_keywords(fields: dict[str, Any]) -> None:
    """Refuse, in one line naming it, a keyword ``rollup_run`` does not take."""
    unknown = [name for name in fields if name not in RUN_KEYWORDS]
    if unknown:
        raise UsageError(
            f"rollup_run() takes no keyword {', '.join(map(repr, unknown))}; "
            f"it takes proofs and {', '.join(RUN_KEYWORDS)}"
        )
