"""EIP-4844 blobs: how bytes are packed into them, and their KZG commitments and proofs.

Packing
    A blob is 4,096 field elements of 32 bytes, each a big-endian integer that must be below
    the BLS12-381 scalar modulus. Every element here starts with a zero byte and carries 31
    data bytes, so any data is valid: 126,976 data bytes per blob.

    The bytes packed are a *stream*: the data's length as a 4-byte big-endian integer, then
    the data. The stream is cut into 31-byte chunks in order, the last one zero-padded; chunk
    ``k`` becomes element ``k % 4096`` of blob ``k // 4096``, and the last blob is filled up
    with zero elements. ``n`` blobs therefore carry ``126,976 * n - 4`` bytes of data, and a
    batch of ``L`` bytes takes ``ceil((L + 4) / 126,976)`` blobs, at least one.

    Unpacking reads the length from the first 4 bytes of the stream. It accepts only what
    :func:`pack` writes: every element's first byte zero, a length the blobs can hold, and
    nothing but zeros after the data. So packing and unpacking are inverse bijections between
    byte strings and well-formed blob lists.

KZG
    Commitments, versioned hashes (``0x01 || sha256(commitment)[1:]``) and proofs come from
    ``ckzg`` with the trusted setup of Ethereum's KZG ceremony as an installed package ships it
    (eth-account's copy, else py-evm's); it is loaded once per process, on first use, and
    nothing is downloaded.

    What is made for a blob is kept twice: in the process, by the blob's SHA-256, and on disk
    (:mod:`harness.ethereum.kzg_cache`), so that another process finds it. An entry read from
    disk is taken on its checksum, which binds its bytes to the setup, the blob and the part:
    checking its KZG proofs as well would need the trusted setup loaded, some 3.5 s of a core,
    in a process that otherwise never needs it. Each part is made only where it is used: a
    commitment, a blob proof (the network form before Osaka), the cell proofs (from Osaka on),
    an opening at a point.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import ckzg
import numpy

from harness.common.errors import ToolchainError, UsageError
from harness.ethereum import kzg_cache

FIELD_ELEMENTS_PER_BLOB = 4096
BYTES_PER_FIELD_ELEMENT = 32
BYTES_PER_BLOB = FIELD_ELEMENTS_PER_BLOB * BYTES_PER_FIELD_ELEMENT
#: Data bytes per field element: all but the leading zero byte.
DATA_BYTES_PER_ELEMENT = BYTES_PER_FIELD_ELEMENT - 1
#: Data bytes one blob carries (126,976).
DATA_BYTES_PER_BLOB = FIELD_ELEMENTS_PER_BLOB * DATA_BYTES_PER_ELEMENT
#: Bytes of the length that starts the packed stream.
LENGTH_PREFIX_SIZE = 4
#: EIP-4844: BLS_MODULUS, the order of the BLS12-381 scalar field.
BLS_MODULUS = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001
#: EIP-4844: VERSIONED_HASH_VERSION_KZG.
VERSIONED_HASH_VERSION_KZG = 0x01
COMMITMENT_SIZE = 48
PROOF_SIZE = 48
#: EIP-7594: CELLS_PER_EXT_BLOB, the cells (and cell proofs) of one blob.
CELLS_PER_BLOB = 128
CELL_PROOFS_SIZE = CELLS_PER_BLOB * PROOF_SIZE
#: A blob opened at a point, as kept: ``y || proof``.
OPENING_SIZE = BYTES_PER_FIELD_ELEMENT + PROOF_SIZE
#: ckzg's precomputation for cell proofs (0 to 15; the proofs are the same whatever it is).
#: Measured on a 2-core machine: 6 makes cell proofs about twice as fast as 0 (some 0.3 s a
#: blob instead of 0.55 to 0.65 s) for 24 MB more memory and no slower load; 8 is no faster
#: but takes 145 MB, and 10 takes 430 MB and twice as long to load.
SETUP_PRECOMPUTE = 6

#: Where installed packages keep the ceremony's trusted setup, in order of preference.
TRUSTED_SETUP_FILES = (
    ("eth_account", "typed_transactions/blob_transactions/kzg_trusted_setup.txt"),
    ("eth", "_utils/kzg_trusted_setup.txt"),
)


class MalformedBlobs(UsageError):
    """Blobs that :func:`pack` could not have written."""


def payload_capacity(blobs: int) -> int:
    """How many data bytes ``blobs`` blobs carry (the length prefix taken off)."""
    if blobs < 1:
        raise UsageError(f"a blob count is at least 1, got {blobs}")
    return DATA_BYTES_PER_BLOB * blobs - LENGTH_PREFIX_SIZE


def blobs_needed(length: int) -> int:
    """How many blobs carry ``length`` data bytes (at least one)."""
    if length < 0:
        raise UsageError(f"a data length is at least 0, got {length}")
    return max(1, -(-(length + LENGTH_PREFIX_SIZE) // DATA_BYTES_PER_BLOB))


def pack(data: bytes) -> tuple[bytes, ...]:
    """The blobs that carry ``data`` (see the module docstring)."""
    count = blobs_needed(len(data))
    if len(data) >= 2 ** (8 * LENGTH_PREFIX_SIZE):
        raise UsageError(f"{len(data):,} bytes do not fit the blob length prefix")
    stream = len(data).to_bytes(LENGTH_PREFIX_SIZE, "big") + data
    stream += bytes(count * DATA_BYTES_PER_BLOB - len(stream))
    # One row per field element: a zero byte, then the next 31 bytes of the stream.
    elements = numpy.zeros((count * FIELD_ELEMENTS_PER_BLOB, BYTES_PER_FIELD_ELEMENT), numpy.uint8)
    elements[:, 1:] = numpy.frombuffer(stream, numpy.uint8).reshape(-1, DATA_BYTES_PER_ELEMENT)
    packed = elements.tobytes()
    return tuple(packed[at : at + BYTES_PER_BLOB] for at in range(0, len(packed), BYTES_PER_BLOB))


def unpack(blobs: Sequence[bytes]) -> bytes:
    """The data :func:`pack` put into ``blobs``; raises :class:`MalformedBlobs` otherwise."""
    if not blobs:
        raise MalformedBlobs("no blobs to unpack")
    for index, blob in enumerate(blobs):
        if len(blob) != BYTES_PER_BLOB:
            raise MalformedBlobs(f"blob {index} is {len(blob):,} bytes, not {BYTES_PER_BLOB:,}")
    joined = b"".join(blobs)
    elements = range(0, len(joined), BYTES_PER_FIELD_ELEMENT)
    if any(joined[at] for at in elements):
        raise MalformedBlobs("a field element does not start with a zero byte")
    stream = b"".join(joined[at + 1 : at + BYTES_PER_FIELD_ELEMENT] for at in elements)
    length = int.from_bytes(stream[:LENGTH_PREFIX_SIZE], "big")
    capacity = payload_capacity(len(blobs))
    if length > capacity:
        raise MalformedBlobs(
            f"the length prefix says {length:,} bytes; the blobs hold {capacity:,}"
        )
    end = LENGTH_PREFIX_SIZE + length
    if any(stream[end:]):
        raise MalformedBlobs("non-zero bytes after the data")
    if blobs_needed(length) != len(blobs):
        raise MalformedBlobs(f"{len(blobs)} blobs for {length:,} bytes, which need fewer")
    return stream[LENGTH_PREFIX_SIZE:end]


# -- KZG -----------------------------------------------------------------------------------------
def trusted_setup_path() -> Path:
    """The trusted setup file an installed package ships."""
    for package, name in TRUSTED_SETUP_FILES:
        try:
            path = Path(str(resources.files(package).joinpath(name)))
        except ModuleNotFoundError:
            continue
        if path.is_file():
            return path
    raise ToolchainError(
        "no KZG trusted setup found in the installed eth-account or py-evm; run 'make setup'"
    )


@functools.cache
def trusted_setup() -> object:
    """The loaded trusted setup (loaded once per process, on first use: it takes seconds)."""
    return ckzg.load_trusted_setup(str(trusted_setup_path()), SETUP_PRECOMPUTE)


@functools.cache
def setup_id() -> bytes:
    """The trusted setup's identity: the SHA-256 of its file."""
    return hashlib.sha256(trusted_setup_path().read_bytes()).digest()


