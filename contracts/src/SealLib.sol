// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {MalformedSeal, SelectorMismatch} from "./VerifierErrors.sol";

/// @title SealLib
/// @notice Reads the 4-byte verifier selector every seal starts with.
library SealLib {
    /// @dev Number of bytes of the selector at the start of a seal.
    uint256 internal constant SELECTOR_LENGTH = 4;

    /// @notice Returns the selector at the start of `seal`.
    /// @dev Reverts with `MalformedSeal` when the seal is shorter than a selector.
    function selector(bytes calldata seal) internal pure returns (bytes4) {
        if (seal.length < SELECTOR_LENGTH) revert MalformedSeal(seal.length);
        return bytes4(seal[:SELECTOR_LENGTH]);
    }

    /// @notice Reverts unless `seal` starts with `expected`.
    function checkSelector(bytes calldata seal, bytes4 expected) internal pure {
        bytes4 received = selector(seal);
        if (received != expected) revert SelectorMismatch(received, expected);
    }
}
