"""Runs that can stop anywhere and be finished later: ``run --resume DIR``.

A run is deterministic: the same options send the same transactions in the same order. So a
resumed run runs its scenarios again from the start, and every send it already made (each
record of its ``txs.jsonl``) is looked up on chain instead of sent (:class:`ReplayedSends`):
it must be the very call the run is about to make, and its mined result is used as is. Seals
already in ``receipts/`` are reused, so nothing is proved twice. Before that, the log is
reconciled with the chain (:func:`reconcile`): a line torn by a crash is dropped, transactions
mined but never recorded are recorded, and records of transactions the chain lost are moved
to ``txs.rolled-back.jsonl`` and sent again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eth_utils import keccak
from web3.exceptions import TransactionNotFound

from harness.chain import history
from harness.chain.anvil import STOP_TIMEOUT_S
from harness.chain.base import Chain
from harness.chain.transport import NotMined
from harness.claims.request import ProofRequest
from harness.common.errors import ChainError, UsageError
from harness.ethereum.mined import TxResult
from harness.onchain.rollup import RollupClient
from harness.onchain.stack import VerifierStack
from harness.provers.pool import ProverPool, SealSource
from harness.provers.sources import read_seals
from harness.provers.verifiers import VerifierSpec
from harness.records.run_summary import RunSummary
from harness.records.txlog import TxLog, TxRecord, record_of, rewrite_txlog, scan_txlog, set_aside
from harness.scenario.run import RunConfig, ScenarioRecorder, make_pool, run_scenario
from harness.scenario.runfile import RunFile, RunSetup
from harness.toolchain.solc import Artifact, project_artifacts

#: Backends whose chain outlives the harness process (eth-tester's lives inside it).
RESUMABLE_BACKENDS = ("anvil", "rpc")


# -- the run's start ---------------------------------------------------------------------------
def new_setup(
    chain: Chain,
    config: RunConfig,
    *,
    compare: str | None,
    rpc_url: str | None,
    manifest: Path | None,
) -> RunSetup:
    """The setup of a run about to start on ``chain``."""
    return RunSetup(
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
    )


# -- the scenarios -----------------------------------------------------------------------------
def run_scenarios(
    chain: Chain,
    run: RunFile,
    *,
    txlog: TxLog,
    pool: ProverPool,
    deployed: tuple[VerifierStack, RollupClient] | None = None,
    logged: Sequence[TxRecord] = (),
) -> RunSummary:
    """Run (or finish) every scenario of ``run``; returns the run's summary.

    ``logged`` are the records already in ``txlog`` (a resumed run's, reconciled with the
    chain): their transactions are not sent again. A finished scenario keeps its summary.
    """
    receipts = run.directory / "receipts"
    for name, progress in run.scenarios.items():
        if progress.complete:
            continue
        config = run.setup.scenario_config(name)
        recorded = [record for record in logged if record.scenario == name]
        recorder = ScenarioRecorder(
            txlog,
            name,
            config.resolve_strategy().name,
            logged={record.tx_hash: record for record in recorded},
            on_deploy=lambda label, address, name=name: run.deployed(name, label, address),
        )
        replay = ReplayedSends(chain, [record.tx_hash for record in recorded])
        chain.already_sent = replay
        try:
            summary = run_scenario(
                chain,
                config,
                txlog=txlog,
                receipts_dir=receipts,
                scenario=name,
                pool=pool,
                deployed=deployed if name == "main" else None,
                recorder=recorder,
            )
        finally:
            chain.already_sent = None
        replay.check_done(name)
        run.completed(name, summary.to_json())
    return combined_summary(run)


def combined_summary(run: RunFile) -> RunSummary:
    """The run's summary: the main scenario's, with the comparison's under ``compared``."""
    summaries = [progress.summary for progress in run.scenarios.values()]
    main, *compared = summaries
    assert main is not None and all(s is not None for s in compared)
    return RunSummary.from_json(main | ({"compared": compared[0]} if compared else {}))


