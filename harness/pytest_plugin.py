"""pytest plugin (entry point ``pytest11``): fixtures that let a test suite drive the harness.

Options:
    --harness-backend   backend for the ``chain`` fixture (auto, anvil, eth-tester, rpc)
    --harness-fork      fork to run (default prague)
    --harness-da        where ``rollup_run`` commits batch data: calldata, blob or blob-kzg
                        (default blob, or calldata for a rollup whose adapter cannot)
    --harness-rpc-url   URL for the rpc backend
    --harness-prover    prover for the ``prover_pool`` fixture (synthetic, mock, replay:DIR,
                        external:CMD)
    --harness-config    the team's config file (default: ``rollup-harness.toml``, or a
                        ``pyproject.toml`` with ``[tool.rollup-harness]``, in the working
                        directory, else in the rootdir; without one, the harness's own rollup)
    --harness-gas-update
                        ``gas_snapshot`` writes the gas it records into the snapshot file
                        instead of checking it

Fixtures:
    chain_factory   opens chains on demand and closes them all at the end of the test
    chain           one chain on the configured backend and fork; parametrize it indirectly
                    with a backend name to pick one per test
    prover_pool     a prover pool (seal source, workers, cache) for the configured prover
    harness_txlog   the transaction log of ``chain``, in the test's ``tmp_path/txs.jsonl``
    verifier_stack  router → emergency stop → the prover's verifier, deployed on ``chain``
    harness_config  the loaded config (session-wide): its ``target`` (adapter, contracts, image
                    ids), its raw ``gas`` table and its ``path``
    rollup_run      runs a whole scenario on ``chain`` against the config's rollup:
                    ``rollup_run(proofs, **RunConfig fields)``; returns its summary
    gas_snapshot    ``gas_snapshot.record(name, kind=..., label=None, index=0, scenario=None)``
                    picks a transaction the test sent and checks its gas against the config's
                    snapshot file under the config's ``[gas] tolerance``, like
                    ``forge snapshot --check``; returns the gas
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from harness.chain.selection import DEFAULT_FORK
from harness.common.errors import UsageError
from harness.l2.blob_batch import DA_MODES

# The fixtures import the harness's chains, provers and runs when a test first asks for one:
# pytest loads this plugin in every session, and web3 with what it imports takes some 1.5 s.
if TYPE_CHECKING:
    from harness.chain.base import Chain
    from harness.gasgate.snapshot import GasSnapshot
    from harness.onchain.config import HarnessConfig
    from harness.onchain.stack import VerifierStack
    from harness.provers.pool import ProverPool
    from harness.records.run_summary import RunSummary
    from harness.records.txlog import TxLog


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness's command-line options."""
    group = parser.getgroup("rollup-harness")
    group.addoption("--harness-backend", default="auto", help="chain backend for fixtures")
    group.addoption("--harness-fork", default=DEFAULT_FORK, help="fork for fixtures")
    group.addoption(
        "--harness-da",
        default=None,
        choices=DA_MODES,
        help="where rollup_run commits batch data: calldata, blob or blob-kzg [default: blob, "
        "or calldata for a rollup that cannot commit blobs]",
    )
    group.addoption("--harness-rpc-url", default=None, help="JSON-RPC URL for the rpc backend")
    group.addoption("--harness-prover", default="synthetic", help="prover for fixtures")
    group.addoption(
        "--harness-config",
        default=None,
        help="the team's config file [default: rollup-harness.toml in the working directory or "
        "the rootdir]",
    )
    group.addoption(
        "--harness-gas-update",
        action="store_true",
        help="gas_snapshot writes the gas it records into the snapshot file",
    )


@pytest.fixture
def chain_factory(request: pytest.FixtureRequest) -> Iterator[Callable[..., Chain]]:
    """Open chains with ``chain_factory(backend, fork=...)``; all are closed after the test."""
    from harness.chain.backends import open_chain

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
def chain(request: pytest.FixtureRequest, chain_factory: Callable[..., Chain]) -> Chain:
    """A chain on the backend and fork given by ``--harness-backend`` / ``--harness-fork``, or on
    the backend the test parametrizes it with (``indirect=True``)."""
    return chain_factory(getattr(request, "param", None))


