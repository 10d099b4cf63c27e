// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "./IRiscZeroVerifier.sol";
import {ReceiptClaimLib} from "./ReceiptClaimLib.sol";
import {SealLib} from "./SealLib.sol";
import {MalformedSeal, VerificationFailed} from "./VerifierErrors.sol";

/// @title RiscZeroMockVerifier
/// @notice MOCK verifier for fast functional tests (RISC Zero "dev mode"). It proves nothing:
///         anyone can write a seal it accepts. Never deploy it where proofs matter.
/// @dev Seal: selector (4 bytes) || claim digest (32 bytes). A seal is accepted when its claim
///      digest equals the claim being verified.
contract RiscZeroMockVerifier is IRiscZeroVerifier {
    /// @dev Selector followed by a claim digest.
    uint256 private constant SEAL_LENGTH = SealLib.SELECTOR_LENGTH + 32;

    /// @notice The selector seals for this verifier start with.
    bytes4 public immutable SELECTOR;

    /// @param selector The selector mock seals will carry.
    constructor(bytes4 selector) {
        SELECTOR = selector;
    }

    /// @notice Accepts `seal` if it carries the digest of the ok claim for (`imageId`, `journalDigest`).
    /// @param seal Selector followed by the claim digest.
    /// @param imageId The image id of the guest program.
    /// @param journalDigest SHA-256 of the journal.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view {
        _verifyClaim(seal, ReceiptClaimLib.ok(imageId, journalDigest));
    }

    /// @notice Accepts `receipt` if its seal carries `receipt.claimDigest`.
    /// @param receipt The seal and the claim digest.
    function verifyIntegrity(Receipt calldata receipt) external view {
        _verifyClaim(receipt.seal, receipt.claimDigest);
    }

    function _verifyClaim(bytes calldata seal, bytes32 claimDigest) private view {
        SealLib.checkSelector(seal, SELECTOR);
        if (seal.length != SEAL_LENGTH) revert MalformedSeal(seal.length);
        if (bytes32(seal[SealLib.SELECTOR_LENGTH:]) != claimDigest) revert VerificationFailed();
    }
}