class ReplayedSends:
    """The transactions a scenario already sent, handed back in order instead of sent again.

    Each must be the call the scenario is about to make (same sender, target and calldata);
    anything else means the records are not this run's, and the resumption stops.
    """

    def __init__(self, chain: Chain, tx_hashes: Iterable[str]) -> None:
        self._chain = chain
        self._queue = deque(tx_hashes)

    def take(self, tx: Mapping[str, Any]) -> str | None:
        """The hash of the next recorded transaction, checked to be ``tx``; None once all
        were handed back (``tx`` is then sent)."""
        if not self._queue:
            return None
        tx_hash = self._queue[0]
        try:
            sent = history.SentTx.from_rpc(self._chain.w3.eth.get_transaction(tx_hash))
        except TransactionNotFound:
            raise ChainError(f"transaction {tx_hash} of txs.jsonl is not on chain") from None
        if sent.sender != tx["from"] or not sent.same_call(tx.get("to"), tx["data"]):
            raise UsageError(
                f"cannot resume: the recorded transaction {tx_hash} is not the call this run "
                f"makes next (to {tx.get('to') or 'a new contract'}); were the contracts or "
                f"the harness changed since the run started?"
            )
        self._queue.popleft()
        return tx_hash

    def check_done(self, scenario: str) -> None:
        """Every recorded transaction must have been met again."""
        if self._queue:
            raise UsageError(
                f"cannot resume: {len(self._queue)} recorded transactions of scenario "
                f"{scenario} (first {self._queue[0]}) are not ones this run sends"
            )


# -- seals already made ------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordedFirst:
    """A seal source that returns the seals a run already recorded, and proves the rest."""

    source: SealSource
    seals: dict[bytes, bytes] = field(repr=False, compare=False, hash=False)

    @property
    def name(self) -> str:
        """The underlying prover's name (the recorded seals are its own)."""
        return self.source.name

    def recorded(self, request: ProofRequest) -> bytes | None:
        """The seal this run already made for the request's claim, if any."""
        return self.seals.get(request.claim_digest) or self.source.recorded(request)

    def seal(self, request: ProofRequest) -> bytes:
        """A new seal from the underlying prover."""
        return self.source.seal(request)

    def verifier(self) -> VerifierSpec:
        """The underlying prover's verifier."""
        return self.source.verifier()  # type: ignore[attr-defined]


def resumed_pool(config: RunConfig, receipts_dir: Path) -> ProverPool:
    """The prover pool of ``config``, reusing every seal in ``receipts_dir``."""
    pool = make_pool(config)
    seals = read_seals(receipts_dir) if receipts_dir.is_dir() else {}
    source = RecordedFirst(pool.source, seals)
    return ProverPool(source, workers=pool.workers, capacity=pool.capacity)


# -- reconciling txs.jsonl with the chain ------------------------------------------------------
@dataclass(frozen=True)
class Reconciliation:
    """What reconciling a run's log with its chain found and did."""

    records: tuple[TxRecord, ...]
    torn: bool
    rolled_back: tuple[TxRecord, ...]
    recovered: tuple[TxRecord, ...]

    def notes(self, path: Path) -> list[str]:
        """One line per thing a user should know."""
        notes = []
        if self.torn:
            notes.append(f"dropped the last line of {path}: it was cut short by the crash")
        if self.rolled_back:
            notes.append(
                f"warning: the chain no longer has the last {len(self.rolled_back)} recorded "
                f"transactions (it lost blocks); their records moved to "
                f"{path.with_name('txs.rolled-back.jsonl')}, and they are sent again"
            )
        if self.recovered:
            notes.append(
                f"recorded {len(self.recovered)} transaction(s) mined after the last record "
                f"({', '.join(r.label for r in self.recovered)})"
            )
        return notes


def reconcile(chain: Chain, run: RunFile, path: Path) -> Reconciliation:
    """Make ``path`` hold exactly the run's transactions that are on chain, each once.

    A finished scenario whose transactions the chain lost is run again.
    """
    _wait_for_pending(chain)
    scanned = scan_txlog(path)
    kept = list(scanned.records)
    lost: list[TxRecord] = []
    while kept and not _on_chain(chain, kept[-1].tx_hash):
        lost.insert(0, kept.pop())
    for scenario in {record.scenario for record in lost} & set(run.scenarios):
        run.reopen(scenario)
    recovered = _recover(chain, run, kept)
    if lost:
        set_aside(path, lost)
    if lost or recovered or scanned.torn:
        rewrite_txlog(path, [*kept, *recovered])
    return Reconciliation(tuple(kept + recovered), scanned.torn, tuple(lost), tuple(recovered))


def _on_chain(chain: Chain, tx_hash: str) -> bool:
    try:
        chain.w3.eth.get_transaction_receipt(tx_hash)
    except TransactionNotFound:
        return False
    return True


def _wait_for_pending(chain: Chain) -> None:
    """Let a transaction sent just before the interruption be mined before the log is read."""
    pending = chain.w3.eth.get_transaction_count(chain.sender, "pending")
    if pending and not history.wait_for_nonce(
        chain.w3, chain.sender, pending - 1, chain.receipt_timeout
    ):
        raise NotMined(
            f"a transaction sent by {chain.sender} before the interruption is still pending "
            f"after {chain.receipt_timeout:g} s; resume again once it is mined"
        )


