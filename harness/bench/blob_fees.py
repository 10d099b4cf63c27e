"""Blob fees under load: fill blocks above the blob target on a node, one after another, and
record the blob base fee each block leaves behind.

Mining is manual (``anvil_setAutomine false``, then ``evm_mine`` per block): before each block
the sender queues type-3 transactions carrying the fork's most blobs per block, signed here
and sent raw (the node's own signing takes no blobs). After each block the header's
``blobGasUsed``, ``excessBlobGas`` and ``baseFeePerGas`` and the node's ``eth_blobBaseFee``
(the fee of the block to come) are recorded.

The measured excess is then set against EIP-4844's update (with EIP-7918's reserve price
where the schedule has it, fed with the measured base fees) under every blob schedule of
:data:`~harness.ethereum.limits.BLOB_SCHEDULES`: a schedule matches when its formula gives the
node's excess for every block. The formula's own curve — the same full blocks from the same
start — says how many full blocks multiply the blob fee by 10 and by 100 under each schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eth_account import Account

from harness.chain.backends import LOCAL_CHAIN_ID
from harness.chain.base import Chain
from harness.common.errors import ChainError, UsageError
from harness.ethereum import blobs as kzg
from harness.ethereum.blob_tx import BlobSidecar, network_form, sidecar
from harness.ethereum.limits import (
    BLOB_SCHEDULES,
    GAS_PER_BLOB,
    BlobSchedule,
    blob_base_fee,
    blob_schedule,
    next_excess_blob_gas,
)

#: The fee multiples the report counts full blocks to.
MULTIPLES = (10, 100)
#: The key of the sender of the blob transactions: the first local account's.
SENDER_KEY = (1).to_bytes(32, "big")
#: Fee caps high enough for any fee the bench can reach (wei).
MAX_FEE_PER_GAS = 10**12
MAX_FEE_PER_BLOB_GAS = 10**15
#: A plain transfer to the sender itself: the blobs are the load.
TX_GAS = 21_000

Request = Callable[[str, list[Any]], Any]


@dataclass(frozen=True)
class BlockFees:
    """One mined block: the blobs it held, its header's fee fields, and the blob base fee the
    node quoted for the next block."""

    number: int
    blobs: int
    excess_blob_gas: int
    base_fee_wei: int
    next_blob_base_fee_wei: int


@dataclass(frozen=True)
class ScheduleCheck:
    """One blob schedule's formula against the measured blocks."""

    schedule: BlobSchedule
    #: The excess the formula gives each block after the first, from the block before it.
    predicted_excess: tuple[int, ...]
    #: Whether every prediction is the node's excess.
    matches: bool
    #: The blob base fee of each block the formula gives for the same run of full blocks.
    formula_fees: tuple[int, ...]

    def blocks_to(self, multiple: int) -> int | None:
        """Full blocks after which the formula's fee is ``multiple`` times its first."""
        return _blocks_to(self.formula_fees, multiple)


@dataclass(frozen=True)
class BlobFeeCurve:
    """What a bench of full blob blocks measured, and every schedule's formula beside it."""

    fork: str
    client: str
    blobs_per_block: int
    blobs_per_tx: int
    #: The blob base fee the node quoted before the first block.
    start_blob_base_fee_wei: int
    blocks: tuple[BlockFees, ...]
    checks: tuple[ScheduleCheck, ...]

    @property
    def measured_fees(self) -> tuple[int, ...]:
        """The blob base fee the node quoted before the first block and after each one."""
        return (self.start_blob_base_fee_wei, *(b.next_blob_base_fee_wei for b in self.blocks))

    def blocks_to(self, multiple: int) -> int | None:
        """Full blocks after which the measured fee is ``multiple`` times its first (None:
        not within the blocks mined)."""
        return _blocks_to(self.measured_fees, multiple)

    @property
    def matching(self) -> tuple[str, ...]:
        """The schedules whose formula gives the node's excess for every block."""
        return tuple(check.schedule.fork for check in self.checks if check.matches)

    def to_json(self) -> dict[str, Any]:
        """The whole measurement, with each schedule's verdict and multiples."""
        return {
            "fork": self.fork,
            "client": self.client,
            "blobs_per_block": self.blobs_per_block,
            "blobs_per_tx": self.blobs_per_tx,
            "blocks": [vars(block) for block in self.blocks],
            "measured": {
                "blob_base_fee_wei": list(self.measured_fees),
                **{f"blocks_to_x{m}": self.blocks_to(m) for m in MULTIPLES},
            },
            "schedules": [
                {
                    "schedule": check.schedule.fork,
                    "target_per_block": check.schedule.target_per_block,
                    "max_per_block": check.schedule.max_per_block,
                    "update_fraction": check.schedule.update_fraction,
                    "reserve_price": check.schedule.reserve_price,
                    "matches": check.matches,
                    "formula_blob_base_fee_wei": list(check.formula_fees),
                    **{f"blocks_to_x{m}": check.blocks_to(m) for m in MULTIPLES},
                }
                for check in self.checks
            ],
            "matching": list(self.matching),
        }


