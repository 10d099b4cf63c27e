// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TaggedHashLib} from "./TaggedHashLib.sol";

/// @notice An affine point of BN254's G1 (coordinates in the base field).
struct G1Point {
    uint256 x;
    uint256 y;
}

/// @notice An affine point of BN254's G2, each coordinate an element a + b·i of the quadratic
///         extension, stored imaginary part first as the EVM pairing precompile takes it.
struct G2Point {
    uint256 xImag;
    uint256 xReal;
    uint256 yImag;
    uint256 yReal;
}

/// @notice A Groth16 verifying key for five public inputs.
/// @dev `ic[0]` is the constant term, `ic[i + 1]` the point multiplied by public input i.
struct VerifyingKey {
    G1Point alpha1;
    G2Point beta2;
    G2Point gamma2;
    G2Point delta2;
    G1Point[6] ic;
}

/// @title Groth16VerifyingKeyLib
/// @notice The digest RISC Zero gives a Groth16 verifying key.
library Groth16VerifyingKeyLib {
    /// @dev sha256("risc0_groth16.VerifyingKey").
    bytes32 internal constant VERIFYING_KEY_TAG = 0xfa77044bc9f1aec494a3f424cb9104c24149acf58ca6b219b44bd6b1056f9d4c;

    /// @dev sha256("risc0_groth16.VerifyingKey.IC"), the tag of the list of IC points.
    bytes32 internal constant IC_LIST_TAG = 0xf776d186bf72b819a595ab1833062ab4bb3592160c10857ebeca9691ce729f22;

    /// @notice Digest of `vk`: the tagged struct (alpha1, beta2, gamma2, delta2, IC list), each point
    ///         hashed as the SHA-256 of its big-endian coordinates in storage order.
    function digest(VerifyingKey memory vk) internal pure returns (bytes32) {
        bytes32[] memory ic = new bytes32[](vk.ic.length);
        for (uint256 i = 0; i < ic.length; ++i) {
            ic[i] = _g1(vk.ic[i]);
        }
        bytes32[] memory fields = new bytes32[](5);
        fields[0] = _g1(vk.alpha1);
        fields[1] = _g2(vk.beta2);
        fields[2] = _g2(vk.gamma2);
        fields[3] = _g2(vk.delta2);
        fields[4] = TaggedHashLib.listDigest(IC_LIST_TAG, ic);
        return TaggedHashLib.structDigest(VERIFYING_KEY_TAG, fields);
    }

    function _g1(G1Point memory p) private pure returns (bytes32) {
        return sha256(abi.encodePacked(p.x, p.y));
    }

    function _g2(G2Point memory p) private pure returns (bytes32) {
        return sha256(abi.encodePacked(p.xImag, p.xReal, p.yImag, p.yReal));
    }
}
