// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {VerifyingKey} from "./Groth16VerifyingKey.sol";
import {VerificationFailed} from "./VerifierErrors.sol";

/// @title Groth16Verifier
/// @notice Groth16 verification over BN254 for five public inputs, with the verifying key held in
///         immutables so that one bytecode serves any key.
/// @dev A proof is 256 bytes: abi.encode(uint256[2] a, uint256[2][2] b, uint256[2] c), G2 coordinates
///      imaginary part first. The check is e(-A, B) · e(alpha, beta) · e(vk_x, gamma) · e(C, delta) = 1
///      with vk_x = IC0 + sum(input_i · IC_{i+1}), using the precompiles of EIP-196 and EIP-197.
abstract contract Groth16Verifier {
    /// @notice A public input is not an element of the BN254 scalar field.
    /// @param index The position of the input (0-based).
    error PublicInputNotInField(uint256 index);

    /// @dev Order r of BN254's scalar field (EIP-196).
    uint256 internal constant SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @dev Modulus q of BN254's base field (EIP-196).
    uint256 internal constant BASE_FIELD =
        21888242871839275222246405745257275088696311157297823662689037894645226208583;

    /// @dev Length in bytes of an encoded proof (A, B, C).
    uint256 internal constant PROOF_LENGTH = 256;

    // Pairing precompile input: four (G1, G2) pairs of 6 words each, in the order
    // (-A, B), (alpha, beta), (vk_x, gamma), (C, delta). Offsets in bytes.
    uint256 private constant PAIRING_INPUT_LENGTH = 0x300;
    uint256 private constant ALPHA_OFFSET = 0xc0;
    uint256 private constant BETA_OFFSET = 0x100;
    uint256 private constant VK_X_OFFSET = 0x180;
    uint256 private constant GAMMA_OFFSET = 0x1c0;
    uint256 private constant C_OFFSET = 0x240;
    uint256 private constant DELTA_OFFSET = 0x280;

    uint256 private immutable ALPHA_X;
    uint256 private immutable ALPHA_Y;
    uint256 private immutable BETA_X_IMAG;
    uint256 private immutable BETA_X_REAL;
    uint256 private immutable BETA_Y_IMAG;
    uint256 private immutable BETA_Y_REAL;
    uint256 private immutable GAMMA_X_IMAG;
    uint256 private immutable GAMMA_X_REAL;
    uint256 private immutable GAMMA_Y_IMAG;
    uint256 private immutable GAMMA_Y_REAL;
    uint256 private immutable DELTA_X_IMAG;
    uint256 private immutable DELTA_X_REAL;
    uint256 private immutable DELTA_Y_IMAG;
    uint256 private immutable DELTA_Y_REAL;
    uint256 private immutable IC0_X;
    uint256 private immutable IC0_Y;
    uint256 private immutable IC1_X;
    uint256 private immutable IC1_Y;
    uint256 private immutable IC2_X;
    uint256 private immutable IC2_Y;
    uint256 private immutable IC3_X;
    uint256 private immutable IC3_Y;
    uint256 private immutable IC4_X;
    uint256 private immutable IC4_Y;
    uint256 private immutable IC5_X;
    uint256 private immutable IC5_Y;

    /// @param vk The verifying key; its points are not checked here, an invalid one fails every proof.
    constructor(VerifyingKey memory vk) {
        ALPHA_X = vk.alpha1.x;
        ALPHA_Y = vk.alpha1.y;
        BETA_X_IMAG = vk.beta2.xImag;
        BETA_X_REAL = vk.beta2.xReal;
        BETA_Y_IMAG = vk.beta2.yImag;
        BETA_Y_REAL = vk.beta2.yReal;
        GAMMA_X_IMAG = vk.gamma2.xImag;
        GAMMA_X_REAL = vk.gamma2.xReal;
        GAMMA_Y_IMAG = vk.gamma2.yImag;
        GAMMA_Y_REAL = vk.gamma2.yReal;
        DELTA_X_IMAG = vk.delta2.xImag;
        DELTA_X_REAL = vk.delta2.xReal;
        DELTA_Y_IMAG = vk.delta2.yImag;
        DELTA_Y_REAL = vk.delta2.yReal;
        IC0_X = vk.ic[0].x;
        IC0_Y = vk.ic[0].y;
        IC1_X = vk.ic[1].x;
        IC1_Y = vk.ic[1].y;
        IC2_X = vk.ic[2].x;
        IC2_Y = vk.ic[2].y;
        IC3_X = vk.ic[3].x;
        IC3_Y = vk.ic[3].y;
        IC4_X = vk.ic[4].x;
        IC4_Y = vk.ic[4].y;
        IC5_X = vk.ic[5].x;
        IC5_Y = vk.ic[5].y;
    }

    /// @notice Reverts unless `proof` proves the five public inputs under the verifying key.
    /// @dev `proof` must be exactly PROOF_LENGTH bytes (the caller checks the framing). Reverts with
    ///      `PublicInputNotInField` for an input >= r, and with `VerificationFailed` when the pairing
    ///      does not hold or a precompile rejects its input (a point off the curve, a coordinate >= q).
    function _verifyProof(
        bytes calldata proof,
        uint256 input0,
        uint256 input1,
        uint256 input2,
        uint256 input3,
        uint256 input4
    ) internal view {
        if (input0 >= SCALAR_FIELD) revert PublicInputNotInField(0);
        if (input1 >= SCALAR_FIELD) revert PublicInputNotInField(1);
        if (input2 >= SCALAR_FIELD) revert PublicInputNotInField(2);
        if (input3 >= SCALAR_FIELD) revert PublicInputNotInField(3);
        if (input4 >= SCALAR_FIELD) revert PublicInputNotInField(4);

        // The pairing input is assembled in free memory, which is never allocated in between.
        uint256 m;
        assembly ("memory-safe") {
            m := mload(0x40)
        }

        // vk_x accumulates in its slot of pair 2; the gamma slot after it is scratch until then.
        uint256 vkX = m + VK_X_OFFSET;
        _storeG1(vkX, IC0_X, IC0_Y);
        bool ok = _mulAdd(vkX, IC1_X, IC1_Y, input0);
        ok = _mulAdd(vkX, IC2_X, IC2_Y, input1) && ok;
        ok = _mulAdd(vkX, IC3_X, IC3_Y, input2) && ok;
        ok = _mulAdd(vkX, IC4_X, IC4_Y, input3) && ok;
        ok = _mulAdd(vkX, IC5_X, IC5_Y, input4) && ok;

        _storeG1(m + ALPHA_OFFSET, ALPHA_X, ALPHA_Y);
        _storeG2(m + BETA_OFFSET, BETA_X_IMAG, BETA_X_REAL, BETA_Y_IMAG, BETA_Y_REAL);
        _storeG2(m + GAMMA_OFFSET, GAMMA_X_IMAG, GAMMA_X_REAL, GAMMA_Y_IMAG, GAMMA_Y_REAL);
        _storeG2(m + DELTA_OFFSET, DELTA_X_IMAG, DELTA_X_REAL, DELTA_Y_IMAG, DELTA_Y_REAL);

        assembly ("memory-safe") {
            // A and B are the first 6 words of the proof, C the last 2.
            calldatacopy(m, proof.offset, 0xc0)
            calldatacopy(add(m, C_OFFSET), add(proof.offset, 0xc0), 0x40)
            // Negate A: (x, q - y), keeping the point at infinity (y = 0) as it is.
            let ay := mload(add(m, 0x20))
            mstore(add(m, 0x20), mod(sub(BASE_FIELD, ay), BASE_FIELD))
            let success := staticcall(gas(), 0x08, m, PAIRING_INPUT_LENGTH, 0x00, 0x20)
            ok := and(and(ok, lt(ay, BASE_FIELD)), and(success, eq(mload(0x00), 1)))
        }
        if (!ok) revert VerificationFailed();
    }

    /// @dev acc := acc + s · (x, y), with acc the G1 point at `acc`; uses the 3 words after it.
    function _mulAdd(uint256 acc, uint256 x, uint256 y, uint256 s) private view returns (bool ok) {
        assembly ("memory-safe") {
            let p := add(acc, 0x40)
            mstore(p, x)
            mstore(add(p, 0x20), y)
            mstore(add(p, 0x40), s)
            ok := staticcall(gas(), 0x07, p, 0x60, p, 0x40)
            ok := and(ok, staticcall(gas(), 0x06, acc, 0x80, acc, 0x40))
        }
    }

    function _storeG1(uint256 p, uint256 x, uint256 y) private pure {
        assembly ("memory-safe") {
            mstore(p, x)
            mstore(add(p, 0x20), y)
        }
    }

    function _storeG2(uint256 p, uint256 xImag, uint256 xReal, uint256 yImag, uint256 yReal) private pure {
        assembly ("memory-safe") {
            mstore(p, xImag)
            mstore(add(p, 0x20), xReal)
            mstore(add(p, 0x40), yImag)
            mstore(add(p, 0x60), yReal)
        }
    }
}
