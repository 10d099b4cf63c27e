// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "../../src/IRiscZeroVerifier.sol";

/// @title DigestSealVerifier
/// @notice A test-only verifier: a seal is valid exactly when it is the packed pair it attests
///         to, so a test can build a seal for any claim and any change to the claim breaks it.
contract DigestSealVerifier is IRiscZeroVerifier {
    /// @notice The seal does not match the claim.
    error VerificationFailed();

    /// @notice Accepts `seal == abi.encodePacked(imageId, journalDigest)`.
    /// @param seal The seal to check.
    /// @param imageId The image id claimed.
    /// @param journalDigest The journal digest claimed.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external pure {
        if (keccak256(seal) != keccak256(sealFor(imageId, journalDigest))) revert VerificationFailed();
    }

    /// @notice Accepts `receipt.seal == abi.encodePacked(receipt.claimDigest)`.
    /// @param receipt The seal and claim digest to check.
    function verifyIntegrity(Receipt calldata receipt) external pure {
        if (keccak256(receipt.seal) != keccak256(abi.encodePacked(receipt.claimDigest))) revert VerificationFailed();
    }

    /// @notice The one seal `verify` accepts for (`imageId`, `journalDigest`).
    /// @param imageId The image id.
    /// @param journalDigest The journal digest.
    /// @return The seal.
    function sealFor(bytes32 imageId, bytes32 journalDigest) public pure returns (bytes memory) {
        return abi.encodePacked(imageId, journalDigest);
    }
}
