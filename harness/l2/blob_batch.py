"""A batch posted in blobs, and the data hash each data-availability mode accumulates.

The rollup extends ``acc[i] = SHA-256(acc[i-1] || h_i)``; ``h_i`` depends on where batch
``i``'s data travels (``data`` is the batch's canonical encoding, :meth:`Batch.encode`):

``calldata``
    ``h = SHA-256(data)``: the data is the calldata of ``commitBatch``.
``blob``
    ``h = SHA-256(vh_0 || ... || vh_{n-1})``, the versioned hashes of the blobs that carry
    ``data`` (packed as :mod:`harness.ethereum.blobs` describes), in blob order. The contract
    reads them with ``BLOBHASH`` in ``commitBlobBatch``.
``blob-kzg``
    Each blob ``j`` is also opened at a challenge point through the point-evaluation
    precompile in ``commitBlobBatchKzg``. With ``d = SHA-256(data)``,
    ``z_j = int(SHA-256(vh_j || d)) mod BLS_MODULUS`` (big-endian) and ``y_j`` the value at
    ``z_j`` of the polynomial whose evaluations are blob ``j``'s field elements,
    ``h = SHA-256(d || vh_0 || y_0 || ... || vh_{n-1} || y_{n-1})``.

    Binding ``d`` and the ``y_j`` is what gives the openings their meaning: a batch program
    that reads ``data`` computes ``d``, the ``z_j`` and the ``y_j`` itself, so equal
    accumulators tie the blobs the contract saw to the data the proof read (two different
    polynomials agree at a point chosen after both are fixed with negligible probability).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from harness.common.errors import UsageError
from harness.ethereum import blobs as kzg
from harness.ethereum.limits import blob_schedule
from harness.l2.batch import TRANSFER_SIZE, data_hash

DA_MODES = ("calldata", "blob", "blob-kzg")
#: Bytes of one opening in ``commitBlobBatchKzg``'s ``openings``: y, commitment, proof.
OPENING_SIZE = kzg.BYTES_PER_FIELD_ELEMENT + kzg.COMMITMENT_SIZE + kzg.PROOF_SIZE


def check_da(mode: str) -> str:
    """``mode`` if it names a data-availability mode; raises :class:`UsageError` otherwise."""
    if mode not in DA_MODES:
        raise UsageError(
            f"unknown data-availability mode {mode!r}; choose one of {', '.join(DA_MODES)}"
        )
    return mode


def transfers_per_blobs(blobs: int = 1) -> int:
    """How many encoded transfers ``blobs`` blobs carry."""
    return kzg.payload_capacity(blobs) // TRANSFER_SIZE


def check_fits_one_transaction(txs_per_batch: int, fork: str) -> None:
    """Refuse batches of ``txs_per_batch`` transfers that need more blobs than one transaction
    may carry on ``fork`` (a batch is committed by one transaction, never split)."""
    needed = kzg.blobs_needed(txs_per_batch * TRANSFER_SIZE)
    most = blob_schedule(fork).max_per_tx
    if needed > most:
        raise UsageError(
            f"a batch of {txs_per_batch:,} transfers needs {needed} blobs, but a transaction "
            f"on {fork} carries at most {most} ({transfers_per_blobs(most):,} transfers); "
            f"lower txs_per_batch"
        )


def challenge_point(versioned_hash: bytes, batch_data_hash: bytes) -> int:
    """The point a blob is opened at: ``SHA-256(vh || d)`` as a big-endian integer, reduced
    modulo the BLS12-381 scalar field's order."""
    digest = hashlib.sha256(versioned_hash + batch_data_hash).digest()
    return int.from_bytes(digest, "big") % kzg.BLS_MODULUS


@dataclass(frozen=True)
class BlobOpening:
    """One blob opened at its challenge point: ``y`` is its value at ``z``."""

    versioned_hash: bytes
    commitment: bytes
    z: int
    y: int
    proof: bytes

    def encode(self) -> bytes:
        """This blob's 128 bytes in ``commitBlobBatchKzg``: ``y || commitment || proof``."""
        return self.y.to_bytes(kzg.BYTES_PER_FIELD_ELEMENT, "big") + self.commitment + self.proof


@dataclass(frozen=True)
class BlobBatch:
    """A batch's canonical encoding and the blobs that carry it."""

    data: bytes
    blobs: tuple[bytes, ...]

    @classmethod
    def of(cls, data: bytes) -> BlobBatch:
        """``data`` packed into as few blobs as hold it."""
        return cls(data, kzg.pack(data))

    @cached_property
    def versioned_hashes(self) -> tuple[bytes, ...]:
        """The blobs' versioned hashes, in order (what ``BLOBHASH`` returns)."""
        return tuple(kzg.versioned_hash(kzg.commitment(blob)) for blob in self.blobs)

    @property
    def data_hash(self) -> bytes:
        """``d``: SHA-256 of the batch's canonical encoding (its calldata-mode data hash)."""
        return data_hash(self.data)

    @property
    def blobs_hash(self) -> bytes:
        """``h`` in ``blob`` mode: SHA-256 of the versioned hashes."""
        return hashlib.sha256(b"".join(self.versioned_hashes)).digest()

    @cached_property
    def openings(self) -> tuple[BlobOpening, ...]:
        """Every blob opened at its challenge point (a KZG proof each: ~0.1 s per blob)."""
        opened = []
        for blob, versioned_hash in zip(self.blobs, self.versioned_hashes, strict=True):
            z = challenge_point(versioned_hash, self.data_hash)
            proof, y = kzg.evaluation_proof(blob, z)
            opened.append(BlobOpening(versioned_hash, kzg.commitment(blob), z, y, proof))
        return tuple(opened)

    @property
    def openings_data(self) -> bytes:
        """``commitBlobBatchKzg``'s ``openings`` argument: every opening's 128 bytes, in order."""
        return b"".join(opening.encode() for opening in self.openings)

    @property
    def kzg_hash(self) -> bytes:
        """``h`` in ``blob-kzg`` mode: SHA-256 of ``d`` and each versioned hash with its ``y``."""
        bound = b"".join(
            o.versioned_hash + o.y.to_bytes(kzg.BYTES_PER_FIELD_ELEMENT, "big")
            for o in self.openings
        )
        return hashlib.sha256(self.data_hash + bound).digest()


def batch_hash(data: bytes, da: str) -> bytes:
    """``h``: what committing ``data`` in data-availability mode ``da`` extends the
    accumulator with."""
    if check_da(da) == "calldata":
        return data_hash(data)
    batch = BlobBatch.of(data)
    return batch.blobs_hash if da == "blob" else batch.kzg_hash
