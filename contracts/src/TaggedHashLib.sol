// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title TaggedHashLib
/// @notice RISC Zero structured ("tagged") SHA-256 hashing.
/// @dev A struct hashes to sha256(sha256(tag) || down_0 || ... || down_{n-1} || u32le(data_0) || ...
///      || u16le(n)), where `down` are the digests of its sub-fields and `data` its plain 32-bit words;
///      the trailer counts the digests only. A list is a cons-list folded from its last element,
///      each cell being the struct (element, rest); the empty list hashes to zero.
library TaggedHashLib {
    /// @notice Digest of a struct made of digest fields only.
    /// @param tagDigest sha256 of the struct's ASCII tag.
    /// @param down The digests of the struct's fields, in hashing order.
    function structDigest(bytes32 tagDigest, bytes32[] memory down) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(tagDigest, down, u16le(uint16(down.length))));
    }

    /// @notice Digest of a list of digests.
    /// @param tagDigest sha256 of the list's ASCII tag.
    /// @param items The element digests, first to last.
    function listDigest(bytes32 tagDigest, bytes32[] memory items) internal pure returns (bytes32 acc) {
        bytes32[] memory cell = new bytes32[](2);
        for (uint256 i = items.length; i > 0; --i) {
            cell[0] = items[i - 1];
            cell[1] = acc;
            acc = structDigest(tagDigest, cell);
        }
    }

    /// @notice `value` as 2 little-endian bytes.
    function u16le(uint16 value) internal pure returns (bytes2) {
        return bytes2((value << 8) | (value >> 8));
    }

    /// @notice `value` as 4 little-endian bytes.
    function u32le(uint32 value) internal pure returns (bytes4) {
        value = ((value & 0x00ff00ff) << 8) | ((value >> 8) & 0x00ff00ff);
        return bytes4((value << 16) | (value >> 16));
    }
}