def _field_element(value: int) -> bytes:
    if not 0 <= value < BLS_MODULUS:
        raise UsageError(f"a field element is below the BLS modulus, got {value:#x}")
    return value.to_bytes(BYTES_PER_FIELD_ELEMENT, "big")


class _Kept(dict[bytes, bytes]):
    """Parts made in this process, by the blob's SHA-256 (and what else they depend on); the
    oldest goes when :data:`PARTS_KEPT` are kept."""

    def keep(self, key: bytes, part: bytes) -> None:
        """Keep ``part`` under ``key``."""
        if len(self) >= PARTS_KEPT:
            self.pop(next(iter(self)))
        self[key] = part


#: The most parts of each kind kept in a process (cell proofs: 6 kB each, about 25 MB).
PARTS_KEPT = 4096
_COMMITMENTS = _Kept()
_BLOB_PROOFS = _Kept()
#: The 128 cell proofs of a blob, joined.
_CELL_PROOFS = _Kept()
#: ``y || proof`` of a blob opened at a point.
_OPENINGS = _Kept()


def _digest(blob: bytes) -> bytes:
    return hashlib.sha256(blob).digest()


def commitment(blob: bytes) -> bytes:
    """The 48-byte KZG commitment to ``blob``."""
    return _part(
        _COMMITMENTS,
        _digest(blob),
        blob,
        "commitment",
        COMMITMENT_SIZE,
        lambda setup: ckzg.blob_to_kzg_commitment(blob, setup),
    )


