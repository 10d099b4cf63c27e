// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "./IRiscZeroVerifier.sol";
import {SealLib} from "./SealLib.sol";
import {TwoStepOwnable} from "./TwoStepOwnable.sol";

/// @title RiscZeroVerifierRouter
/// @notice Routes each seal to the verifier registered for its 4-byte selector.
/// @dev A removed selector keeps a tombstone and can never be registered again, so a seal never
///      reaches a verifier other than the one its selector was first given to.
contract RiscZeroVerifierRouter is IRiscZeroVerifier, TwoStepOwnable {
    /// @dev Marks a removed selector.
    IRiscZeroVerifier private constant TOMBSTONE = IRiscZeroVerifier(address(1));

    /// @notice The verifier registered for each selector: zero if none, address(1) if removed.
    mapping(bytes4 => IRiscZeroVerifier) public verifiers;

    /// @notice `selector` already has a verifier.
    error SelectorInUse(bytes4 selector);

    /// @notice `selector` was removed and cannot be used again.
    error SelectorRemoved(bytes4 selector);

    /// @notice `selector` has no verifier.
    error SelectorUnknown(bytes4 selector);

    /// @notice The verifier address is zero.
    error VerifierAddressZero();

    /// @notice Seals with `selector` now go to `verifier`.
    event VerifierAdded(bytes4 indexed selector, IRiscZeroVerifier indexed verifier);

    /// @notice Seals with `selector` are no longer accepted.
    event VerifierRemoved(bytes4 indexed selector);

    /// @param initialOwner The account that may add and remove verifiers.
    constructor(address initialOwner) TwoStepOwnable(initialOwner) {}

    /// @notice Registers `verifier` for `selector`. Owner only.
    /// @param selector The selector seals for `verifier` start with.
    /// @param verifier The verifier to route them to.
    function addVerifier(bytes4 selector, IRiscZeroVerifier verifier) external onlyOwner {
        if (address(verifier) == address(0)) revert VerifierAddressZero();
        IRiscZeroVerifier current = verifiers[selector];
        if (current == TOMBSTONE) revert SelectorRemoved(selector);
        if (address(current) != address(0)) revert SelectorInUse(selector);
        verifiers[selector] = verifier;
        emit VerifierAdded(selector, verifier);
    }

    /// @notice Removes the verifier of `selector` for good. Owner only.
    /// @param selector A selector that has a verifier.
    function removeVerifier(bytes4 selector) external onlyOwner {
        getVerifier(selector);
        verifiers[selector] = TOMBSTONE;
        emit VerifierRemoved(selector);
    }

    /// @notice The verifier registered for `selector`.
    /// @param selector The selector to look up.
    /// @return The verifier; reverts with `SelectorUnknown` or `SelectorRemoved` when there is none.
    function getVerifier(bytes4 selector) public view returns (IRiscZeroVerifier) {
        IRiscZeroVerifier verifier = verifiers[selector];
        if (address(verifier) == address(0)) revert SelectorUnknown(selector);
        if (verifier == TOMBSTONE) revert SelectorRemoved(selector);
        return verifier;
    }

    /// @notice Forwards to the verifier of `seal`'s selector.
    /// @param seal The seal, starting with the selector.
    /// @param imageId The image id of the guest program.
    /// @param journalDigest SHA-256 of the journal.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view {
        getVerifier(SealLib.selector(seal)).verify(seal, imageId, journalDigest);
    }

    /// @notice Forwards to the verifier of `receipt.seal`'s selector.
    /// @param receipt The seal and the claim digest.
    function verifyIntegrity(Receipt calldata receipt) external view {
        getVerifier(SealLib.selector(receipt.seal)).verifyIntegrity(receipt);
    }
}
