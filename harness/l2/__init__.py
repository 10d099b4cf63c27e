"""The L2 reference model: accounts, transfers, batches, the state root and range journals.

Pure Python and independent of any chain: this is the logic a batch program runs, and the harness
runs it to know the true state roots and accumulators it expects the rollup contract to accept.
"""

from harness.l2.batch import GENESIS_ACCUMULATOR, Batch, MalformedBatch, acc_next, data_hash
from harness.l2.journal import RangeJournal
from harness.l2.roots import Checkpoint, chain_of_roots
from harness.l2.state import Account, InvalidTransfer, L2State, Transfer

__all__ = [
    "GENESIS_ACCUMULATOR",
    "Account",
    "Batch",
    "Checkpoint",
    "InvalidTransfer",
    "L2State",
    "MalformedBatch",
    "RangeJournal",
    "Transfer",
    "acc_next",
    "chain_of_roots",
    "data_hash",
]
