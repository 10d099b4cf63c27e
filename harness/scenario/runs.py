"""Runs as library calls: start a run in a directory, or finish one that was interrupted.

A run is the ``main`` scenario and, with ``compare``, the same batches settled with another
strategy, on one chain, recorded in its directory: ``txs.jsonl`` (every mined transaction),
``receipts/`` (every seal), ``run.json`` (what the run is and how far it got; see
:mod:`harness.scenario.runfile`), the chain's own files where the backend keeps it in files,
and at the end ``summary.json``. The command line and the pytest plugin call these functions.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from harness.aggregation.choice import StrategyChoice
from harness.chain.anvil import StateFiles
from harness.chain.backends import open_chain
from harness.chain.base import Chain
from harness.chain.transport import NodeUnavailable, NotMined
from harness.common.errors import HarnessError, UsageError
from harness.common.files import atomic_write_text, prepare_out_dir
from harness.costmodel.fees import DEFAULT_FEES, Fees
from harness.deploy.attach import attach, load_manifest
from harness.deploy.manifest import Manifest
from harness.l2.blob_batch import check_fits_one_transaction
from harness.l2.workload import batches
from harness.onchain.adapter import OnChain
from harness.onchain.config import DEFAULT_CONFIG, HarnessConfig, load_config
from harness.onchain.rollup import check_commit_under_cap
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.provers.pool import ProverPool
from harness.provers.recorded import RecordedFirst
from harness.provers.sources import read_seals
from harness.records.run_summary import RunSummary
from harness.records.txlog import MAIN_SCENARIO, TxLog, TxRecord
from harness.scenario.config import RunConfig
from harness.scenario.resume import ResumedChain, check_same_chain, reconcile
from harness.scenario.run import make_pool, run_scenario
from harness.scenario.runfile import RunFile, RunSetup

TXS_FILE = "txs.jsonl"
SUMMARY_FILE = "summary.json"
RECEIPTS_DIR = "receipts"

#: Where a run tells its user what they should know on the way (warnings, recoveries).
Notify = Callable[[str], None]


class RunInterrupted(HarnessError):
    """A run stopped (Ctrl-C) after recording part of its work; it can be resumed."""

    exit_code = 130


def start_run(
    config: RunConfig,
    out: Path,
    *,
    compare: StrategyChoice | None = None,
    backend: str = "auto",
    fork: str,
    rpc_url: str | None = None,
    manifest: Path | None = None,
    harness_config: HarnessConfig = DEFAULT_CONFIG,
    fees: Fees = DEFAULT_FEES,
    notify: Notify = lambda _: None,
) -> RunSummary:
    """Run ``config`` (and the ``compare`` strategy) into the new or empty directory ``out``,
    on the rollup ``harness_config`` names (the harness's own by default).

    With ``manifest`` the main scenario runs on the stack and rollup a deploy manifest records
    instead of deploying its own. Returns the run's summary (also in ``out/summary.json``),
    its cost reckoned at ``fees``.
    A run that recorded nothing leaves no directory behind.
    """
    if manifest is not None and (compare is not None or config.verifier_artifact is not None):
        raise UsageError("a run on a deploy manifest takes no comparison and no verifier artifact")
    _check_commits_fit(config, harness_config.target, fork)
    recorded = load_manifest(manifest) if manifest is not None else None
    created = not out.exists()
    pool = make_pool(config)
    prepare_out_dir(out)
    with (
        _kept_or_removed(out, created),
        open_chain(
            backend, fork=fork, rpc_url=rpc_url, anvil_state=StateFiles.in_directory(out)
        ) as chain,
    ):
        _tell(chain, notify)
        setup = RunSetup(
            config=config,
            compare=compare,
            backend=chain.info.backend,
            fork=chain.info.fork,
            chain_id=chain.info.chain_id,
            sender=chain.sender,
            rpc_url=rpc_url,
            manifest=manifest.resolve() if manifest else None,
            start_block=chain.w3.eth.block_number,
            start_nonce=chain.w3.eth.get_transaction_count(chain.sender, "pending"),
            persistent=chain.persistent,
            config_file=harness_config.path,
            fees=fees,
        )
        run = RunFile.create(out, setup)
        with TxLog(out / TXS_FILE, backend=chain.info.backend, fork=chain.info.fork) as txlog:
            summary = _run_scenarios(chain, run, txlog, pool, harness_config.target, recorded)
    return _finish(run, summary)


def _check_commits_fit(config: RunConfig, target: RollupTarget, fork: str) -> None:
    """Refuse, before anything starts, a run whose commits ``target`` cannot send on ``fork``:
    a mode the adapter lacks, more blobs than one transaction carries, or (the harness's own
    rollup in calldata) a commit above EIP-7825's per-transaction cap."""
    target.check_da(config.da)
    if config.da != "calldata":
        check_fits_one_transaction(config.txs_per_batch, fork)
    elif target is HARNESS_TARGET:
        (first,) = batches(1, config.txs_per_batch, config.seed)
        check_commit_under_cap(first.encode(), fork)


def resume_run(directory: Path, *, notify: Notify = lambda _: None) -> RunSummary | None:
    """Finish the run in ``directory`` with the options it started with; None if it had
    finished already.

    Nothing is sent or proved twice: the log is first reconciled with the chain, then every
    scenario runs again from the start with its recorded transactions found on chain instead of
    sent, and its recorded seals reused.
    """
    run = RunFile.read(directory)
    if run.finished:
        return None
    if all(progress.complete for progress in run.scenarios.values()):
        return _finish(run, _combined_summary(run))
    setup = run.setup
    if not setup.persistent:
        raise UsageError(
            f"the run in {directory} ran on {setup.backend}, whose chain lived inside the "
            f"harness and ended with it; run it again"
        )
    recorded = load_manifest(setup.manifest) if setup.manifest is not None else None
    target = load_config(setup.config_file).target if setup.config_file else HARNESS_TARGET
    pool = _resumed_pool(setup.config, directory / RECEIPTS_DIR)
    path = directory / TXS_FILE
    with (
        _kept_or_removed(directory, created=False),
        open_chain(
            setup.backend,
            fork=setup.fork,
            rpc_url=setup.rpc_url,
            anvil_state=StateFiles.in_directory(directory),
        ) as chain,
    ):
        _tell(chain, notify)
        check_same_chain(chain, run)
        reconciliation = reconcile(chain, run, path)
        for note in reconciliation.notes(path):
            notify(note)
        with TxLog(path, backend=chain.info.backend, fork=chain.info.fork) as txlog:
            summary = _run_scenarios(
                chain, run, txlog, pool, target, recorded, reconciliation.records
            )
    return _finish(run, summary)


def _run_scenarios(
    chain: Chain,
    run: RunFile,
    txlog: TxLog,
    pool: ProverPool,
    target: RollupTarget,
    recorded: Manifest | None,
    logged: Sequence[TxRecord] = (),
) -> RunSummary:
    """Run (or finish) every scenario of ``run``; returns the run's summary.

    ``logged`` are the records already in ``txlog`` (a resumed run's, reconciled with the
    chain): their transactions are found on chain, not sent again. A finished scenario keeps
    its summary.
    """
    configs = run.setup.scenarios()
    for name, progress in run.scenarios.items():
        if progress.complete:
            continue
        mine = [record for record in logged if record.scenario == name]
        scenario_chain = ResumedChain(chain, [record.tx_hash for record in mine]) if mine else chain
        deployed = None
        if name == MAIN_SCENARIO and recorded is not None:
            deployed = _attach(scenario_chain, recorded, run.setup, pool, target)
        summary = run_scenario(
            scenario_chain,
            configs[name],
            txlog=txlog,
            receipts_dir=run.directory / RECEIPTS_DIR,
            scenario=name,
            target=target,
            pool=pool,
            deployed=deployed,
            logged=mine,
            on_deploy=lambda label, address, name=name: run.deployed(name, label, address),
        )
        if isinstance(scenario_chain, ResumedChain):
            scenario_chain.check_all_found(name)
        run.completed(name, summary.to_json())
    return _combined_summary(run)


def _combined_summary(run: RunFile) -> RunSummary:
    """The run's summary: the main scenario's, with the comparison's under ``compared``,
    priced at the run's fees."""
    main, *compared = [progress.summary for progress in run.scenarios.values()]
    assert main is not None and all(summary is not None for summary in compared)
    summary = RunSummary.from_json(main | ({"compared": compared[0]} if compared else {}))
    return summary.priced(run.setup.fees)


def _attach(
    chain: Chain, recorded: Manifest, setup: RunSetup, pool: ProverPool, target: RollupTarget
) -> OnChain:
    assert setup.manifest is not None
    selector = pool.source.verifier().selector  # type: ignore[attr-defined]
    return attach(
        chain,
        recorded,
        setup.manifest,
        seed=setup.config.seed,
        selector=selector,
        target=target,
        da=setup.config.da,
    )


def _resumed_pool(config: RunConfig, receipts_dir: Path) -> ProverPool:
    """The prover pool of ``config``, reusing every seal in ``receipts_dir``."""
    pool = make_pool(config)
    seals = read_seals(receipts_dir) if receipts_dir.is_dir() else {}
    source = RecordedFirst(pool.source, seals)
    return ProverPool(source, workers=pool.workers, capacity=pool.capacity)


def _finish(run: RunFile, summary: RunSummary) -> RunSummary:
    """Write ``summary.json`` (atomically), then mark the run finished."""
    atomic_write_text(run.directory / SUMMARY_FILE, json.dumps(summary.to_json(), indent=2) + "\n")
    run.finish()
    return summary


def _tell(chain: Chain, notify: Notify) -> None:
    for note in chain.notes:
        notify(f"warning: {note}")


def run_files(directory: Path) -> list[tuple[str, int]]:
    """What the run in ``directory`` wrote: each file (a folder counted whole, its name ending
    in ``/``) and its size in bytes, in name order."""
    found = []
    for path in sorted(directory.iterdir()):
        if path.is_dir():
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            found.append((f"{path.name}/", size))
        else:
            found.append((path.name, path.stat().st_size))
    return found


def recorded_anything(directory: Path) -> bool:
    """Whether the run in ``directory`` has recorded a transaction."""
    path = directory / TXS_FILE
    return path.is_file() and path.stat().st_size > 0


@contextmanager
def _kept_or_removed(out: Path, created: bool) -> Iterator[None]:
    """On a failure: a run that recorded nothing leaves no directory it created; one that did
    tells how to finish it."""
    try:
        yield
    except (NodeUnavailable, NotMined, KeyboardInterrupt) as exc:
        if not recorded_anything(out):
            _remove_if(created, out)
            raise
        hint = (
            f"the run is recorded in {out} up to here, and "
            f"'rollup-harness run --resume {out}' finishes it"
        )
        if isinstance(exc, KeyboardInterrupt):
            raise RunInterrupted(f"interrupted; {hint}") from None
        raise type(exc)(f"{exc}; {hint}") from None
    except BaseException:
        if not recorded_anything(out):
            _remove_if(created, out)
        raise


def _remove_if(created: bool, out: Path) -> None:
    if created:
        shutil.rmtree(out, ignore_errors=True)
