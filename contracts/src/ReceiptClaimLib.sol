// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TaggedHashLib} from "./TaggedHashLib.sol";

/// @title ReceiptClaimLib
/// @notice Digests of RISC Zero receipt claims: what a seal attests to.
/// @dev A ReceiptClaim hashes its four digests in the order input, pre, post, output, then the exit
///      code (system, user) as two little-endian 32-bit words. The Output struct hashes the journal
///      digest and the assumptions digest.
library ReceiptClaimLib {
    /// @dev sha256("risc0.ReceiptClaim"), the tag of RISC Zero's ReceiptClaim struct.
    bytes32 internal constant RECEIPT_CLAIM_TAG = 0xcb1fefcd1f2d9a64975cbbbf6e161e2914434b0cbb9960b84df5d717e86b48af;

    /// @dev sha256("risc0.Output"), the tag of RISC Zero's Output struct.
    bytes32 internal constant OUTPUT_TAG = 0x77eafeb366a78b47747de0d7bb176284085ff5564887009a5be63da32d3559d4;

    /// @dev Digest of the all-zero SystemState (pc 0, merkle root 0): the post state of every run
    ///      that halted normally, sha256(sha256("risc0.SystemState") || 0^32 || u32le(0) || u16le(1)).
    bytes32 internal constant SYSTEM_STATE_ZERO_DIGEST =
        0xa3acc27117418996340b84e5a90f3ef4c49d22c79e44aad822ec9c313e1eb8e2;

    /// @dev Number of digest fields of a ReceiptClaim (input, pre, post, output).
    uint16 private constant RECEIPT_CLAIM_DIGESTS = 4;

    /// @dev Number of digest fields of an Output (journal, assumptions).
    uint16 private constant OUTPUT_DIGESTS = 2;

    /// @notice Digest of the claim that `imageId` ran to completion (exit code (0, 0)), without
    ///         input or assumptions, and committed a journal whose SHA-256 is `journalDigest`.
    function ok(bytes32 imageId, bytes32 journalDigest) internal pure returns (bytes32) {
        return digest(bytes32(0), imageId, SYSTEM_STATE_ZERO_DIGEST, outputDigest(journalDigest, bytes32(0)), 0, 0);
    }

    /// @notice Digest of a ReceiptClaim.
    /// @param input Digest of the input (zero in every current receipt).
    /// @param pre Digest of the start state: the image id.
    /// @param post Digest of the final state.
    /// @param output Digest of the Output struct (zero when there is none).
    /// @param systemExitCode 0 halted, 1 paused, 2 system split.
    /// @param userExitCode The guest's exit code.
    function digest(
        bytes32 input,
        bytes32 pre,
        bytes32 post,
        bytes32 output,
        uint32 systemExitCode,
        uint32 userExitCode
    ) internal pure returns (bytes32) {
        return sha256(
            abi.encodePacked(
                RECEIPT_CLAIM_TAG,
                input,
                pre,
                post,
                output,
                TaggedHashLib.u32le(systemExitCode),
                TaggedHashLib.u32le(userExitCode),
                TaggedHashLib.u16le(RECEIPT_CLAIM_DIGESTS)
            )
        );
    }

    /// @notice Digest of an Output struct.
    /// @param journalDigest SHA-256 of the journal bytes.
    /// @param assumptionsDigest Digest of the assumptions list (zero for an unconditional receipt).
    function outputDigest(bytes32 journalDigest, bytes32 assumptionsDigest) internal pure returns (bytes32) {
        return
            sha256(abi.encodePacked(OUTPUT_TAG, journalDigest, assumptionsDigest, TaggedHashLib.u16le(OUTPUT_DIGESTS)));
    }
}
