// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title DigestLib
/// @notice Byte-order helpers for 32-byte digests.
library DigestLib {
    /// @notice Returns `digest` with its 32 bytes in reverse order.
    function reverseBytes(bytes32 digest) internal pure returns (bytes32) {
        uint256 v = uint256(digest);
        v = ((v >> 8) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            | ((v & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff) << 8);
        v = ((v >> 16) & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)
            | ((v & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff) << 16);
        v = ((v >> 32) & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
            | ((v & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff) << 32);
        v = ((v >> 64) & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff)
            | ((v & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff) << 64);
        return bytes32((v >> 128) | (v << 128));
    }

    /// @notice Splits a digest into the two 128-bit Groth16 public inputs RISC Zero derives from it.
    /// @dev Bytes [0, 16) of the digest read little-endian give `low`, bytes [16, 32) give `high`;
    ///      equivalently, reverse the digest, read it big-endian and cut it at bit 128.
    /// @return low The first public input.
    /// @return high The second public input.
    function split(bytes32 digest) internal pure returns (uint256 low, uint256 high) {
        uint256 v = uint256(reverseBytes(digest));
        return (uint128(v), v >> 128);
    }
}
