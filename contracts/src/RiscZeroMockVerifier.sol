// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {RiscZeroClaimVerifier} from "./RiscZeroClaimVerifier.sol";
import {SealLib} from "./SealLib.sol";
import {MalformedSeal, VerificationFailed} from "./VerifierErrors.sol";

/// @title RiscZeroMockVerifier
/// @notice MOCK verifier for fast functional tests (RISC Zero "dev mode"). It proves nothing:
///         anyone can write a seal it accepts. Never deploy it where proofs matter.
/// @dev Seal: selector (4 bytes) || claim digest (32 bytes). A seal is accepted when its claim
///      digest equals the claim being verified.
contract RiscZeroMockVerifier is RiscZeroClaimVerifier {
    /// @dev Selector followed by a claim digest.
    uint256 private constant SEAL_LENGTH = SealLib.SELECTOR_LENGTH + 32;

    /// @notice The selector seals for this verifier start with.
    bytes4 public immutable SELECTOR;

    /// @param selector The selector mock seals will carry.
    constructor(bytes4 selector) {
        SELECTOR = selector;
    }

    function _verifyClaim(bytes calldata seal, bytes32 claimDigest) internal view override {
        SealLib.checkSelector(seal, SELECTOR);
        if (seal.length != SEAL_LENGTH) revert MalformedSeal(seal.length);
        if (bytes32(seal[SealLib.SELECTOR_LENGTH:]) != claimDigest) revert VerificationFailed();
    }
}
