// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A receipt whose claim the caller has already hashed (see ReceiptClaimLib).
/// @param seal The verifier-specific proof bytes, starting with the 4-byte verifier selector.
/// @param claimDigest The digest of the ReceiptClaim the seal attests to.
struct Receipt {
    bytes seal;
    bytes32 claimDigest;
}

/// @title IRiscZeroVerifier
/// @notice The interface every RISC Zero receipt verifier in this project implements.
/// @dev Both functions revert on failure; there is no boolean result.
interface IRiscZeroVerifier {
    /// @notice Verifies that `seal` proves a successful run of `imageId` that committed a journal
    ///         with digest `journalDigest` (exit code (0, 0), no assumptions).
    /// @param seal The proof, starting with the verifier selector.
    /// @param imageId The image id of the guest program.
    /// @param journalDigest SHA-256 of the journal bytes.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view;

    /// @notice Verifies that `receipt.seal` proves the claim with digest `receipt.claimDigest`.
    /// @param receipt The seal and the claim digest, which the caller must compute.
    function verifyIntegrity(Receipt calldata receipt) external view;
}
