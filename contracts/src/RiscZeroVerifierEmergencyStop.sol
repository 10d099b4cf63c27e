// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "./IRiscZeroVerifier.sol";
import {Pausable} from "./Pausable.sol";
import {TwoStepOwnable} from "./TwoStepOwnable.sol";

/// @title RiscZeroVerifierEmergencyStop
/// @notice Wraps one verifier and forwards to it until stopped. The owner (a guardian) can stop it,
///         and so can anyone who proves the zero claim, which no sound proof system can prove.
/// @dev There is no way to resume: a stopped verifier is replaced, not repaired.
contract RiscZeroVerifierEmergencyStop is IRiscZeroVerifier, TwoStepOwnable, Pausable {
    /// @notice The wrapped verifier.
    IRiscZeroVerifier public immutable VERIFIER;

    /// @notice The receipt is not a valid proof of the zero claim.
    error InvalidProofOfExploit();

    /// @param verifier The verifier to wrap.
    /// @param guardian The owner, who may stop the verifier at any time.
    constructor(IRiscZeroVerifier verifier, address guardian) TwoStepOwnable(guardian) {
        VERIFIER = verifier;
    }

    /// @notice Stops the verifier for good. Owner only.
    function estop() external onlyOwner {
        _pause();
    }

    /// @notice Stops the verifier for good, given a receipt proving the zero claim.
    /// @param receipt A receipt with claim digest zero that the wrapped verifier accepts.
    function estop(Receipt calldata receipt) external {
        if (receipt.claimDigest != bytes32(0)) revert InvalidProofOfExploit();
        try VERIFIER.verifyIntegrity(receipt) {}
        catch {
            revert InvalidProofOfExploit();
        }
        _pause();
    }

    /// @notice Forwards to the wrapped verifier unless stopped.
    /// @param seal The seal, starting with the selector.
    /// @param imageId The image id of the guest program.
    /// @param journalDigest SHA-256 of the journal.
    function verify(bytes calldata seal, bytes32 imageId, bytes32 journalDigest) external view whenNotPaused {
        VERIFIER.verify(seal, imageId, journalDigest);
    }

    /// @notice Forwards to the wrapped verifier unless stopped.
    /// @param receipt The seal and the claim digest.
    function verifyIntegrity(Receipt calldata receipt) external view whenNotPaused {
        VERIFIER.verifyIntegrity(receipt);
    }
}
