// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The seal's 4-byte selector names a different verifier than the one called.
/// @param received The selector at the start of the seal.
/// @param expected The selector of the verifier that was called.
error SelectorMismatch(bytes4 received, bytes4 expected);

/// @notice The seal is too short, too long or not encoded the way the verifier expects.
/// @param length The length of the seal in bytes.
error MalformedSeal(uint256 length);

/// @notice The seal is well formed but does not prove the claim.
error VerificationFailed();
