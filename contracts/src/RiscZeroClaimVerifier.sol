// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "./IRiscZeroVerifier.sol";
import {ReceiptClaimLib} from "./ReceiptClaimLib.sol";

/// @title RiscZeroClaimVerifier
/// @notice The two entry points every receipt verifier shares: `verify` builds the ok claim of a
///         successful run and checks it, `verifyIntegrity` checks the claim digest it is given.
/// @dev A verifier implements `_verifyClaim`, reverting with a named error on failure.
abstract contract RiscZeroClaimVerifier is IRiscZeroVerifier {
    /// @notice Verifies that `seal` proves a successful run of `imageId` committing a journal with
    ///         digest `journalDigest`.
    /// @param seal The proof, starting with this verifier's selector.
    /// @param imageId The image id of the guest program.
    /// @param journalDigest SHA-256 of the journal.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view {
        _verifyClaim(seal, ReceiptClaimLib.ok(imageId, journalDigest));
    }

    /// @notice Verifies that `receipt.seal` proves the claim with digest `receipt.claimDigest`.
    /// @param receipt The seal and the claim digest.
    function verifyIntegrity(Receipt calldata receipt) external view {
        _verifyClaim(receipt.seal, receipt.claimDigest);
    }

    /// @dev Reverts unless `seal` proves the claim with digest `claimDigest`.
    function _verifyClaim(bytes calldata seal, bytes32 claimDigest) internal view virtual;
}
