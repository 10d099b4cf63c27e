"""bench blobs: the blob base fee under full blocks, measured on anvil and set against each
blob schedule's EIP-4844 formula."""

from __future__ import annotations

import json

import pytest
from command_line import assert_one_line_error, invoke

from harness.bench.blob_fees import BlockFees, blobs_per_tx, check_schedule
from harness.ethereum.limits import (
    BLOB_BASE_COST,
    BLOB_SCHEDULES,
    GAS_PER_BLOB,
    fake_exponential,
    next_excess_blob_gas,
)


def _blocks_by_formula(fork: str, blobs: list[int], base_fees: list[int]) -> list[BlockFees]:
    """Blocks whose excess follows ``fork``'s formula, as a node applying it would mine them."""
    excess, made = 0, []
    for number, (count, base_fee) in enumerate(zip(blobs, base_fees, strict=True), 1):
        made.append(BlockFees(number, count, excess, base_fee, 0))
        excess = next_excess_blob_gas(excess, count * GAS_PER_BLOB, base_fee, fork)
    return made


def test_a_schedules_full_block_curve_is_fake_exponential_of_its_growing_excess():
    blocks = [BlockFees(n, 9, 0, 10**9 // n, 0) for n in range(1, 41)]
    for schedule in BLOB_SCHEDULES.values():
        check = check_schedule(blocks, schedule)
        step = schedule.max_blob_gas - schedule.target_blob_gas
        expected = [
            fake_exponential(1, n * step, schedule.update_fraction) for n in range(len(blocks) + 1)
        ]
        assert list(check.formula_fees) == expected
        ten = next(n for n, fee in enumerate(expected) if fee >= 10)
        assert check.blocks_to(10) == ten


def test_only_the_schedule_that_made_the_blocks_matches_them():
    # Blocks under and over the target at a base fee high enough for EIP-7918 to bind: the
    # reserve price tells osaka from prague, the target and fraction prague from cancun.
    blobs = [9, 9, 2, 9, 0, 9, 9, 1, 9, 9, 9, 3]
    base_fees = [50 * 10**9] * len(blobs)
    assert BLOB_BASE_COST * base_fees[0] > GAS_PER_BLOB  # the reserve binds at a 1-wei fee
    for fork in ("prague", "osaka"):
        made = _blocks_by_formula(fork, blobs, base_fees)
        verdicts = {
            name: check_schedule(made, schedule).matches
            for name, schedule in BLOB_SCHEDULES.items()
        }
        assert verdicts == {name: name == fork for name in BLOB_SCHEDULES}


def test_whole_transactions_fill_a_block():
    for schedule in BLOB_SCHEDULES.values():
        per_tx = blobs_per_tx(schedule)
        assert per_tx <= schedule.max_per_tx and schedule.max_per_block % per_tx == 0


def test_anvils_blob_fee_under_full_blocks_against_every_schedules_formula(tmp_path):
    result = invoke("bench", "blobs", "--blocks", "6", "--json", "--out", str(tmp_path))
    assert result.exit_code == 0, (result.stderr, result.exception)
    document = json.loads(result.stdout)
    assert json.loads((tmp_path / "blob-fees.json").read_text()) == document
    assert (tmp_path / "blob-fees.svg").read_text().lstrip().startswith("<?xml")
    osaka = BLOB_SCHEDULES["osaka"]
    blocks = document["blocks"]
    assert len(blocks) == 6 and all(b["blobs"] == osaka.max_per_block for b in blocks)
    # The fee the node quotes after each block is the formula's fee at the excess it puts in
    # the next block's header.
    for before, after in zip(blocks, blocks[1:], strict=False):
        quoted = fake_exponential(1, after["excess_blob_gas"], osaka.update_fraction)
        assert before["next_blob_base_fee_wei"] == quoted
    # A schedule matches exactly when its formula gives the node's excess for every block.
    for entry in document["schedules"]:
        fork = entry["schedule"]
        predicted = [
            next_excess_blob_gas(
                b["excess_blob_gas"], b["blobs"] * GAS_PER_BLOB, b["base_fee_wei"], fork
            )
            for b in blocks[:-1]
        ]
        assert entry["matches"] == (predicted == [b["excess_blob_gas"] for b in blocks[1:]])
    assert document["matching"] == [e["schedule"] for e in document["schedules"] if e["matches"]]
    fees = document["measured"]["blob_base_fee_wei"]
    assert fees[1:] == [b["next_blob_base_fee_wei"] for b in blocks]


@pytest.mark.parametrize("blocks", ["1", "x"])
def test_fewer_than_two_blocks_is_a_one_line_error(blocks):
    assert_one_line_error(invoke("bench", "blobs", "--blocks", blocks), "'--blocks'")
