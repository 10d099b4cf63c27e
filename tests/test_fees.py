"""The fees a report prices gas at: given, read from a node, or the model's defaults; the cost
they give; and bad fees as one line."""

from __future__ import annotations

import json

import pytest
from command_line import assert_one_line_error, invoke

from harness.chain.backends import open_chain
from harness.chain.node_fees import read_node_fees
from harness.chain.transport import RPC_RETRIES_ENV
from harness.common.errors import UsageError
from harness.costmodel.estimator import DEFAULT_ETH_USD, DEFAULT_GAS_PRICE_GWEI
from harness.costmodel.fees import (
    DEFAULT_FEES,
    GIVEN,
    MODEL_DEFAULTS,
    WEI_PER_GWEI,
    Fees,
    L1Cost,
    given_fees,
    node_fees,
)
from harness.ethereum.limits import BLOB_BASE_COST, GAS_PER_BLOB


def test_the_default_blob_base_fee_is_eip_7918s_floor_at_the_default_base_fee():
    assert DEFAULT_FEES.base_fee_gwei == DEFAULT_GAS_PRICE_GWEI
    assert DEFAULT_FEES.eth_usd == DEFAULT_ETH_USD
    assert DEFAULT_FEES.source == MODEL_DEFAULTS
    # At this blob fee a blob's blob gas costs exactly BLOB_BASE_COST gas at the base fee.
    base_wei = DEFAULT_FEES.base_fee_gwei * WEI_PER_GWEI
    blob_wei = DEFAULT_FEES.blob_base_fee_gwei * WEI_PER_GWEI
    assert GAS_PER_BLOB * blob_wei == BLOB_BASE_COST * base_wei


def test_the_cost_prices_execution_gas_at_the_base_fee_and_blob_gas_at_the_blob_fee():
    fees = Fees(0.5, 0.002, 2_500.0, GIVEN)
    cost = L1Cost(fees, execution_gas=1_234_567, blob_gas=3 * GAS_PER_BLOB)
    assert cost.execution_eth == pytest.approx(1_234_567 * 0.5e-9)
    assert cost.blob_eth == pytest.approx(3 * GAS_PER_BLOB * 0.002e-9)
    assert cost.total_eth == pytest.approx(cost.execution_eth + cost.blob_eth)
    assert cost.usd == pytest.approx(cost.total_eth * 2_500)
    document = cost.to_json()
    assert Fees.from_json(document["fees"]) == fees
    assert set(document) == {"fees", "execution_eth", "blob_eth", "total_eth", "usd"}


def test_fees_not_given_are_the_models_and_the_source_says_which_were_given():
    assert given_fees() == DEFAULT_FEES
    assert given_fees(1.0, 0.1, 2_000.0) == Fees(1.0, 0.1, 2_000.0, GIVEN)
    partly = given_fees(base_fee_gwei=2.0)
    assert (partly.base_fee_gwei, partly.blob_base_fee_gwei) == (
        2.0,
        DEFAULT_FEES.blob_base_fee_gwei,
    )
    assert partly.source == f"{GIVEN}: base fee; rest {MODEL_DEFAULTS}"
    quoted = node_fees("http://127.0.0.1:1", 7 * WEI_PER_GWEI, 3, None)
    assert (quoted.base_fee_gwei, quoted.blob_base_fee_gwei) == (7.0, 3e-9)
    assert quoted.eth_usd == DEFAULT_ETH_USD and quoted.source.startswith("node http://127.0.0.1:1")


@pytest.mark.parametrize(
    ("values", "parameter"),
    [
        ((-1.0, 1.0, 1.0), "base_fee_gwei"),
        ((1.0, float("nan"), 1.0), "blob_base_fee_gwei"),
        ((1.0, 1.0, 0.0), "eth_usd"),
    ],
)
def test_fees_that_are_no_price_are_refused_by_parameter_name(values, parameter):
    with pytest.raises(UsageError, match=parameter):
        Fees(*values, GIVEN)


def test_a_nodes_fees_are_its_next_blocks_base_fee_and_blob_base_fee():
    with open_chain("anvil", fork="osaka") as chain:
        quoted = read_node_fees(chain.url)
        history = chain.w3.eth.fee_history(1, "latest", [])
        blob_fee = int(chain.w3.provider.make_request("eth_blobBaseFee", [])["result"], 16)
    assert quoted.base_fee_wei == history["baseFeePerGas"][-1] > 0
    assert quoted.blob_base_fee_wei == blob_fee > 0


def test_a_run_prices_its_measured_gas_at_the_fees_a_node_quotes(tmp_path):
    with open_chain("anvil", fork="osaka") as node:
        quoted = read_node_fees(node.url)
        result = invoke(
            "run", "--proofs", "1", "--backend", "eth-tester", "--prover", "mock",
            "--fees-from", node.url, "--eth-usd", "2000", "--json", "--out", str(tmp_path),
        )  # fmt: skip
    assert result.exit_code == 0, (result.stderr, result.exception)
    summary = json.loads(result.stdout)
    cost = summary["cost"]
    assert cost["fees"] == {
        "base_fee_gwei": quoted.base_fee_wei / WEI_PER_GWEI,
        "blob_base_fee_gwei": quoted.blob_base_fee_wei / WEI_PER_GWEI,
        "eth_usd": 2000.0,
        "source": f"node {node.url}",
    }
    gas = summary["gas"]
    assert cost["execution_eth"] == pytest.approx(
        gas["total"] * cost["fees"]["base_fee_gwei"] / 1e9
    )
    assert cost["blob_eth"] == pytest.approx(gas["blob"] * cost["fees"]["blob_base_fee_gwei"] / 1e9)
    assert cost["usd"] == pytest.approx((cost["execution_eth"] + cost["blob_eth"]) * 2000)


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (("--base-fee-gwei", "-1"), "--base-fee-gwei"),
        (("--eth-usd", "0"), "--eth-usd"),
        (("--blob-base-fee-gwei", "inf"), "--blob-base-fee-gwei"),
        (("--fees-from", "not a url"), "is not a URL"),
        (("--fees-from", "http://127.0.0.1:1", "--base-fee-gwei", "1"), "drop the ones given"),
    ],
)
def test_bad_fees_are_one_line_errors(flags, needle):
    assert_one_line_error(invoke("run", "--proofs", "1", "--backend", "eth-tester", *flags), needle)


def test_a_fee_node_nobody_answers_is_a_one_line_error(refused_url):
    args = ("run", "--proofs", "1", "--backend", "eth-tester", "--fees-from", refused_url)
    result = invoke(*args, env={RPC_RETRIES_ENV: "1"})
    line = assert_one_line_error(result, f"no JSON-RPC node answers at {refused_url}")
    assert "after 1 retries" in line  # a read of the node's fees is retried like any read
