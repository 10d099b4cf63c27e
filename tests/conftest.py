"""Shared fixtures for the project's own tests (the harness's pytest plugin adds more).

The suite runs in parallel worker processes (pytest-xdist, ``make pytest``): a fixture that
needs a port or a file takes one of its own (a bound socket, ``tmp_path``), never a fixed one.
"""

from __future__ import annotations

import gc
import math
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from alone_modules import CENSUS, AloneCensus, left_out
from hypothesis import HealthCheck, settings
from xdist.scheduler import LoadScopeScheduling

from harness.common.files import atomic_write_bytes
from harness.ethereum.kzg_cache import KZG_CACHE_ENV

# What the fixtures below use is imported when they run: pytest's main process, which only
# hands tests to the workers, loads this file too.
if TYPE_CHECKING:
    from reused_anvils import ReusedAnvils
    from xdist.remote import Producer
    from xdist.scheduler.protocol import Scheduling

    from harness.toolchain.solc import Artifact

TESTS = Path(__file__).parent
VECTORS = TESTS / "vectors"

# Hypothesis's wall-clock checks (a 200 ms deadline per example, a health check on slow input
# generation) measure how busy the machine is, not the code: with a worker on every core they
# fail at random. `make test` tries each property on Hypothesis's default 100 examples (fewer
# where a test names its own number: an example there costs pairings or a process); `make fuzz`
# runs the property tests alone, on 2,000 examples each (HYPOTHESIS_PROFILE=deep).
settings.register_profile("parallel", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", settings.get_profile("parallel"), max_examples=2_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "parallel"))

#: The longest a prover command may take to start and answer its describe request while a
#: timeout for it is being measured.
PROVER_START_LIMIT_S = 60.0


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In a session of the ``alone`` tests, the modules without any left uncollected."""
    return left_out(collection_path, config)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The modules marked ``slow`` first, each module's tests kept together and in order.

    ``make pytest`` hands whole modules to its workers (``--dist loadscope``, in this order),
    each worker its next module as it runs out of tests: started first, the long modules end
    while the short ones still keep both workers busy, instead of one worker running the last
    long module alone. The ``alone`` session hands out single tests, the ones marked ``slow``
    first, for the same reason. Runs before ``-m`` deselects, to note where the tests marked
    ``alone`` are (tests/test_alone_modules.py checks them).
    """
    config.stash[CENSUS] = AloneCensus.of(items)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


#: The garbage collector's first threshold in a test process once the session is collected:
#: allocations between two young collections (Python's default is 700).
GC_YOUNG_THRESHOLD = 10_000


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep what the session imported and collected out of the garbage collector's scans.

    A worker's modules, test items and libraries (web3, py-evm, Dask) live as long as it does,
    yet each full collection walked them all again: the parallel session's three workers spent
    some 21 s of CPU in the collector, 3 to 7 s each in about 15 full collections. Frozen
    (``gc.freeze``), they are no longer scanned, and with young collections rarer the workers
    spend some 10 s; a cycle made by a test is still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


#: The modules whose tests load a KZG trusted setup: in the test process (py-evm's point
#: evaluation, KZG parts made on purpose), some 3.5 s of CPU per process, or in an anvil that
#: opens blobs by KZG, some 4.4 s per node, which the process keeps (:func:`reused_anvils`).
KZG_SETUP_MODULES = frozenset(
    {
        "test_blob_commits.py",
        "test_chain_backends.py",
        "test_ethereum_blobs.py",
        "test_ethereum_kzg_cache.py",
        "test_gasgate.py",
        "test_l2_blob_batch.py",
    }
)


class SharedSetupScheduling(LoadScopeScheduling):
    """xdist's ``loadscope`` with the :data:`KZG_SETUP_MODULES` as one unit: one worker runs
    them one after another and loads each setup once, instead of each worker loading it. A
    module missing from the list only costs its worker a load."""

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        return "kzg-setup" if Path(scope.split("::")[0]).name in KZG_SETUP_MODULES else scope


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> Scheduling | None:
    """The parallel session's scheduler (``--dist loadscope``): :class:`SharedSetupScheduling`.
    Other modes keep xdist's own."""
    if config.getvalue("dist") != "loadscope":
        return None
    return SharedSetupScheduling(config, log)


#: Where the suite keeps its blobs' KZG parts: the project's own cache folder (``make clean``
#: empties it), never the user's.
TEST_KZG_CACHE = TESTS.parent / ".cache" / "test-kzg"
#: The KZG parts of every blob the suite commits, as cache entries (``make vectors`` writes
#: them afresh): a fresh clone's suite finds them instead of making them, some 20 s of CPU.
KZG_VECTORS = VECTORS / "kzg"
#: What the suite compiles into the project's compile cache (``.cache/solc/``): test contracts
#: and edited copies of the project's and the example's, as the cache's entries, keyed by the
#: compiler, the settings and the sources (``make vectors``). A fresh clone's suite finds them
#: instead of compiling them, some 22 s of CPU. The project's own contracts are not among
#: them: the install compiles them.
SOLC_VECTORS = VECTORS / "solc"


def _seed(cache: Path, vectors: Path) -> None:
    """Give ``cache`` the entries of ``vectors`` it lacks, at the same relative paths.

    Every entry is named by a hash of what it was made from, and checked or parsed when read:
    one that no test asks for any longer is never read, and one a test needs but lacks is made.
    """
    for entry in vectors.rglob("*"):
        target = cache / entry.relative_to(vectors)
        if entry.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, entry.read_bytes(), durable=False)


