// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {DigestLib} from "./DigestLib.sol";
import {Groth16Verifier} from "./Groth16Verifier.sol";
import {Groth16VerifyingKeyLib, VerifyingKey} from "./Groth16VerifyingKey.sol";
import {RiscZeroClaimVerifier} from "./RiscZeroClaimVerifier.sol";
import {SealLib} from "./SealLib.sol";
import {VerifierParametersLib} from "./VerifierParametersLib.sol";
import {MalformedSeal} from "./VerifierErrors.sol";

/// @title RiscZeroGroth16Verifier
/// @notice Verifies RISC Zero Groth16 receipts. The verifying key, control root and BN254 control id
///         are constructor arguments, so one bytecode serves every RISC Zero release.
/// @dev Seal: selector (4 bytes) || abi.encode(uint256[2] a, uint256[2][2] b, uint256[2] c), exactly
///      260 bytes. Public inputs: CONTROL_ROOT_0, CONTROL_ROOT_1, the two halves of the claim digest
///      (see DigestLib.split), BN254_CONTROL_ID.
contract RiscZeroGroth16Verifier is RiscZeroClaimVerifier, Groth16Verifier {
    /// @dev Selector followed by one Groth16 proof.
    uint256 private constant SEAL_LENGTH = SealLib.SELECTOR_LENGTH + PROOF_LENGTH;

    /// @notice The selector seals for this verifier start with.
    bytes4 public immutable SELECTOR;

    /// @notice Low half of the control root, the first public input.
    bytes16 public immutable CONTROL_ROOT_0;

    /// @notice High half of the control root, the second public input.
    bytes16 public immutable CONTROL_ROOT_1;

    /// @notice The BN254 control id, the fifth public input.
    uint256 public immutable BN254_CONTROL_ID;

    /// @notice Digest of the verifying key.
    bytes32 public immutable VERIFYING_KEY_DIGEST;

    /// @notice Digest of the verifier parameters (control root, BN254 control id, verifying key).
    bytes32 public immutable VERIFIER_PARAMETERS_DIGEST;

    /// @param vk The Groth16 verifying key.
    /// @param controlRoot The recursion control root, as written in RISC Zero's ControlID.sol.
    /// @param bn254ControlId The BN254 control id, as written in RISC Zero's ControlID.sol.
    /// @param legacySelector Zero, or the selector to accept instead of the computed one.
    /// @dev The selector is the first 4 bytes of VERIFIER_PARAMETERS_DIGEST. Development parameter
    ///      sets of May 2024 produced seals whose selector came from an older formula (another tag,
    ///      the BN254 control id not reversed); `legacySelector` lets a verifier accept those seals.
    ///      The selector is routing only: the proof binds the parameters through the public inputs.
    constructor(VerifyingKey memory vk, bytes32 controlRoot, bytes32 bn254ControlId, bytes4 legacySelector)
        Groth16Verifier(vk)
    {
        bytes32 vkDigest = Groth16VerifyingKeyLib.digest(vk);
        bytes32 parametersDigest = VerifierParametersLib.groth16(controlRoot, bn254ControlId, vkDigest);
        VERIFYING_KEY_DIGEST = vkDigest;
        VERIFIER_PARAMETERS_DIGEST = parametersDigest;
        SELECTOR = legacySelector != bytes4(0) ? legacySelector : bytes4(parametersDigest);
        (uint256 low, uint256 high) = DigestLib.split(controlRoot);
        CONTROL_ROOT_0 = bytes16(uint128(low));
        CONTROL_ROOT_1 = bytes16(uint128(high));
        BN254_CONTROL_ID = uint256(bn254ControlId);
    }

    function _verifyClaim(bytes calldata seal, bytes32 claimDigest) internal view override {
        SealLib.checkSelector(seal, SELECTOR);
        if (seal.length != SEAL_LENGTH) revert MalformedSeal(seal.length);
        (uint256 claim0, uint256 claim1) = DigestLib.split(claimDigest);
        _verifyProof(
            seal[SealLib.SELECTOR_LENGTH:],
            uint128(CONTROL_ROOT_0),
            uint128(CONTROL_ROOT_1),
            claim0,
            claim1,
            BN254_CONTROL_ID
        );
    }
}
