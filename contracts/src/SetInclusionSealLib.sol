// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SealLib} from "./SealLib.sol";
import {MalformedSeal} from "./VerifierErrors.sol";

/// @notice The body of a set-inclusion seal, which is selector || abi.encode(SetInclusionSeal).
/// @param path Merkle siblings from the leaf up.
/// @param rootSeal A seal for the root's set-builder claim, or empty to use a root verified earlier.
struct SetInclusionSeal {
    bytes32[] path;
    bytes rootSeal;
}

/// @title SetInclusionSealLib
/// @notice Decodes set-inclusion seals straight from calldata.
/// @dev Only the canonical ABI encoding is accepted (head offsets 0x20, 0x40 and 0x60 + 32·n, no
///      trailing bytes); any other layout reverts with `MalformedSeal`. A seal of exactly 4 bytes
///      (the selector) stands for an empty path and an empty root seal.
library SetInclusionSealLib {
    /// @dev Selector, tuple offset, two field offsets, path length, root seal length.
    uint256 private constant MIN_LENGTH = SealLib.SELECTOR_LENGTH + 5 * 32;

    /// @dev Byte position of the tuple, where the field offsets are counted from.
    uint256 private constant TUPLE = SealLib.SELECTOR_LENGTH + 0x20;

    /// @dev Byte position of the path length word; the path elements follow it.
    uint256 private constant PATH = TUPLE + 0x40;

    /// @notice Splits `seal` into its path and root seal without copying.
    /// @param seal The whole seal, selector included (the caller checks the selector).
    /// @return path Merkle siblings from the leaf up.
    /// @return rootSeal The root seal, possibly empty.
    function decode(bytes calldata seal) internal pure returns (bytes32[] calldata path, bytes calldata rootSeal) {
        uint256 length = seal.length;
        if (length == SealLib.SELECTOR_LENGTH) {
            assembly ("memory-safe") {
                path.offset := 0
                path.length := 0
            }
            return (path, seal[length:]);
        }
        if (length < MIN_LENGTH) revert MalformedSeal(length);

        uint256 pathLength = _word(seal, PATH);
        if (pathLength > (length - MIN_LENGTH) / 32) revert MalformedSeal(length);
        uint256 pathBytes = pathLength * 32;
        if (
            _word(seal, SealLib.SELECTOR_LENGTH) != 0x20 || _word(seal, TUPLE) != 0x40
                || _word(seal, TUPLE + 0x20) != 0x60 + pathBytes
        ) revert MalformedSeal(length);

        uint256 rootSealStart = PATH + 0x20 + pathBytes + 0x20;
        uint256 rootSealLength = _word(seal, rootSealStart - 0x20);
        if (rootSealLength > length - rootSealStart) revert MalformedSeal(length);
        if (length - rootSealStart != (rootSealLength + 31) & ~uint256(31)) revert MalformedSeal(length);
        uint256 padding = length - rootSealStart - rootSealLength;
        if (padding != 0 && _word(seal, length - 32) & ((1 << (8 * padding)) - 1) != 0) revert MalformedSeal(length);

        uint256 pathStart = PATH + 0x20;
        assembly ("memory-safe") {
            path.offset := add(seal.offset, pathStart)
            path.length := pathLength
        }
        rootSeal = seal[rootSealStart:rootSealStart + rootSealLength];
    }

    /// @dev The 32-byte word of `seal` at byte `position`; the caller keeps it in bounds.
    function _word(bytes calldata seal, uint256 position) private pure returns (uint256 value) {
        assembly ("memory-safe") {
            value := calldataload(add(seal.offset, position))
        }
    }
}
