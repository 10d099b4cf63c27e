// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The journal a range proof commits: batches `first..last` of the rollup at `rollup`
///         on chain `chainId` took the state root from `prevStateRoot` to `newStateRoot`.
/// @dev Every field is static, so `abi.encode` of this struct is the nine 32-byte words in field
///      order (288 bytes), identical to `abi.encode` of the nine values.
struct RangeJournal {
    uint256 chainId;
    address rollup;
    uint256 first;
    uint256 last;
    bytes32 prevStateRoot;
    bytes32 newStateRoot;
    bytes32 accBefore;
    bytes32 accAfter;
    bytes32 batchImageId;
}

/// @title RollupJournal
/// @notice Encoding and hashing of range journals and of the batch data accumulator.
library RollupJournal {
    /// @notice The exact journal bytes a batch or aggregator program commits for `journal`.
    function encode(RangeJournal memory journal) internal pure returns (bytes memory) {
        return abi.encode(journal);
    }

    /// @notice SHA-256 of the journal bytes: the `journalDigest` a receipt verifier checks.
    function digest(RangeJournal memory journal) internal pure returns (bytes32) {
        return sha256(abi.encode(journal));
    }

    /// @notice The accumulator after committing data with hash `dataHash` on top of `accPrev`:
    ///         `sha256(accPrev || dataHash)`.
    function extend(bytes32 accPrev, bytes32 dataHash) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(accPrev, dataHash));
    }
}
