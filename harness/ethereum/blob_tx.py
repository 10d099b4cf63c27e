"""Type-3 (blob-carrying) transactions in the network form a node accepts.

A signed type-3 transaction names its blobs only by their versioned hashes; the blobs, their
commitments and proofs travel beside it, in a wrapper around the signed payload (the
transaction hash is that of the payload alone):

- up to Prague (EIP-4844): ``0x03 || rlp([payload, blobs, commitments, proofs])``, one proof
  per blob;
- from Osaka (EIP-7594): ``0x03 || rlp([payload, 1, blobs, commitments, cell_proofs])``, 128
  cell proofs per blob.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import rlp
from eth_keys import keys
from eth_utils import keccak
from rlp.codec import length_prefix

from harness.common.errors import UsageError
from harness.ethereum import blobs as kzg
from harness.ethereum.limits import GAS_PER_BLOB, blob_schedule

BLOB_TX_TYPE = 3
#: EIP-4844: the fields of a type-3 transaction that its signature covers, in their order.
SIGNED_FIELDS = (
    "chainId",
    "nonce",
    "maxPriorityFeePerGas",
    "maxFeePerGas",
    "gas",
    "to",
    "value",
    "data",
    "accessList",
    "maxFeePerBlobGas",
    "blobVersionedHashes",
)
#: EIP-7594: the wrapper version of a network form with cell proofs.
CELL_PROOF_WRAPPER_VERSION = 1
#: RLP: the first byte of a list's encoding is at least this.
RLP_LIST_OFFSET = 0xC0
#: RLP: the first byte of a byte string's encoding (other than one byte below it) is at least this.
RLP_STRING_OFFSET = 0x80


@dataclass(frozen=True)
class BlobSidecar:
    """The blobs of one transaction with what a node checks them against."""

    blobs: tuple[bytes, ...]
    commitments: tuple[bytes, ...]
    #: One proof per blob, or 128 cell proofs per blob when ``cell_proofs``.
    proofs: tuple[bytes, ...]
    cell_proofs: bool

    @property
    def versioned_hashes(self) -> tuple[bytes, ...]:
        """What the transaction names its blobs by, and ``BLOBHASH`` returns, in order."""
        return tuple(kzg.versioned_hash(c) for c in self.commitments)

    @property
    def blob_gas(self) -> int:
        """The blob gas the transaction uses: ``GAS_PER_BLOB`` per blob."""
        return GAS_PER_BLOB * len(self.blobs)


def sidecar(blobs: Sequence[bytes], fork: str, *, proofs: bool = True) -> BlobSidecar:
    """The sidecar of ``blobs`` in ``fork``'s network form; refuses more blobs than one
    transaction may carry on ``fork``. Without ``proofs`` it holds only the commitments
    (enough to name the blobs), for a node that takes the transaction without its sidecar."""
    schedule = blob_schedule(fork)
    if not 1 <= len(blobs) <= schedule.max_per_tx:
        raise UsageError(
            f"a transaction on {fork} carries 1 to {schedule.max_per_tx} blobs, got {len(blobs)}"
        )
    for index, blob in enumerate(blobs):
        if len(blob) != kzg.BYTES_PER_BLOB:
            raise UsageError(f"blob {index} is {len(blob):,} bytes, not {kzg.BYTES_PER_BLOB:,}")
    commitments = tuple(kzg.commitment(blob) for blob in blobs)
    car = BlobSidecar(tuple(blobs), commitments, (), schedule.cell_proofs)
    return proved(car) if proofs else car


def proved(car: BlobSidecar) -> BlobSidecar:
    """``car`` with its proofs made: 128 cell proofs per blob, or one proof per blob."""
    if car.cell_proofs:
        made = tuple(proof for blob in car.blobs for proof in kzg.cell_proofs(blob))
    else:
        made = tuple(kzg.blob_proof(blob) for blob in car.blobs)
    return replace(car, proofs=made)


def network_form(signed: bytes, car: BlobSidecar) -> bytes:
    """The signed type-3 transaction ``signed`` (``0x03 || rlp(payload)``) wrapped with its
    sidecar, as ``eth_sendRawTransaction`` takes it."""
    if len(signed) < 2 or signed[0] != BLOB_TX_TYPE or signed[1] < RLP_LIST_OFFSET:
        raise UsageError("a blob transaction's signed bytes are 0x03 and an RLP list")
    # The payload is already an RLP item: the wrapper's body is it and the other items encoded
    # after it (the same bytes as encoding the decoded payload again, without decoding it).
    version = rlp.encode(CELL_PROOF_WRAPPER_VERSION) if car.cell_proofs else b""
    lists = (car.blobs, car.commitments, car.proofs)
    body = b"".join((signed[1:], version, *(_rlp_byte_strings(items) for items in lists)))
    return bytes([BLOB_TX_TYPE]) + length_prefix(len(body), RLP_LIST_OFFSET) + body


def _rlp_byte_strings(items: Sequence[bytes]) -> bytes:
    """The RLP list of the byte strings ``items`` (``rlp.encode`` gives the same bytes, but
    works out each item's kind first: some 0.5 ms for an osaka blob's 128 cell proofs)."""
    body = b"".join(
        item
        if len(item) == 1 and item[0] < RLP_STRING_OFFSET
        else length_prefix(len(item), RLP_STRING_OFFSET) + item
        for item in items
    )
    return length_prefix(len(body), RLP_LIST_OFFSET) + body


def sign_blob_tx(private_key: bytes, tx: Mapping[str, Any]) -> bytes:
    """``tx`` (the :data:`SIGNED_FIELDS`: quantities as ints, ``to`` a 0x-address, ``data``
    and the versioned hashes as bytes, an empty access list) signed with ``private_key``:
    ``0x03 || rlp([*fields, y_parity, r, s])``, the signature over
    ``keccak(0x03 || rlp(fields))`` (EIP-4844)."""
    if tx["accessList"]:
        raise UsageError("a transaction with blobs is signed here with an empty access list")
    fields = [tx[name] for name in SIGNED_FIELDS]
    fields[SIGNED_FIELDS.index("to")] = bytes.fromhex(tx["to"].removeprefix("0x"))
    digest = keccak(bytes([BLOB_TX_TYPE]) + rlp.encode(fields))
    signature = _signing_key(private_key).sign_msg_hash(digest)
    return bytes([BLOB_TX_TYPE]) + rlp.encode([*fields, *signature.vrs])


@functools.lru_cache(maxsize=64)
def _signing_key(private_key: bytes) -> keys.PrivateKey:
    """The key object of ``private_key`` (making one derives its public key: kept)."""
    return keys.PrivateKey(private_key)
