"""A deterministic, seeded L2 workload: funded genesis accounts and batches of valid transfers.

The same ``(seed, accounts, txs_per_batch)`` always gives byte-identical batches, so a run can be
repeated (and its receipts replayed) exactly.

Genesis account ``k`` has the address
``SHA-256("rollup-harness.l2.account" || seed (8, big-endian) || k (4, big-endian))[0:20]``
and a balance of :data:`GENESIS_BALANCE`. Transfers move between genesis accounts: a uniformly
chosen sender with a non-zero balance, a different uniformly chosen recipient, an amount
between 1 and ``min(MAX_AMOUNT, balance)``, and the sender's current nonce. Each uniform choice
below ``n`` takes ``n.bit_length()`` bits of Python's Mersenne Twister seeded with ``seed``
(``getrandbits``), drawn again while they are ``n`` or more.
Every generated transfer is valid when the batches are applied in order to the genesis state.
"""

from __future__ import annotations

import hashlib
import random

from harness.common.errors import UsageError
from harness.l2.batch import Batch
from harness.l2.state import Account, Address, L2State, Transfer

DEFAULT_ACCOUNTS = 64
DEFAULT_TXS_PER_BATCH = 100
#: 10^6 tokens of 18 decimals per genesis account.
GENESIS_BALANCE = 10**24
#: At most one token of 18 decimals per transfer.
MAX_AMOUNT = 10**18
_ADDRESS_DOMAIN = b"rollup-harness.l2.account"


def _check_seed(seed: int) -> None:
    if not 0 <= seed < 2**64:
        raise UsageError(f"workload seed {seed} must be between 0 and 2**64 - 1")


def account_address(seed: int, index: int) -> Address:
    """The address of genesis account ``index`` for ``seed``."""
    _check_seed(seed)
    preimage = _ADDRESS_DOMAIN + seed.to_bytes(8, "big") + index.to_bytes(4, "big")
    return hashlib.sha256(preimage).digest()[:20]


def genesis(seed: int = 0, accounts: int = DEFAULT_ACCOUNTS) -> L2State:
    """The genesis state: ``accounts`` accounts derived from ``seed``, each fully funded."""
    if not 2 <= accounts < 2**32:
        raise UsageError(f"a workload needs at least 2 accounts, got {accounts}")
    return L2State({account_address(seed, k): Account(GENESIS_BALANCE, 0) for k in range(accounts)})


def batches(
    n: int,
    txs_per_batch: int = DEFAULT_TXS_PER_BATCH,
    seed: int = 0,
    accounts: int = DEFAULT_ACCOUNTS,
) -> list[Batch]:
    """The first ``n`` batches of the workload, each of ``txs_per_batch`` valid transfers."""
    if n < 0 or txs_per_batch < 0:
        raise UsageError(f"batch count {n} and transfers per batch {txs_per_batch} must be >= 0")
    state = genesis(seed, accounts)
    addresses = sorted(state.accounts)
    rng = random.Random(seed)
    out: list[Batch] = []
    for _ in range(n):
        transfers = []
        for _ in range(txs_per_batch):
            tx = _next_transfer(rng, state, addresses)
            state.apply_transfer(tx)
            transfers.append(tx)
        out.append(Batch(tuple(transfers)))
    return out


def _next_transfer(rng: random.Random, state: L2State, addresses: list[Address]) -> Transfer:
    """A random transfer that is valid against ``state``."""
    while True:
        i = _below(rng, len(addresses))
        sender = state.account(addresses[i])
        if sender.balance:
            break
    j = _below(rng, len(addresses) - 1)
    if j >= i:
        j += 1
    return Transfer(
        sender=addresses[i],
        recipient=addresses[j],
        amount=1 + _below(rng, min(MAX_AMOUNT, sender.balance)),
        nonce=sender.nonce,
    )


def _below(rng: random.Random, n: int) -> int:
    """A uniform integer in ``[0, n)``: ``n.bit_length()`` random bits, drawn again until they
    are below ``n`` (what ``randrange(n)`` draws, at a fraction of its cost)."""
    bits = n.bit_length()
    drawn = rng.getrandbits(bits)
    while drawn >= n:
        drawn = rng.getrandbits(bits)
    return drawn
