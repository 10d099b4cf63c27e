// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IReceiptVerifier
/// @notice The one function of a RISC Zero verifier (normally the verifier router) that
///         Proposals calls.
interface IReceiptVerifier {
    /// @notice Reverts unless `seal` proves that the program `imageId` ran successfully and
    ///         committed a journal whose SHA-256 is `journalDigest`.
    /// @param seal The proof; its first four bytes select the verifier behind the router.
    /// @param imageId The image id of the program that must have run.
    /// @param journalDigest SHA-256 of the journal the program committed.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view;
}