@pytest.fixture(scope="session", autouse=True)
def kzg_cache_dir() -> Iterator[Path]:
    """The folder the suite's blob KZG parts are kept in (:data:`TEST_KZG_CACHE`), shared by
    a session's worker processes and by later sessions (entries are written atomically and
    checked when read), and inherited by the commands the tests start. It is given the
    entries of :data:`KZG_VECTORS` it lacks. The tests of the cache itself use folders of
    their own."""
    path = TEST_KZG_CACHE
    _seed(path, KZG_VECTORS)
    path.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KZG_CACHE_ENV, str(path))
        yield path


@pytest.fixture(scope="session", autouse=True)
def compiled_test_contracts() -> None:
    """The project's compile cache, given the entries of :data:`SOLC_VECTORS` it lacks. The
    tests of the compiler and its cache use folders of their own."""
    from harness.common.paths import CACHE_DIR

    _seed(CACHE_DIR / "solc", SOLC_VECTORS)


@pytest.fixture(scope="session")
def anvil_nodes() -> Iterator[ReusedAnvils]:
    """The anvil nodes this test process keeps for the modules that ask for
    :func:`reused_anvils`; all stopped when the session ends."""
    from reused_anvils import ReusedAnvils

    nodes = ReusedAnvils()
    yield nodes
    nodes.stop()


@pytest.fixture(scope="module")
def reused_anvils(anvil_nodes: ReusedAnvils) -> Iterator[None]:
    """The module's anvil chains run on nodes the process keeps, each reset to genesis when it
    is handed out again (tests/reused_anvils.py): for modules whose tests neither reconfigure
    a node nor watch its process."""
    from harness.chain import backends

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backends, "AnvilProcess", anvil_nodes.start)
        yield


@pytest.fixture(scope="session")
def probe_artifact() -> Artifact:
    """The gas probe contract: a 4-pair pairing, a SHA-256 and five SSTOREs in one call."""
    from harness.toolchain.solc import compile_sources

    return compile_sources([TESTS / "contracts" / "GasProbe.sol"])["GasProbe"]


@pytest.fixture
def refused_url() -> Iterator[str]:
    """A loopback URL whose connections are refused.

    Its port stays bound (without listening) for the whole test, so no other process, such as
    another worker's anvil, can start listening on it meanwhile.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def prover_timeout_for() -> Callable[[str], int]:
    """``prover_timeout_for(command)``: a timeout, in whole seconds, for a test in which one
    proof request of the prover ``command`` is to time out.

    The harness starts the command afresh for every request and the timeout covers that start,
    so it must leave the command time to start and answer on this machine as it is right now
    (busy with the other test workers, say): four times what its describe request just took,
    and at least 2 s.
    """

    from harness.provers.external import ExternalSource

    def timeout_for(command: str) -> int:
        started = time.monotonic()
        ExternalSource.start(command, timeout=PROVER_START_LIMIT_S)
        return max(2, math.ceil(4 * (time.monotonic() - started)))

    return timeout_for
