"""The pinned gas scenarios: a fixed list of transactions whose ``gasUsed`` the gate compares.

On one fresh chain the scenarios deploy the verifier stack (router; the RISC Zero 3.0 and the
synthetic-key Groth16 verifiers, the mock and the set verifier, each behind an emergency stop),
verify a real RISC Zero 3.0 receipt bare and through the router, then run the rollup scenario
once per aggregation strategy (range proofs), once with set-inclusion proofs and once per blob
data-availability mode (batch data in blobs, then also opened by KZG point evaluation), each on
a fresh rollup attached to that stack. Every seal is fixed bytes: the real receipt ships with
the harness and the rollup seals come from a receipts directory (replayed) or from the
synthetic prover, which is deterministic per claim — so both give byte-identical transactions
and exact gas.

Every transaction goes to a transaction log; the entries are then picked from it by scenario,
kind and contract, so what is compared is exactly what a run records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.aggregation.choice import StrategyChoice
from harness.chain.base import Chain, ChainInfo
from harness.claims.images import set_builder_image_id
from harness.common.errors import HarnessError
from harness.ethereum.mined import TxResult
from harness.l2.workload import genesis
from harness.onchain.stack import Recorder, VerifierStack, deploy_router
from harness.onchain.target import HARNESS_TARGET
from harness.provers.pool import ProverPool
from harness.provers.verifiers import MOCK_SELECTOR
from harness.records.txlog import TxLog, TxRecord, read_txlog
from harness.risc0.params import load_versions
from harness.risc0.reference import reference_groth16
from harness.scenario.config import RunConfig
from harness.scenario.run import run_scenario
from harness.toolchain.solc import Artifact

#: Scenario name of the stack deployment and the verify transactions in the log.
STACK = "stack"
#: Scenario name of the set-inclusion run in the log.
SET = "set"


@dataclass(frozen=True)
class Pins:
    """Everything that fixes the pinned transactions (and so their gas)."""

    fork: str = "osaka"
    block_gas_limit: int = 60_000_000
    batches: int = 4
    txs_per_batch: int = 100
    seed: int = 0
    strategies: tuple[str, ...] = ("none", "single", "two", "three")
    verify_version: str = "3.0"
    #: The data-availability modes whose commits are pinned beside calldata's (with no
    #: aggregation), each its own scenario named after the mode.
    blob_modes: tuple[str, ...] = ("blob", "blob-kzg")

    def to_json(self) -> dict[str, Any]:
        """The pins as a JSON object (stored in the baseline)."""
        return asdict(self) | {
            "strategies": list(self.strategies),
            "blob_modes": list(self.blob_modes),
        }

    def config(self, strategy: str, onchain: str = "range", da: str = "calldata") -> RunConfig:
        """The rollup scenario of ``strategy`` with these pins (the prover is given separately),
        its batch data committed in mode ``da``."""
        return RunConfig(
            proofs=self.batches,
            strategy=StrategyChoice.parse(strategy),
            onchain=onchain,
            txs_per_batch=self.txs_per_batch,
            seed=self.seed,
            da=da,
        )


PINS = Pins()


@dataclass(frozen=True)
class GasEntry:
    """One compared number: the gas of one pinned transaction."""

    name: str
    gas: int
    what: str


@dataclass(frozen=True)
class Pick:
    """How an entry is found in the log: the ``index``-th (from 0) record of ``scenario`` and
    ``kind`` whose label names ``label`` (the part of the label before any parenthesis)."""

    name: str
    what: str
    scenario: str
    kind: str
    label: str | None = None
    index: int = 0

    def matches(self, record: TxRecord) -> bool:
        """Whether ``record`` is this entry's transaction (or one like it)."""
        if record.scenario != self.scenario or record.kind != self.kind:
            return False
        return self.label is None or record.label.split("(")[0] == self.label


def picks(pins: Pins = PINS) -> tuple[Pick, ...]:
    """The entries of the gate, in the order they are reported."""
    version = pins.verify_version
    deploy = (
        ("RiscZeroVerifierRouter", "the verifier router"),
        ("RiscZeroGroth16Verifier", f"the Groth16 verifier with the RISC Zero {version} key"),
        ("RiscZeroVerifierEmergencyStop", "the emergency stop wrapping that verifier"),
        ("RiscZeroMockVerifier", "the dev-mode mock verifier"),
        ("RiscZeroSetVerifier", "the set verifier (RISC Zero set builder)"),
        ("Rollup", "the rollup contract"),
    )
    batches = f"{pins.batches} batches"
    finalizes = {
        "none": "batch 1 with its own batch proof",
        "single": f"{batches} with one single-level aggregated proof",
        "two": f"{batches} with one two-level aggregated proof",
        "three": f"{batches} with one three-level aggregated proof",
    }
    receipt = f"the real RISC Zero {version} receipt"
    return (
        *(Pick(f"deploy/{name}", f"deploy {what}", STACK, "deploy", name) for name, what in deploy),
        Pick("verify/bare", f"verify {receipt} on the Groth16 verifier", STACK, "verify", "bare"),
        Pick(
            "verify/routed",
            f"verify {receipt} through router → emergency stop → verifier",
            STACK,
            "verify",
            "routed",
        ),
        Pick(
            "commit/batch",
            f"commit batch 1 ({pins.txs_per_batch} L2 transfers, seed {pins.seed})",
            f"range-{pins.strategies[0]}",
            "commit",
        ),
        *(
            Pick(f"finalize/{s}", f"finalise {finalizes[s]}", f"range-{s}", "finalize")
            for s in pins.strategies
        ),
        Pick(
            "submit_root/set",
            f"submit the set-builder root over {batches}' claims",
            SET,
            "submit_root",
        ),
        Pick("finalize/inclusion", "finalise batch 1 with a set-inclusion seal", SET, "finalize"),
        *(
            Pick(
                f"commit/{mode}",
                f"commit batch 1 in {mode} mode (execution gas; its blob gas is apart)",
                mode,
                "commit",
            )
            for mode in pins.blob_modes
        ),
    )