def blob_proof(blob: bytes) -> bytes:
    """EIP-4844's proof of ``blob`` against its commitment (network form before Osaka)."""
    return _part(
        _BLOB_PROOFS,
        _digest(blob),
        blob,
        "blob-proof",
        PROOF_SIZE,
        lambda setup: ckzg.compute_blob_kzg_proof(blob, commitment(blob), setup),
    )


def _part(
    kept: _Kept, key: bytes, blob: bytes, part: str, size: int, make: Callable[[object], Any]
) -> bytes:
    """The ``size`` bytes of ``part`` of ``blob``, kept in ``kept`` under ``key``: made in this
    process before, else read from the disk cache, else made by ``make`` (given the trusted
    setup) and written there."""
    if key not in kept:
        cache = kzg_cache.store(setup_id())
        entry = None if cache is None else cache.load(blob, part, size)
        if entry is None:
            entry = bytes(make(trusted_setup()))
            if cache is not None:
                cache.save(blob, part, entry)
        kept.keep(key, entry)
    return kept[key]


def versioned_hash(kzg_commitment: bytes) -> bytes:
    """EIP-4844's versioned hash of a commitment: ``0x01 || sha256(commitment)[1:]``."""
    if len(kzg_commitment) != COMMITMENT_SIZE:
        raise UsageError(f"a KZG commitment is {COMMITMENT_SIZE} bytes, got {len(kzg_commitment)}")
    return bytes([VERSIONED_HASH_VERSION_KZG]) + hashlib.sha256(kzg_commitment).digest()[1:]


def evaluation_proof(blob: bytes, z: int) -> tuple[bytes, int]:
    """The proof that ``blob``'s polynomial takes the value ``y`` at ``z``, and ``y``."""
    point = _field_element(z)

    def make(setup: object) -> bytes:
        proof, y = ckzg.compute_kzg_proof(blob, point, setup)
        return bytes(y) + bytes(proof)

    key = _digest(blob) + point
    opening = _part(_OPENINGS, key, blob, f"at-{point.hex()}", OPENING_SIZE, make)
    return opening[-PROOF_SIZE:], int.from_bytes(opening[:-PROOF_SIZE], "big")


def verify_evaluation(kzg_commitment: bytes, z: int, y: int, proof: bytes) -> bool:
    """Whether ``proof`` shows that the committed polynomial takes ``y`` at ``z`` (what the
    point-evaluation precompile checks)."""
    return bool(
        ckzg.verify_kzg_proof(
            kzg_commitment, _field_element(z), _field_element(y), proof, trusted_setup()
        )
    )


def cell_proofs(blob: bytes) -> tuple[bytes, ...]:
    """EIP-7594's 128 cell proofs of ``blob`` (network form from Osaka on)."""

    def make(setup: object) -> bytes:
        _cells, made = ckzg.compute_cells_and_kzg_proofs(blob, setup)
        return b"".join(bytes(proof) for proof in made)

    joined = _part(_CELL_PROOFS, _digest(blob), blob, "cells", CELL_PROOFS_SIZE, make)
    return tuple(joined[at : at + PROOF_SIZE] for at in range(0, CELL_PROOFS_SIZE, PROOF_SIZE))
