"""Findings per data-availability mode from records: synthetic calldata and blob lines with a
known cost, and real small runs (one compared with another strategy)."""

from __future__ import annotations

import json

import pytest
from command_line import invoke
from test_txlog import RECORD

from harness.costmodel.fees import Fees
from harness.ethereum.blobs import DATA_BYTES_PER_BLOB
from harness.ethereum.limits import GAS_PER_BLOB
from harness.l2.batch import TRANSFER_SIZE
from harness.records.txlog import TxRecord, read_txlog
from harness.reports.da_findings import mode_costs, mode_findings

FEES = Fees(2.0, 0.5, 1_000.0, "given")
TXS_PER_BATCH = 100


def _line(kind: str, scenario: str, batch: int, gas: int, blobs: int = 0) -> TxRecord:
    blob_fields = (
        {"blob_count": blobs, "blob_gas_used": blobs * GAS_PER_BLOB, "blob_gas_price": 1}
        if blobs
        else {}
    )
    return TxRecord.from_json(
        RECORD
        | {"kind": kind, "scenario": scenario, "batches": [batch, batch], "gas_used": gas}
        | blob_fields
    )


RECORDS = [
    *(_line("commit", "calldata-run", b, 600_000) for b in (1, 2)),
    _line("finalize", "calldata-run", 2, 300_000),
    *(_line("commit", "blob-run", b, 60_000, blobs=1) for b in (1, 2)),
    _line("finalize", "blob-run", 2, 300_000),
    _line("deploy", "blob-run", 0, 5_000_000),
]


def test_each_modes_costs_are_its_commits_and_the_settlement_of_its_scenarios():
    calldata, blob = mode_costs(RECORDS, txs_per_batch=TXS_PER_BATCH, blob_mode="blob-kzg")
    assert (calldata.mode, calldata.commits, calldata.blobs) == ("calldata", 2, 0)
    assert (calldata.commit_gas, calldata.settlement_gas) == (1_200_000, 300_000)
    assert (blob.mode, blob.blobs, blob.blob_gas) == ("blob-kzg", 2, 2 * GAS_PER_BLOB)
    assert (blob.commit_gas, blob.settlement_gas, blob.transfers) == (120_000, 300_000, 200)


def test_findings_name_the_base_of_every_share_and_price_a_transfer():
    calldata, blob = mode_findings(mode_costs(RECORDS, txs_per_batch=TXS_PER_BATCH), FEES)
    data = (1_200_000 * 2.0) * 1e-9
    settle = 300_000 * 2.0 * 1e-9
    assert f"batch data is {data / (data + settle) * 100:.1f} %" in calldata
    assert "of the L1 cost of settlement + data" in calldata and "per blob" not in calldata
    assert f"{(data + settle) / 200:.3g} ETH per L2 transfer" in calldata
    blob_data = 120_000 * 2.0e-9 + 2 * GAS_PER_BLOB * 0.5e-9
    share = blob_data / (blob_data + settle) * 100
    assert f"batch data is {share:.1f} %" in blob
    fill = 200 * TRANSFER_SIZE / (2 * DATA_BYTES_PER_BLOB) * 100
    assert f"{100 * TRANSFER_SIZE:,} bytes and 100.0 L2 transfers per blob, {fill:.1f} %" in blob
    assert FEES.describe() in blob


def test_a_real_runs_findings_come_from_its_records(tmp_path):
    out = tmp_path / "run"
    result = invoke(
        "run", "--proofs", "2", "--backend", "eth-tester", "--prover", "mock", "--out", str(out),
        "--base-fee-gwei", "1",
    )  # fmt: skip
    assert result.exit_code == 0, (result.stderr, result.exception)
    summary = json.loads((out / "summary.json").read_text())
    (costs,) = mode_costs(read_txlog(out / "txs.jsonl"), txs_per_batch=100)
    assert costs.mode == summary["da"] == "blob"  # eth-tester's default: prague, blobs
    assert costs.blob_gas == summary["gas"]["blob"] == costs.blobs * GAS_PER_BLOB > 0
    assert costs.commit_gas == summary["gas"]["commit"]
    assert costs.settlement_gas == summary["gas"]["finalize"] + summary["gas"]["submit_root"]
    (printed,) = [line for line in result.stdout.splitlines() if line.startswith("finding")]
    fees = Fees.from_json(summary["cost"]["fees"])
    assert printed == f"finding   {mode_findings([costs], fees)[0]}"
    total = summary["cost"]["total_eth"]
    assert f"{total / 200:.3g} ETH per L2 transfer" in printed
    blob_fee_eth = fees.blob_base_fee_gwei * 1e-9
    assert total == pytest.approx(summary["gas"]["total"] * 1e-9 + costs.blob_gas * blob_fee_eth)


def test_a_compared_runs_findings_are_each_strategys_own_records(tmp_path):
    out = tmp_path / "run"
    result = invoke(
        "run", "--proofs", "4", "--backend", "eth-tester", "--prover", "mock", "--strategy",
        "single", "--compare", "none", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    records = list(read_txlog(out / "txs.jsonl"))
    summary = json.loads((out / "summary.json").read_text())
    fees = Fees.from_json(summary["cost"]["fees"])
    printed = [line for line in result.output.splitlines() if line.startswith("finding")]
    scenarios = ("main", "compare-none")
    assert len(printed) == 2 and {r.scenario for r in records} == set(scenarios)
    runs = (summary, summary["compared"])
    for line, scenario, run in zip(printed, scenarios, runs, strict=True):
        (costs,) = mode_costs([r for r in records if r.scenario == scenario], txs_per_batch=100)
        assert costs.settlement_gas == run["gas"]["finalize"] + run["gas"]["submit_root"]
        assert line == f"finding   {run['strategy_description']}: {mode_findings([costs], fees)[0]}"