def _blocks_to(fees: Sequence[int], multiple: int) -> int | None:
    return next((n for n, fee in enumerate(fees) if fee >= multiple * fees[0]), None)


def blobs_per_tx(schedule: BlobSchedule) -> int:
    """The most blobs a transaction may carry such that whole transactions fill a block."""
    return max(k for k in range(1, schedule.max_per_tx + 1) if schedule.max_per_block % k == 0)


def check_schedule(blocks: Sequence[BlockFees], schedule: BlobSchedule) -> ScheduleCheck:
    """``schedule``'s formula against the measured ``blocks``: the excess it predicts for
    each block from the one before, and its own fee curve for full blocks from the first
    block's excess at the measured base fees."""
    fork = schedule.fork
    predicted = tuple(
        next_excess_blob_gas(
            before.excess_blob_gas, before.blobs * GAS_PER_BLOB, before.base_fee_wei, fork
        )
        for before in blocks[:-1]
    )
    measured = tuple(block.excess_blob_gas for block in blocks[1:])
    excess = blocks[0].excess_blob_gas
    fees = [blob_base_fee(excess, fork)]
    for block in blocks:
        excess = next_excess_blob_gas(excess, schedule.max_blob_gas, block.base_fee_wei, fork)
        fees.append(blob_base_fee(excess, fork))
    return ScheduleCheck(schedule, predicted, predicted == measured, tuple(fees))


class _BlobSender:
    """Signs and sends raw type-3 transactions carrying one prepared sidecar."""

    def __init__(self, request: Request, car: BlobSidecar, fork: str) -> None:
        self._request = request
        self._car = car
        self._fork = fork
        self._account = Account.from_key(SENDER_KEY)
        self._nonce = int(
            request("eth_getTransactionCount", [self._account.address, "pending"]), 16
        )

    def send(self) -> None:
        """Queue one transaction with the sidecar's blobs."""
        tx = {
            "type": 3,
            "chainId": LOCAL_CHAIN_ID,
            "nonce": self._nonce,
            "to": self._account.address,
            "value": 0,
            "gas": TX_GAS,
            "maxFeePerGas": MAX_FEE_PER_GAS,
            "maxPriorityFeePerGas": 1,
            "maxFeePerBlobGas": MAX_FEE_PER_BLOB_GAS,
            "blobVersionedHashes": list(self._car.versioned_hashes),
        }
        signed = self._account.sign_transaction(tx)
        raw = network_form(bytes(signed.raw_transaction), self._car)
        self._request("eth_sendRawTransaction", ["0x" + raw.hex()])
        self._nonce += 1


def _requester(chain: Chain) -> Request:
    def request(method: str, params: list[Any]) -> Any:
        answer = chain.w3.provider.make_request(method, params)  # type: ignore[arg-type]
        if "error" in answer:
            raise ChainError(f"the node refused {method}: {answer['error'].get('message')}")
        return answer.get("result")

    return request


def _block(request: Request) -> BlockFees:
    header = request("eth_getBlockByNumber", ["latest", False])
    return BlockFees(
        number=int(header["number"], 16),
        blobs=int(header.get("blobGasUsed") or "0x0", 16) // GAS_PER_BLOB,
        excess_blob_gas=int(header.get("excessBlobGas") or "0x0", 16),
        base_fee_wei=int(header["baseFeePerGas"], 16),
        next_blob_base_fee_wei=int(request("eth_blobBaseFee", []), 16),
    )


def measure_blob_fees(chain: Chain, blocks: int) -> BlobFeeCurve:
    """Mine ``blocks`` blocks, each filled with the most blobs the chain's fork allows in a
    block, on ``chain`` (a node with manual mining: anvil); the curve and every schedule's
    formula beside it. Leaves the node mining on demand."""
    if blocks < 2:
        raise UsageError(f"blocks must be at least 2 to see the fee move, got {blocks}")
    fork = chain.info.fork
    schedule = blob_schedule(fork)
    per_tx = blobs_per_tx(schedule)
    txs_per_block = schedule.max_per_block // per_tx
    data = bytes(range(256)) * (kzg.payload_capacity(per_tx) // 256)
    car = sidecar(kzg.pack(data), fork)
    request = _requester(chain)
    request("anvil_setAutomine", [False])
    sender = _BlobSender(request, car, fork)
    start_fee = int(request("eth_blobBaseFee", []), 16)
    mined = []
    for _ in range(blocks):
        for _ in range(txs_per_block):
            sender.send()
        request("evm_mine", [])
        block = _block(request)
        if block.blobs != schedule.max_per_block:
            raise ChainError(
                f"block {block.number} holds {block.blobs} blobs, not the "
                f"{schedule.max_per_block} {fork} allows; the node applies other blob limits"
            )
        mined.append(block)
    checks = tuple(check_schedule(mined, s) for s in BLOB_SCHEDULES.values())
    return BlobFeeCurve(
        fork, chain.info.client, schedule.max_per_block, per_tx, start_fee, tuple(mined), checks
    )
