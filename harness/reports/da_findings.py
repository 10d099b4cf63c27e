"""Findings per data-availability mode, from transaction records alone: how L1 cost splits
between settlement and batch data, how full the blobs are, and what one L2 transfer costs.

A commit line with blobs (``blob_count`` > 0) posted its batch data in blobs, one without in
calldata. Each mode's settlement is the ``finalize`` and ``submit_root`` lines of the
scenarios whose commits went that way. Every share names its base.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from harness.costmodel.fees import Fees, L1Cost
from harness.ethereum.blobs import DATA_BYTES_PER_BLOB
from harness.l2.batch import TRANSFER_SIZE
from harness.records.run_summary import RunSummary
from harness.records.txlog import MAIN_SCENARIO, TxRecord
from harness.reports.numbers import decimal, eth, whole

CALLDATA = "calldata"
SETTLEMENT_KINDS = ("finalize", "submit_root")


@dataclass(frozen=True)
class ModeCost:
    """One data-availability mode's commits and settlement, summed over its records."""

    mode: str
    commits: int
    transfers: int
    blobs: int
    commit_gas: int
    blob_gas: int
    settlement_gas: int

    def data_cost(self, fees: Fees) -> L1Cost:
        """The commits: their gas at the base fee and their blob gas at the blob base fee."""
        return L1Cost(fees, self.commit_gas, self.blob_gas)

    def settlement_cost(self, fees: Fees) -> L1Cost:
        """Settlement gas at the base fee."""
        return L1Cost(fees, self.settlement_gas, 0)

    @property
    def data_bytes(self) -> int:
        """Bytes of L2 transfers the commits carried."""
        return self.transfers * TRANSFER_SIZE


def mode_costs(
    records: Iterable[TxRecord], *, txs_per_batch: int, blob_mode: str = "blob"
) -> list[ModeCost]:
    """Per mode (``calldata``, and ``blob_mode`` for commits with blobs), in that order."""
    commits: dict[str, list[TxRecord]] = defaultdict(list)
    settlement: dict[str, list[TxRecord]] = defaultdict(list)
    scenario_mode: dict[str, str] = {}
    lines = list(records)
    for record in lines:
        if record.kind == "commit" and record.status == 1:
            mode = blob_mode if record.blob_count else CALLDATA
            commits[mode].append(record)
            scenario_mode[record.scenario] = mode
    for record in lines:
        if record.kind in SETTLEMENT_KINDS and record.scenario in scenario_mode:
            settlement[scenario_mode[record.scenario]].append(record)
    return [
        ModeCost(
            mode=mode,
            commits=len(mine),
            transfers=sum(
                (r.batches[1] - r.batches[0] + 1) * txs_per_batch for r in mine if r.batches
            ),
            blobs=sum(r.blob_count for r in mine),
            commit_gas=sum(r.gas_used for r in mine),
            blob_gas=sum(r.blob_gas_used for r in mine),
            settlement_gas=sum(r.gas_used for r in settlement[mode]),
        )
        for mode, mine in sorted(commits.items(), key=lambda item: item[0] != CALLDATA)
    ]


def mode_findings(costs: Iterable[ModeCost], fees: Fees) -> list[str]:
    """One sentence per mode: the settlement/data split of its L1 cost, its blobs' fill, and
    its cost per L2 transfer at ``fees``."""
    found = []
    for c in costs:
        data = c.data_cost(fees).total_eth
        settle = c.settlement_cost(fees).total_eth
        total = data + settle
        split = (
            f"batch data is {decimal(data / total * 100)} % of the L1 cost of settlement + "
            f"data ({eth(total)}) and settlement {decimal(settle / total * 100)} % of it"
            if total
            else "nothing was paid for settlement or data at these fees"
        )
        blobs = ""
        if c.blobs:
            fill = c.data_bytes / (c.blobs * DATA_BYTES_PER_BLOB) * 100
            blobs = (
                f"; {whole(c.data_bytes / c.blobs)} bytes and {decimal(c.transfers / c.blobs)} "
                f"L2 transfers per blob, {decimal(fill)} % of the {whole(DATA_BYTES_PER_BLOB)} "
                "data bytes its blobs carry"
            )
        per_transfer = f"; {total / c.transfers:.3g} ETH per L2 transfer" if c.transfers else ""
        found.append(
            f"{c.mode}: over {whole(c.commits)} commits of {whole(c.transfers)} L2 transfers, "
            f"{split}{blobs}{per_transfer}, at {fees.describe()}."
        )
    return found


def run_mode_findings(records: Iterable[TxRecord], summary: RunSummary) -> list[str]:
    """A run's findings per mode at its fees: those of its own scenario (``main``), then, named
    by their strategies, those of the one it is compared with (every other scenario's records).
    """
    if summary.fees is None:
        return []
    blob_mode = summary.da if summary.da != CALLDATA else "blob"
    own: list[TxRecord] = []
    compared: list[TxRecord] = []
    for record in records:
        (own if record.scenario == MAIN_SCENARIO else compared).append(record)
    runs = [(summary, own)]
    if summary.compared is not None:
        runs.append((summary.compared, compared))
    lines = []
    for run, mine in runs:
        if not mine:
            continue
        costs = mode_costs(mine, txs_per_batch=summary.outcome.txs_per_batch, blob_mode=blob_mode)
        prefix = f"{run.outcome.strategy_description}: " if len(runs) > 1 else ""
        lines += [prefix + line for line in mode_findings(costs, summary.fees)]
    return lines
