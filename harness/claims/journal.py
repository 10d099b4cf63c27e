"""The journal of a range proof: what a batch or aggregator program commits and the rollup checks.

The journal is the ABI encoding of nine static words, byte-identical to what ``Rollup.finalize``
builds (and ``Rollup.journal`` returns)::

    abi.encode(uint256 chainId, address rollup, uint256 first, uint256 last,
               bytes32 prevStateRoot, bytes32 newStateRoot,
               bytes32 accBefore, bytes32 accAfter, bytes32 batchImageId)

``accBefore = acc[first - 1]`` and ``accAfter = acc[last]``. ``batchImageId`` is always the
batch program's image id, whichever program proved the range, so a batch proof and an aggregate
over the same range commit the same journal. A single batch ``i`` is the range ``[i, i]``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from eth_abi import decode as abi_decode
from eth_abi.exceptions import DecodingError
from eth_utils import to_canonical_address

from harness.common.errors import UsageError
from harness.l2.roots import Checkpoint

#: An address as 20 bytes (from 20 bytes or hex), worked out once for each of the few rollup
#: addresses a run's tens of thousands of journals name.
_canonical_address = lru_cache(maxsize=64)(to_canonical_address)

JOURNAL_TYPES = (
    "uint256",
    "address",
    "uint256",
    "uint256",
    "bytes32",
    "bytes32",
    "bytes32",
    "bytes32",
    "bytes32",
)
JOURNAL_SIZE = 32 * len(JOURNAL_TYPES)
_DIGEST_FIELDS = (
    "prev_state_root",
    "new_state_root",
    "acc_before",
    "acc_after",
    "batch_image_id",
)


@dataclass(frozen=True)
class RangeJournal:
    """The claim a range proof makes: batches ``first..last`` moved the state root as stated.

    ``rollup`` may be given as 20 bytes or a hex address; it is stored as 20 bytes.
    """

    chain_id: int
    rollup: bytes
    first: int
    last: int
    prev_state_root: bytes
    new_state_root: bytes
    acc_before: bytes
    acc_after: bytes
    batch_image_id: bytes

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "rollup", _canonical_address(self.rollup))
        except (TypeError, ValueError) as exc:
            raise UsageError(f"rollup address {self.rollup!r} is not an address") from exc
        for name in _DIGEST_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, bytes) or len(value) != 32:
                raise UsageError(f"journal field {name} must be 32 bytes, got {value!r}")
        if not 1 <= self.first <= self.last < 2**256 or not 0 <= self.chain_id < 2**256:
            raise UsageError(
                f"journal range [{self.first}, {self.last}] on chain {self.chain_id} is invalid"
            )

    @classmethod
    def over(
        cls,
        checkpoints: Sequence[Checkpoint],
        first: int,
        last: int,
        *,
        chain_id: int,
        rollup: bytes | str,
        batch_image_id: bytes,
    ) -> RangeJournal:
        """The journal of the range ``[first, last]`` of a :func:`chain_of_roots` result."""
        if not 1 <= first <= last < len(checkpoints):
            raise UsageError(
                f"range [{first}, {last}] is outside the {len(checkpoints) - 1} modelled batches"
            )
        before, after = checkpoints[first - 1], checkpoints[last]
        return cls(
            chain_id=chain_id,
            rollup=rollup,
            first=first,
            last=last,
            prev_state_root=before.state_root,
            new_state_root=after.state_root,
            acc_before=before.accumulator,
            acc_after=after.accumulator,
            batch_image_id=batch_image_id,
        )

    def encode(self) -> bytes:
        """The exact journal bytes the rollup contract hashes (288 bytes): the ABI encoding of
        static words, each integer as 32 big-endian bytes and the address left-padded with
        zeros (the fields were checked to fit when the journal was made)."""
        return b"".join(
            (
                self.chain_id.to_bytes(32, "big"),
                bytes(12) + self.rollup,
                self.first.to_bytes(32, "big"),
                self.last.to_bytes(32, "big"),
                self.prev_state_root,
                self.new_state_root,
                self.acc_before,
                self.acc_after,
                self.batch_image_id,
            )
        )

    @classmethod
    def decode(cls, data: bytes) -> RangeJournal:
        """The journal whose bytes are ``data`` (for example, read back from a receipt)."""
        if len(data) != JOURNAL_SIZE:
            raise UsageError(f"a range journal is {JOURNAL_SIZE} bytes, got {len(data)}")
        try:
            chain_id, rollup, first, last, *digests = abi_decode(JOURNAL_TYPES, data, strict=True)
        except DecodingError as exc:
            raise UsageError(f"range journal does not decode: {exc}") from exc
        return cls(chain_id, rollup, first, last, *digests)

    def digest(self) -> bytes:
        """SHA-256 of :meth:`encode`: the ``journalDigest`` passed to ``verify``."""
        return hashlib.sha256(self.encode()).digest()
