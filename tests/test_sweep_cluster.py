"""`sweep --scheduler`: the grid's units as tasks on a Dask cluster that the tests start on
127.0.0.1, with the same records and reports as a local sweep, a worker that dies mid-unit
recorded once, a team's rollup (the example's config) read on each worker, and a worker that
lacks anvil named before anything runs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sweep_outputs import assert_recorded_once, assert_same_sweep

from harness.chain.anvil import free_port
from harness.cli import main
from harness.common.paths import ROOT
from harness.sweep.runner import CRASH_ONCE_ENV

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

pytestmark = [pytest.mark.anvil, pytest.mark.slow]

#: Two units (batch sizes 100 and 50), range mode only: no set-depth probes; prague and
#: calldata, whose unit names the crash hook below picks.
GRID = (
    "--fork",
    "prague",
    "--da",
    "calldata",
    "--proofs",
    "3,6",
    "--strategies",
    "none,two",
    "--onchain",
    "range",
    "--extra-batch-sizes",
    "50",
)
#: A team's rollup: the example's config, whose adapter each cluster worker imports.
EXAMPLE_CONFIG = ROOT / "examples" / "proposals" / "rollup-harness.toml"


#: What the test clusters' worker processes have imported before they start: the harness's
#: cluster tasks, so that each worker (five in this file) does not spend seconds importing it.
WORKER_PRELOAD = ("distributed", "harness.sweep.cluster", "harness.sweep.runner")


@contextmanager
def local_cluster(workers: int = 2, **env: str) -> Iterator[distributed.LocalCluster]:
    """A scheduler and ``workers`` single-threaded worker processes on 127.0.0.1 (they see
    ``env``), closed on leaving. The scheduler's HTTP server (which it always starts) takes a
    free port, so that clusters of parallel test workers never contend for one.

    The workers are forked from a multiprocessing fork server that has imported
    :data:`WORKER_PRELOAD` (it is started once per test process, and ends with it), instead of
    each one being a new interpreter that imports them: what a task runs is the same."""
    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
        distributed.utils.get_mp_context().set_forkserver_preload(list(WORKER_PRELOAD))
        with distributed.LocalCluster(
            host="127.0.0.1",
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address=None,
            env=env,
        ) as cluster:
            yield cluster


def _sweep(out: Path, *args: str):
    return CliRunner().invoke(main, ["sweep", *GRID, *args, "--out", str(out)])


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    result = _sweep(out, "--workers", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with local_cluster() as started:
        yield started


def _listening(pid: int) -> set[str]:
    return {
        conn.laddr.ip
        for conn in psutil.Process(pid).net_connections(kind="inet")
        if conn.status == psutil.CONN_LISTEN
    }


def test_the_test_cluster_listens_on_loopback_only(cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        workers = client.run(os.getpid)
        nannies = client.run(os.getpid, nanny=True)
    assert len(workers) == len(nannies) == 2
    for pid in (os.getpid(), *workers.values(), *nannies.values()):
        assert _listening(pid) <= {"127.0.0.1"}, pid
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")


def test_a_cluster_sweep_records_and_reports_what_a_local_one_does(cluster, local, tmp_path):
    out = tmp_path / "out"
    result = _sweep(out, "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert_same_sweep(local, out)
    assert_recorded_once(out)
    assert "(2 worker(s);" in result.stderr.splitlines()[-1]


def test_a_cluster_sweep_of_a_teams_rollup_records_what_a_local_one_does(cluster, tmp_path):
    config = ("--config", str(EXAMPLE_CONFIG))
    local, out = tmp_path / "local", tmp_path / "out"
    result = _sweep(local, "--workers", "1", *config)
    assert result.exit_code == 0, result.output
    result = _sweep(out, "--scheduler", cluster.scheduler_address, *config)
    assert result.exit_code == 0, result.output
    assert_same_sweep(local, out)
    assert_recorded_once(out)
    assert '"name": "Proposals.sol"' in (out / "manifest.json").read_text()


def test_a_unit_whose_worker_dies_runs_again_and_is_recorded_once(local, tmp_path):
    marker = tmp_path / "crashed"
    with local_cluster(**{CRASH_ONCE_ENV: f"prague/t100/range={marker}"}) as crashing:
        out = tmp_path / "out"
        result = _sweep(out, "--scheduler", crashing.scheduler_address)
    assert result.exit_code == 0, result.output
    assert marker.exists(), "the unit's first attempt killed its worker"
    assert_same_sweep(local, out)
    assert_recorded_once(out)


def test_a_worker_without_anvil_is_named_before_anything_runs(tmp_path):
    with local_cluster(1, ANVIL=str(tmp_path / "no-anvil")) as lacking:
        with distributed.Client(lacking.scheduler_address, set_as_default=False) as client:
            addresses = set(client.run(os.getpid))
        result = _sweep(tmp_path / "out", "--scheduler", lacking.scheduler_address)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    prefix, _, reason = line.partition(" cannot run sweep units: ")
    assert prefix.removeprefix("error: Dask worker ") in addresses
    assert reason.startswith("anvil is not installed")
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    result = _sweep(tmp_path / "out", "--scheduler", address)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"error: cannot reach the Dask scheduler at {address}: ")
    assert not (tmp_path / "out").exists()


def test_an_address_without_a_port_is_a_one_line_error(tmp_path):
    result = _sweep(tmp_path / "out", "--scheduler", "tcp://127.0.0.1:port")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: 'tcp://127.0.0.1:port' is not a Dask scheduler address (")
