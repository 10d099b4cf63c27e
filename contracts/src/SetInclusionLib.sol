// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title SetInclusionLib
/// @notice Hashing of RISC Zero aggregation sets: leaves, sorted-pair Keccak Merkle nodes, and the
///         journal the set-builder guest commits for a finished tree.
library SetInclusionLib {
    /// @dev Prefix of every leaf preimage; 8 bytes long on purpose, so that a leaf preimage (40 bytes)
    ///      can never be an inner-node preimage (64 bytes).
    bytes8 internal constant LEAF_TAG = "LEAF_TAG";

    /// @dev Bitmap word of a finalized Merkle-mountain-range state: a single peak at height 255,
    ///      which is the root.
    uint256 internal constant FINALIZED_BITMAP = 1 << 255;

    /// @notice The leaf of the claim with digest `claimDigest`: keccak256("LEAF_TAG" || claimDigest).
    function leaf(bytes32 claimDigest) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(LEAF_TAG, claimDigest));
    }

    /// @notice The parent of `a` and `b`: keccak256(min(a, b) || max(a, b)).
    function node(bytes32 a, bytes32 b) internal pure returns (bytes32 parent) {
        (bytes32 lo, bytes32 hi) = a < b ? (a, b) : (b, a);
        assembly ("memory-safe") {
            mstore(0x00, lo)
            mstore(0x20, hi)
            parent := keccak256(0x00, 0x40)
        }
    }

    /// @notice The root reached from `leafDigest` by folding in `path`, nearest sibling first.
    function root(bytes32 leafDigest, bytes32[] calldata path) internal pure returns (bytes32 acc) {
        acc = leafDigest;
        for (uint256 i = 0; i < path.length; ++i) {
            acc = node(acc, path[i]);
        }
    }

    /// @notice SHA-256 of the set-builder journal for `root`: imageId || FINALIZED_BITMAP || root.
    /// @param imageId The image id of the set-builder guest.
    /// @param merkleRoot The root of the finished tree.
    function rootJournalDigest(bytes32 imageId, bytes32 merkleRoot) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(imageId, FINALIZED_BITMAP, merkleRoot));
    }
}
