"""`bench rpc`: the harness and the two raw loops send as many transactions each, the same
transaction at the same gas, and ``--json`` prints the rates and their ratios."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from harness.bench.rpc import bench_rpc
from harness.chain import history
from harness.chain.direct import SYNC_SEND
from harness.cli import main
from harness.records.txlog import TxLog, read_txlog

pytestmark = pytest.mark.anvil


def test_both_loops_mine_as_many_commits_at_the_same_gas(chain_factory, tmp_path):
    chain = chain_factory("anvil")
    path = tmp_path / "txs.jsonl"
    with TxLog(path, backend="anvil", fork=chain.info.fork) as log:
        result = bench_rpc(chain, log, transactions=6)
    commits = [r for r in read_txlog(path) if r.kind == "commit"]
    assert len(commits) == 7, "one commit before the timed ones, then six"
    for raw_sender in chain.accounts[1:3]:  # the http.client loop's, the lean loop's
        assert chain.w3.eth.get_transaction_count(raw_sender) == 7
        raw_last = history.find_by_nonce(chain.w3, raw_sender, 6)
        assert raw_last is not None
        raw_gas = chain.w3.eth.get_transaction_receipt(raw_last.tx_hash)["gasUsed"]
        assert raw_gas == commits[-1].gas_used, "the seventh commit of each rollup costs the same"
    assert result.method == SYNC_SEND and result.transactions == 6
    assert result.ratio == pytest.approx(result.harness_tps / result.raw_tps)
    assert result.lean_ratio == pytest.approx(result.harness_tps / result.lean_raw_tps)


def test_json_prints_both_rates_and_their_ratio():
    outcome = CliRunner().invoke(main, ["bench", "rpc", "--transactions", "4", "--json"])
    assert outcome.exit_code == 0, outcome.output
    printed = json.loads(outcome.stdout)
    assert printed["transactions"] == 4 and printed["method"] == SYNC_SEND
    assert min(printed[f"{loop}_tx_per_s"] for loop in ("harness", "raw", "lean_raw")) > 0
    assert printed["ratio"] == pytest.approx(
        printed["raw_seconds"] / printed["harness_seconds"], abs=1e-3
    )
    assert printed["ratio_to_lean_raw"] == pytest.approx(
        printed["lean_raw_seconds"] / printed["harness_seconds"], abs=1e-3
    )