@pytest.fixture
def prover_pool(request: pytest.FixtureRequest) -> ProverPool:
    """A prover pool for ``--harness-prover`` with the default preset's workers and cache."""
    from harness.scenario.config import RunConfig
    from harness.scenario.run import make_pool

    return make_pool(RunConfig(proofs=1, prover=request.config.getoption("--harness-prover")))


@pytest.fixture
def harness_txlog(tmp_path: Path, chain: Chain) -> Iterator[TxLog]:
    """The transaction log of this test's chain, in ``tmp_path/txs.jsonl``."""
    from harness.records.txlog import TxLog

    with TxLog(tmp_path / "txs.jsonl", backend=chain.info.backend, fork=chain.info.fork) as log:
        yield log


@pytest.fixture
def verifier_stack(chain: Chain, prover_pool: ProverPool, harness_txlog: TxLog) -> VerifierStack:
    """Router → emergency stop → the prover's verifier, deployed on ``chain`` and recorded."""
    from harness.scenario.config import RunConfig
    from harness.scenario.recorder import ScenarioRecorder
    from harness.scenario.run import deploy_stack

    recorder = ScenarioRecorder(harness_txlog, "fixture", "")
    return deploy_stack(chain, RunConfig(proofs=1), prover_pool, recorder)


@pytest.fixture(scope="session")
def harness_config(pytestconfig: pytest.Config) -> HarnessConfig:
    """The config of ``--harness-config``, else the one in the working directory, else the one
    in the rootdir; without any, the harness's own rollup."""
    from harness.onchain.config import find_config, load_config

    given = pytestconfig.getoption("--harness-config")
    found = Path(given) if given else find_config(Path.cwd()) or find_config(pytestconfig.rootpath)
    return load_config(found)


@pytest.fixture
def rollup_run(
    request: pytest.FixtureRequest,
    chain: Chain,
    prover_pool: ProverPool,
    harness_txlog: TxLog,
    tmp_path: Path,
    harness_config: HarnessConfig,
) -> Callable[..., RunSummary]:
    """Run a scenario on ``chain``: ``rollup_run(12, strategy="single", onchain="set")``,
    its batch data committed as ``--harness-da`` says (or ``da="calldata"``).

    Returns the scenario summary; receipts go to ``tmp_path/receipts``.
    """
    from harness.aggregation.choice import StrategyChoice
    from harness.scenario.config import RunConfig
    from harness.scenario.run import run_scenario

    def run(proofs: int, **fields: Any) -> RunSummary:
        _check_keywords(fields)
        fields.setdefault("prover", prover_pool.source.name)
        da = request.config.getoption("--harness-da")
        fields.setdefault("da", da or harness_config.target.preferred_da)
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
            target=harness_config.target,
            pool=pool,
        )

    return run


def _check_keywords(fields: dict[str, Any]) -> None:
    """Refuse, in one line naming it, a keyword ``rollup_run`` does not take: it takes the
    fields of a run's configuration beside the proof count."""
    from harness.scenario.config import RunConfig

    keywords = [f.name for f in dataclasses.fields(RunConfig) if f.name != "proofs"]
    unknown = [name for name in fields if name not in keywords]
    if unknown:
        raise UsageError(
            f"rollup_run() takes no keyword {', '.join(map(repr, unknown))}; "
            f"it takes proofs and {', '.join(keywords)}"
        )


@pytest.fixture
def gas_snapshot(
    request: pytest.FixtureRequest, harness_txlog: TxLog, harness_config: HarnessConfig
) -> GasSnapshot:
    """Check the gas of the transactions this test sent against the config's snapshot file:
    ``gas_snapshot.record("prove/two", kind="finalize")``."""
    from harness.gasgate.snapshot import GasSnapshot
    from harness.gasgate.team import gas_settings

    settings = gas_settings(harness_config)
    return GasSnapshot(
        settings.snapshot,
        harness_txlog.path,
        tolerance=settings.tolerance,
        update=request.config.getoption("--harness-gas-update"),
    )
