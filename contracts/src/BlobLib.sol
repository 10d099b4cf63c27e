// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The transaction carries no blob, but the call needs at least one.
error NoBlobs();

/// @notice `openingsLength` bytes of openings were given for `blobCount` blobs; each blob needs
///         exactly `BlobLib.OPENING_SIZE` bytes.
error BlobOpeningsMismatch(uint256 blobCount, uint256 openingsLength);

/// @notice The commitment given for blob `index` is not the one the transaction carries: its
///         versioned hash `fromCommitment` differs from `BLOBHASH(index)` = `versionedHash`.
error BlobCommitmentMismatch(uint256 index, bytes32 versionedHash, bytes32 fromCommitment);

/// @notice The point-evaluation precompile rejected the opening of blob `index` at `z`: the
///         claimed value or the proof is wrong.
error BlobEvaluationInvalid(uint256 index, uint256 z);

/// @title BlobLib
/// @notice EIP-4844 blobs as a rollup commits them: the versioned hashes of the current
///         transaction, the hash a batch's blobs extend the accumulator with, the challenge
///         point derived from a blob and the batch's data, and its opening at that point.
/// @dev An opening is 128 bytes: `y (32) || commitment (48) || proof (48)`, where `y` is the
///      value of the blob's polynomial at the challenge point, as the precompile reads them.
library BlobLib {
    /// @dev EIP-4844's point-evaluation precompile.
    address internal constant POINT_EVALUATION = address(0x0a);
    /// @dev EIP-4844: POINT_EVALUATION_PRECOMPILE_GAS. Given to the call exactly, so a rejected
    ///      opening burns this much and not every gas the transaction has left.
    uint256 internal constant POINT_EVALUATION_GAS = 50_000;
    /// @dev EIP-4844: BLS_MODULUS, the order of the BLS12-381 scalar field.
    uint256 internal constant BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;
    /// @dev EIP-4844: VERSIONED_HASH_VERSION_KZG, the first byte of every versioned hash.
    bytes32 internal constant VERSION_KZG = bytes32(uint256(0x01) << 248);
    /// @dev Bytes of one opening: y, a 48-byte commitment and a 48-byte proof.
    uint256 internal constant OPENING_SIZE = 128;
    /// @dev Where in an opening the commitment starts (after y), and its size.
    uint256 internal constant COMMITMENT_OFFSET = 32;
    uint256 internal constant COMMITMENT_SIZE = 48;

    /// @notice The versioned hashes of the current transaction's blobs, in order.
    /// @dev `BLOBHASH(i)` is zero from the first index past the last blob.
    function versionedHashes() internal view returns (bytes32[] memory hashes) {
        uint256 count;
        while (blobhash(count) != bytes32(0)) {
            ++count;
        }
        hashes = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            hashes[i] = blobhash(i);
        }
    }

    /// @notice The versioned hashes of the current transaction's blobs; reverts with `NoBlobs`
    ///         when it carries none.
    function requireVersionedHashes() internal view returns (bytes32[] memory hashes) {
        hashes = versionedHashes();
        if (hashes.length == 0) revert NoBlobs();
    }

    /// @notice The data hash of a batch posted in blobs: SHA-256 of its versioned hashes,
    ///         concatenated in blob order.
    function blobsHash(bytes32[] memory hashes) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(hashes));
    }

    /// @notice The challenge point of a blob: SHA-256 of its versioned hash and the batch's
    ///         data hash, read as a big-endian integer and reduced modulo `BLS_MODULUS`.
    function challenge(bytes32 versionedHash, bytes32 dataHash) internal pure returns (uint256) {
        return uint256(sha256(abi.encodePacked(versionedHash, dataHash))) % BLS_MODULUS;
    }

    /// @notice The versioned hash of a 48-byte KZG commitment: its SHA-256 with the first byte
    ///         replaced by the version byte 0x01.
    function versionedHashOf(bytes calldata commitment) internal pure returns (bytes32) {
        return (sha256(commitment) << 8 >> 8) | VERSION_KZG;
    }

    /// @notice Checks the openings of every blob at its challenge point and returns the hash a
    ///         batch committed with openings extends the accumulator with:
    ///         `sha256(dataHash || vh_0 || y_0 || ... || vh_{n-1} || y_{n-1})`.
    /// @dev Reverts with `BlobOpeningsMismatch`, `BlobCommitmentMismatch` or
    ///      `BlobEvaluationInvalid`; `openings` holds one 128-byte opening per blob, in order.
    function checkOpenings(bytes32[] memory hashes, bytes32 dataHash, bytes calldata openings)
        internal
        view
        returns (bytes32)
    {
        uint256 count = hashes.length;
        if (openings.length != count * OPENING_SIZE) revert BlobOpeningsMismatch(count, openings.length);
        bytes32[] memory bound = new bytes32[](1 + 2 * count);
        bound[0] = dataHash;
        for (uint256 i = 0; i < count; ++i) {
            bytes calldata opening = openings[i * OPENING_SIZE:(i + 1) * OPENING_SIZE];
            bytes32 versionedHash = hashes[i];
            bytes32 fromCommitment = versionedHashOf(opening[COMMITMENT_OFFSET:COMMITMENT_OFFSET + COMMITMENT_SIZE]);
            if (fromCommitment != versionedHash) revert BlobCommitmentMismatch(i, versionedHash, fromCommitment);
            uint256 z = challenge(versionedHash, dataHash);
            if (!evaluationHolds(versionedHash, z, opening)) revert BlobEvaluationInvalid(i, z);
            bound[1 + 2 * i] = versionedHash;
            bound[2 + 2 * i] = bytes32(opening[:COMMITMENT_OFFSET]);
        }
        return sha256(abi.encodePacked(bound));
    }

    /// @notice Whether the point-evaluation precompile accepts `opening` of the blob with
    ///         `versionedHash` at `z`.
    function evaluationHolds(bytes32 versionedHash, uint256 z, bytes calldata opening) internal view returns (bool) {
        (bool ok, bytes memory out) =
            POINT_EVALUATION.staticcall{gas: POINT_EVALUATION_GAS}(abi.encodePacked(versionedHash, z, opening));
        return ok && out.length == 64;
    }
}