def _recover(chain: Chain, run: RunFile, kept: list[TxRecord]) -> list[TxRecord]:
    """Records for the run's transactions mined after its last record."""
    if kept:
        nonce = chain.w3.eth.get_transaction(kept[-1].tx_hash)["nonce"]
        first_block = kept[-1].block
    else:
        nonce, first_block = run.setup.start_nonce - 1, run.setup.start_block
    found = history.sent_after(chain.w3, chain.sender, nonce, first_block)
    if not found:
        return []
    scenario = next(name for name, p in run.scenarios.items() if not p.complete)
    strategy = run.setup.scenario_config(scenario).resolve_strategy().name
    recovered = []
    for sent in found:
        result = chain.mined(sent.tx_hash)
        kind, label, batches = describe_call(chain, sent, result)
        recovered.append(
            record_of(
                result,
                kind=kind,
                label=label,
                scenario=scenario,
                strategy=strategy,
                batches=batches,
                backend=chain.info.backend,
                fork=chain.info.fork,
            )
        )
    return recovered


# -- what a transaction was for, from its calldata ---------------------------------------------
BATCH_COMMITTED = keccak(text="BatchCommitted(uint256,bytes32,bytes32)")
KIND_OF_FUNCTION = {
    "commitBatch": "commit",
    "finalize": "finalize",
    "submitMerkleRoot": "submit_root",
}


def describe_call(
    chain: Chain, sent: history.SentTx, result: TxResult
) -> tuple[str, str, tuple[int, int] | None]:
    """The kind, label and batches of a transaction found on chain (a recorded run's labels
    are rebuilt for commits, finalisations and root submissions; a deploy is labelled with
    the project contract whose creation code it carries)."""
    artifacts = project_artifacts()
    if sent.to is None:
        name = next(
            (a.name for a in artifacts.values() if a.bytecode and sent.data.startswith(a.bytecode)),
            "unknown contract",
        )
        return "deploy", name, None
    function, args = _decode_call(chain, artifacts.values(), sent.data)
    kind = KIND_OF_FUNCTION.get(function, "admin")
    if kind == "commit":
        index = next(
            int.from_bytes(bytes(log["topics"][1]), "big")
            for log in result.logs
            if bytes(log["topics"][0]) == BATCH_COMMITTED
        )
        return kind, f"commitBatch({index})", (index, index)
    if kind == "finalize":
        first, last, proof_kind = args["first"], args["last"], args["kind"]
        kind_name = ("batch", "aggregator")[proof_kind]
        return kind, f"finalize({first}..{last}, {kind_name})", (first, last)
    return kind, function, None


def _decode_call(
    chain: Chain, artifacts: Iterable[Artifact], data: bytes
) -> tuple[str, dict[str, Any]]:
    """The function a project contract's ABI names for ``data``, and its arguments."""
    for artifact in artifacts:
        contract = chain.w3.eth.contract(abi=artifact.abi)
        try:
            function, args = contract.decode_function_input(data)
        except ValueError:
            continue
        return function.fn_name, args
    return f"0x{data[:4].hex()}", {}


# -- the anvil of an interrupted run -----------------------------------------------------------
def wait_for_previous_anvil(pid: int | None, state_file: Path) -> None:
    """Wait for the interrupted run's anvil to finish writing its state file and exit."""
    if pid is None or not _runs_with(pid, state_file):
        return
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while _runs_with(pid, state_file):
        if time.monotonic() > deadline:
            raise ChainError(
                f"anvil (pid {pid}) of the interrupted run still runs; stop it "
                f"(kill {pid}) and resume again"
            )
        time.sleep(0.05)


def _runs_with(pid: int, state_file: Path) -> bool:
    """Whether process ``pid`` is alive and an anvil writing ``state_file``."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return status != "Z" and str(state_file).encode() in cmdline.split(b"\0")


def check_resumable(run: RunFile) -> None:
    """A run on a chain that died with its harness cannot be resumed."""
    if run.setup.backend not in RESUMABLE_BACKENDS:
        raise UsageError(
            f"the run in {run.directory} ran on {run.setup.backend}, whose chain lived inside "
            f"the harness and ended with it; run it again"
        )


def check_same_chain(chain: Chain, run: RunFile) -> None:
    """The reopened chain must be the run's: same chain id and sender."""
    setup = run.setup
    if (chain.info.chain_id, chain.sender) != (setup.chain_id, setup.sender):
        raise UsageError(
            f"the run in {run.directory} ran on chain id {setup.chain_id} from {setup.sender}; "
            f"this is chain id {chain.info.chain_id} from {chain.sender}"
        )


def pid_of(chain: Chain) -> int | None:
    """The pid of the anvil the harness started for ``chain`` (None for other backends)."""
    anvil = getattr(chain, "anvil", None)
    return anvil.pid if anvil is not None else None
