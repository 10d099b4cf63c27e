// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier} from "./IRiscZeroVerifier.sol";
import {RiscZeroClaimVerifier} from "./RiscZeroClaimVerifier.sol";
import {SealLib} from "./SealLib.sol";
import {SetInclusionLib} from "./SetInclusionLib.sol";
import {SetInclusionSealLib} from "./SetInclusionSealLib.sol";
import {VerifierParametersLib} from "./VerifierParametersLib.sol";
import {VerificationFailed} from "./VerifierErrors.sol";

/// @title RiscZeroSetVerifier
/// @notice Verifies claims by inclusion in a set (a Merkle tree of claim digests) whose root the
///         set-builder guest proved. A root is proved either inside the seal or once, ahead of time,
///         with `submitMerkleRoot`, after which each inclusion costs a Merkle path.
/// @dev Seal: selector || abi.encode(SetInclusionSeal{path, rootSeal}); see SetInclusionSealLib.
///      With an empty root seal the folded root must have been submitted before; a non-empty root
///      seal is verified by VERIFIER and the submitted roots are not consulted.
contract RiscZeroSetVerifier is RiscZeroClaimVerifier {
    /// @notice The verifier of root seals (normally the router).
    IRiscZeroVerifier public immutable VERIFIER;

    /// @notice The image id of the set-builder guest.
    bytes32 public immutable IMAGE_ID;

    /// @notice The selector seals for this verifier start with.
    bytes4 public immutable SELECTOR;

    string private _imageUrl;
    mapping(bytes32 => bool) private _roots;

    /// @notice `root` was proved by `seal` and is now accepted without a root seal.
    event VerifiedRoot(bytes32 indexed root, bytes seal);

    /// @param verifier The verifier of root seals (normally the router).
    /// @param imageId The image id of the set-builder guest.
    /// @param imageUrl Where the set-builder guest's binary can be fetched.
    constructor(IRiscZeroVerifier verifier, bytes32 imageId, string memory imageUrl) {
        VERIFIER = verifier;
        IMAGE_ID = imageId;
        SELECTOR = bytes4(VerifierParametersLib.setInclusion(imageId));
        _imageUrl = imageUrl;
    }

    /// @notice Verifies `seal` for the root `root` and remembers the root.
    /// @dev The verification is a static call, so it cannot re-enter and change state.
    /// @param root The Merkle root the set builder committed to.
    /// @param seal A seal for the set builder's claim on `root`.
    function submitMerkleRoot(bytes32 root, bytes calldata seal) external {
        VERIFIER.verify(seal, IMAGE_ID, SetInclusionLib.rootJournalDigest(IMAGE_ID, root));
        _roots[root] = true;
        emit VerifiedRoot(root, seal);
    }

    /// @notice Whether `root` was submitted with a valid seal.
    /// @param root A Merkle root.
    /// @return True if `root` is accepted without a root seal.
    function containsRoot(bytes32 root) external view returns (bool) {
        return _roots[root];
    }

    /// @notice The set-builder guest this verifier trusts.
    /// @return imageId The set builder's image id.
    /// @return imageUrl Where its binary can be fetched.
    function imageInfo() external view returns (bytes32 imageId, string memory imageUrl) {
        return (IMAGE_ID, _imageUrl);
    }

    function _verifyClaim(bytes calldata seal, bytes32 claimDigest) internal view override {
        SealLib.checkSelector(seal, SELECTOR);
        (bytes32[] calldata path, bytes calldata rootSeal) = SetInclusionSealLib.decode(seal);
        bytes32 root = SetInclusionLib.root(SetInclusionLib.leaf(claimDigest), path);
        if (rootSeal.length == 0) {
            if (!_roots[root]) revert VerificationFailed();
        } else {
            VERIFIER.verify(rootSeal, IMAGE_ID, SetInclusionLib.rootJournalDigest(IMAGE_ID, root));
        }
    }
}
