// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {DigestLib} from "./DigestLib.sol";
import {TaggedHashLib} from "./TaggedHashLib.sol";

/// @title VerifierParametersLib
/// @notice Digests of RISC Zero verifier parameters; a verifier's selector is the first 4 bytes.
library VerifierParametersLib {
    /// @dev sha256("risc0.Groth16ReceiptVerifierParameters").
    bytes32 internal constant GROTH16_TAG = 0x60b97a2bdc471360c901f58eb3f22679fc24bd6bf6367e14a8a34744f29516aa;

    /// @dev sha256("risc0.SetInclusionReceiptVerifierParameters").
    bytes32 internal constant SET_INCLUSION_TAG = 0x0d1598224cacaf2b74569b87801d8afe8d17210a4ea42c1e4f32ac6875276202;

    /// @notice Parameters digest of a Groth16 receipt verifier.
    /// @param controlRoot The recursion control root, as written in RISC Zero's ControlID.sol.
    /// @param bn254ControlId The BN254 control id as written in ControlID.sol; the parameters hash
    ///        takes it byte-reversed (the order of RISC Zero's Rust constant).
    /// @param verifyingKeyDigest The digest of the Groth16 verifying key.
    function groth16(bytes32 controlRoot, bytes32 bn254ControlId, bytes32 verifyingKeyDigest)
        internal
        pure
        returns (bytes32)
    {
        bytes32[] memory fields = new bytes32[](3);
        fields[0] = controlRoot;
        fields[1] = DigestLib.reverseBytes(bn254ControlId);
        fields[2] = verifyingKeyDigest;
        return TaggedHashLib.structDigest(GROTH16_TAG, fields);
    }

    /// @notice Parameters digest of a set-inclusion receipt verifier.
    /// @param setBuilderImageId The image id of the set-builder guest.
    function setInclusion(bytes32 setBuilderImageId) internal pure returns (bytes32) {
        bytes32[] memory fields = new bytes32[](1);
        fields[0] = setBuilderImageId;
        return TaggedHashLib.structDigest(SET_INCLUSION_TAG, fields);
    }
}
