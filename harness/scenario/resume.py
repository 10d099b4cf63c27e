"""Picking up an interrupted run (:func:`harness.scenario.runs.resume_run`, ``run --resume``).

A run is deterministic: the same options send the same transactions in the same order. So a
resumed run runs its scenarios again from the start on a :class:`ResumedChain`, where every send
it already made (each record of its ``txs.jsonl``) is looked up on chain instead of sent: it
must be the very call the run is about to make, and its mined result is used as is. Before that,
the log is reconciled with the chain (:func:`reconcile`): a line torn by a crash is dropped,
transactions mined but never recorded are recorded, and records of transactions the chain lost
are moved to ``txs.rolled-back.jsonl`` and sent again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eth_utils import keccak
from web3.exceptions import TransactionNotFound

from harness.chain import history
from harness.chain.base import Chain
from harness.chain.transport import NotMined
from harness.common.errors import ChainError, UsageError
from harness.ethereum.blob_tx import BlobSidecar
from harness.ethereum.calldata import CalldataCost
from harness.ethereum.mined import TxResult
from harness.records.txlog import TxRecord, record_of, rewrite_txlog, scan_txlog, set_aside
from harness.scenario.runfile import RunFile
from harness.toolchain.solc import Artifact, project_artifacts


class ResumedChain(Chain):
    """The run's chain again, on which the sends a scenario already made are found, not sent.

    Each send is checked to be the next recorded transaction's call (same sender, target,
    calldata and blob hashes) and answered with its mined result; once all were met, sends
    go to the node. Anything else means the records are not this run's, and the resumption
    stops.
    """

    def __init__(self, chain: Chain, tx_hashes: Iterable[str]) -> None:
        super().__init__(
            chain.w3,
            chain.info,
            chain.sender,
            chain.accounts,
            receipt_timeout=chain.receipt_timeout,
            snapshots=chain.snapshots,
            persistent=chain.persistent,
            url=chain.url,
            node_pid=chain.node_pid,
            tracer=chain.tracer,
            direct=chain.direct,
            keys=chain.keys,
            blob_sidecars=chain.blob_sidecars,
            replay_blob_tx=chain.replay_blob_tx,
        )
        self._recorded = deque(tx_hashes)

    def _mine(
        self, tx: dict[str, Any], cost: CalldataCost, car: BlobSidecar | None = None
    ) -> TxResult:
        if not self._recorded:
            return super()._mine(tx, cost, car)
        tx_hash = self._recorded[0]
        try:
            sent = history.SentTx.from_rpc(self.w3.eth.get_transaction(tx_hash))
        except TransactionNotFound:
            raise ChainError(f"transaction {tx_hash} of txs.jsonl is not on chain") from None
        blob_hashes = tuple(car.versioned_hashes) if car is not None else ()
        if (
            sent.sender != tx["from"]
            or not sent.same_call(tx.get("to"), tx["data"])
            or sent.blob_hashes != blob_hashes
        ):
            raise UsageError(
                f"cannot resume: the recorded transaction {tx_hash} is not the call this run "
                f"makes next (to {tx.get('to') or 'a new contract'}); were the contracts or "
                f"the harness changed since the run started?"
            )
        self._recorded.popleft()
        return self.mined(tx_hash)

    def check_all_found(self, scenario: str) -> None:
        """Every recorded transaction of ``scenario`` must have been met again."""
        if self._recorded:
            raise UsageError(
                f"cannot resume: {len(self._recorded)} recorded transactions of scenario "
                f"{scenario} (first {self._recorded[0]}) are not ones this run sends"
            )


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
    strategy = run.setup.scenarios()[scenario].resolved_strategy().name
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
    "commitBlobBatch": "commit",
    "commitBlobBatchKzg": "commit",
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
        return kind, f"{function}({index})", (index, index)
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


def check_same_chain(chain: Chain, run: RunFile) -> None:
    """The reopened chain must be the run's: same chain id and sender."""
    setup = run.setup
    if (chain.info.chain_id, chain.sender) != (setup.chain_id, setup.sender):
        raise UsageError(
            f"the run in {run.directory} ran on chain id {setup.chain_id} from {setup.sender}; "
            f"this is chain id {chain.info.chain_id} from {chain.sender}"
        )