@dataclass(frozen=True)
class Measurement:
    """The entries measured by one pass over the pinned scenarios, and where they ran."""

    entries: tuple[GasEntry, ...]
    chain: ChainInfo

    def gas(self) -> dict[str, int]:
        """Gas by entry name."""
        return {entry.name: entry.gas for entry in self.entries}


def _recorder(txlog: TxLog, scenario: str) -> Recorder:
    def record(tx: TxResult, kind: str, label: str, batches: tuple[int, int] | None = None) -> None:
        txlog.record(tx, kind=kind, label=label, scenario=scenario, batches=batches)

    return record


def _deploy_stack(
    chain: Chain, artifacts: dict[str, Artifact], pool: ProverPool, record: Recorder, pins: Pins
) -> VerifierStack:
    """Router, the release verifier first (its deploy is the pinned one), then the prover's."""
    stack = deploy_router(chain, artifacts, record)
    stack.add_groth16(load_versions().by_version(pins.verify_version))
    params = pool.source.verifier().params
    if params is None:
        raise HarnessError("the pinned scenarios need Groth16 seals, not mock seals")
    stack.add_groth16(params)
    stack.add_mock(MOCK_SELECTOR)
    stack.add_set_verifier(set_builder_image_id())
    return stack


def _verify(chain: Chain, stack: VerifierStack, record: Recorder, pins: Pins) -> None:
    receipt = reference_groth16(pins.verify_version)
    verifier = stack.verifiers[receipt.seal[:4]]
    args = (receipt.seal, receipt.image_id, receipt.journal_digest)
    record(chain.transact(verifier, "verify", *args), "verify", "bare")
    record(chain.transact(stack.router, "verify", *args), "verify", "routed")


def _run_on_fresh_rollup(
    chain: Chain,
    stack: VerifierStack,
    record: Recorder,
    config: RunConfig,
    *,
    txlog: TxLog,
    receipts_dir: Path,
    scenario: str,
    pool: ProverPool,
) -> None:
    with stack.recording(record):
        deployed = HARNESS_TARGET.deploy(stack, genesis(config.seed).root(), da=config.da)
    run_scenario(
        chain,
        config,
        txlog=txlog,
        receipts_dir=receipts_dir,
        scenario=scenario,
        pool=pool,
        deployed=deployed,
        frames=False,  # the gate compares gasUsed only
    )


def measure(
    chain: Chain,
    artifacts: dict[str, Artifact],
    pool: ProverPool,
    *,
    workdir: Path,
    receipts_dir: Path,
    pins: Pins = PINS,
) -> Measurement:
    """Send the pinned transactions on ``chain`` (fresh) and read each entry's gas.

    ``pool`` supplies the rollup seals; every receipt it used is written to ``receipts_dir``.
    The transaction log goes to ``workdir/txs.jsonl``.
    """
    log_path = workdir / "txs.jsonl"
    with TxLog(log_path, backend=chain.info.backend, fork=chain.info.fork) as txlog:
        record = _recorder(txlog, STACK)
        stack = _deploy_stack(chain, artifacts, pool, record, pins)
        _verify(chain, stack, record, pins)
        runs = [(pins.config(s), f"range-{s}") for s in pins.strategies]
        runs.append((pins.config("none", onchain="set"), SET))
        runs += [(pins.config("none", da=mode), mode) for mode in pins.blob_modes]
        for config, scenario in runs:
            _run_on_fresh_rollup(
                chain,
                stack,
                record,
                config,
                txlog=txlog,
                receipts_dir=receipts_dir,
                scenario=scenario,
                pool=pool,
            )
    return Measurement(tuple(select(read_txlog(log_path), picks(pins))), chain.info)


def select(records: Iterable[TxRecord], wanted: Iterable[Pick]) -> list[GasEntry]:
    """The gas entry of each pick: its matching record's ``gasUsed``."""
    records = list(records)
    entries = []
    for pick in wanted:
        found = [r for r in records if pick.matches(r)]
        if len(found) <= pick.index:
            raise HarnessError(
                f"the pinned scenarios sent {len(found)} {pick.kind} transaction(s) in scenario "
                f"{pick.scenario}, so none for {pick.name} (index {pick.index})"
            )
        entries.append(GasEntry(pick.name, found[pick.index].gas_used, pick.what))
    return entries
