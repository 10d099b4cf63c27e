// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Receipt} from "../src/IRiscZeroVerifier.sol";
import {ReceiptClaimLib} from "../src/ReceiptClaimLib.sol";
import {RiscZeroMockVerifier} from "../src/RiscZeroMockVerifier.sol";
import {RiscZeroSetVerifier} from "../src/RiscZeroSetVerifier.sol";
import {RiscZeroVerifierEmergencyStop} from "../src/RiscZeroVerifierEmergencyStop.sol";
import {RiscZeroVerifierRouter} from "../src/RiscZeroVerifierRouter.sol";
import {SetInclusionLib} from "../src/SetInclusionLib.sol";
import {SetInclusionSeal} from "../src/SetInclusionSealLib.sol";
import {SelectorMismatch, VerificationFailed} from "../src/VerifierErrors.sol";
import {SetInclusionVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract RiscZeroSetVerifierTest is VerifierTestBase {
    string private constant IMAGE_URL = "https://example.invalid/set-builder.bin";
    bytes4 private constant MOCK_SELECTOR = 0xdddddddd;
    /// @dev Byte offset of a word inside the fixture's root seal, within the whole seal.
    uint256 private constant ROOT_SEAL_BYTE = 4 + 5 * 32 + 40;

    SetInclusionVector private vector;
    RiscZeroVerifierRouter private router;
    RiscZeroSetVerifier private setVerifier;

    function setUp() public {
        vector = Vectors.setInclusion();
        RiscZeroVerifierEmergencyStop groth16Stop;
        (router, groth16Stop) = _deployStack(_deployGroth16(Vectors.params3_0()), Vectors.params3_0().selector);
        setVerifier = new RiscZeroSetVerifier(router, vector.setBuilderImageId, IMAGE_URL);
        router.addVerifier(setVerifier.SELECTOR(), new RiscZeroVerifierEmergencyStop(setVerifier, address(this)));
    }

    function test_selectorMatchesTheFixture() public view {
        vm.assertEq(bytes32(setVerifier.SELECTOR()), bytes32(vector.selector));
    }

    function test_imageInfoNamesTheSetBuilder() public view {
        (bytes32 imageId, string memory url) = setVerifier.imageInfo();
        vm.assertEq(imageId, vector.setBuilderImageId);
        vm.assertEq(bytes(url), bytes(IMAGE_URL));
        vm.assertEq(address(setVerifier.VERIFIER()), address(router));
        vm.assertEq(setVerifier.IMAGE_ID(), vector.setBuilderImageId);
    }

    function test_verifiesRealReceiptWithItsRootSeal() public view {
        setVerifier.verify(vector.seal, vector.imageId, vector.journalDigest);
        setVerifier.verifyIntegrity(Receipt(vector.seal, vector.claimDigest));
        router.verify(vector.seal, vector.imageId, vector.journalDigest);
        router.verifyIntegrity(Receipt(vector.seal, vector.claimDigest));
        vm.assertFalse(setVerifier.containsRoot(vector.root));
    }

    function test_leafOfTheFixtureClaimIsItsRoot() public view {
        vm.assertEq(SetInclusionLib.leaf(vector.claimDigest), vector.root);
    }

    function test_submitMerkleRootCachesTheRoot() public {
        vm.expectEmit();
        emit RiscZeroSetVerifier.VerifiedRoot(vector.root, vector.rootSeal);
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        vm.assertTrue(setVerifier.containsRoot(vector.root));
    }

    function test_submitMerkleRootRejectsSealForAnotherRoot() public {
        bytes32 otherRoot = vector.root ^ bytes32(uint256(1));
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.submitMerkleRoot(otherRoot, vector.rootSeal);
        vm.assertFalse(setVerifier.containsRoot(otherRoot));
    }

    function test_verifiesAgainstCachedRootWithSelectorOnlySeal() public {
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        bytes memory seal = abi.encodePacked(vector.selector);
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
        router.verify(seal, vector.imageId, vector.journalDigest);
    }

    function test_verifiesAgainstCachedRootWithEmptyRootSeal() public {
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        bytes memory seal = _seal(vector.selector, new bytes32[](0), "");
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
        router.verifyIntegrity(Receipt(seal, vector.claimDigest));
    }

    function test_rejectsUncachedRootWithoutRootSeal() public {
        bytes memory seal = abi.encodePacked(vector.selector);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
    }

    function test_rejectsWrongPathToCachedRoot() public {
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        bytes32[] memory path = new bytes32[](1);
        path[0] = keccak256("not a sibling");
        bytes memory seal = _seal(vector.selector, path, "");
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
    }

    function test_rejectsInvalidRootSealEvenWhenRootIsCached() public {
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        bytes memory seal = _flip(vector.seal, ROOT_SEAL_BYTE, 0x01);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
    }

    function test_rejectsAnotherClaimUnderTheRealRootSeal() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verify(vector.seal, vector.imageId, vector.journalDigest ^ bytes32(uint256(1)));
    }

    function test_rejectsSealOfAnotherSetVerifier() public {
        bytes memory seal = _flip(vector.seal, 3, 0x01);
        vm.expectRevert(abi.encodeWithSelector(SelectorMismatch.selector, bytes4(seal), vector.selector));
        setVerifier.verify(seal, vector.imageId, vector.journalDigest);
    }

    function test_verifiesEveryLeafOfAMultiLeafTree() public {
        (RiscZeroSetVerifier mockSet, bytes32[] memory claims) = _mockSetWithLeaves(7);
        bytes32[] memory leaves = _leaves(claims);
        bytes32 root = _root(leaves, 0, leaves.length);
        mockSet.submitMerkleRoot(root, _mockRootSeal(mockSet, root));
        for (uint256 i = 0; i < claims.length; ++i) {
            bytes memory seal = _seal(mockSet.SELECTOR(), _path(leaves, i, 0, leaves.length), "");
            mockSet.verifyIntegrity(Receipt(seal, claims[i]));
            mockSet.verify(seal, bytes32(i), keccak256(abi.encode(i)));
        }
    }

    function test_rejectsLeafWithThePathOfAnotherLeaf() public {
        (RiscZeroSetVerifier mockSet, bytes32[] memory claims) = _mockSetWithLeaves(5);
        bytes32[] memory leaves = _leaves(claims);
        bytes32 root = _root(leaves, 0, leaves.length);
        mockSet.submitMerkleRoot(root, _mockRootSeal(mockSet, root));
        bytes memory seal = _seal(mockSet.SELECTOR(), _path(leaves, 0, 0, leaves.length), "");
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        mockSet.verifyIntegrity(Receipt(seal, claims[4]));
    }

    function test_verifiesLeafWithSelfContainedRootSeal() public {
        (RiscZeroSetVerifier mockSet, bytes32[] memory claims) = _mockSetWithLeaves(3);
        bytes32[] memory leaves = _leaves(claims);
        bytes32 root = _root(leaves, 0, leaves.length);
        bytes memory seal = _seal(mockSet.SELECTOR(), _path(leaves, 2, 0, leaves.length), _mockRootSeal(mockSet, root));
        mockSet.verifyIntegrity(Receipt(seal, claims[2]));
        vm.assertFalse(mockSet.containsRoot(root));
    }

    function testFuzz_rejectsAnyPathToAnUncachedRoot(bytes32[] memory path) public {
        bytes memory seal = _seal(vector.selector, path, "");
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verifyIntegrity(Receipt(seal, vector.claimDigest));
    }

    function testFuzz_rejectsForeignClaimsAgainstCachedRoot(bytes32 claimDigest) public {
        vm.assume(claimDigest != vector.claimDigest);
        setVerifier.submitMerkleRoot(vector.root, vector.rootSeal);
        bytes memory seal = abi.encodePacked(vector.selector);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        setVerifier.verifyIntegrity(Receipt(seal, claimDigest));
    }

    /// @dev A set verifier whose root seals are mock seals, and `n` distinct ok claims.
    function _mockSetWithLeaves(uint256 n) private returns (RiscZeroSetVerifier mockSet, bytes32[] memory claims) {
        mockSet = new RiscZeroSetVerifier(new RiscZeroMockVerifier(MOCK_SELECTOR), keccak256("set builder"), IMAGE_URL);
        claims = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            claims[i] = ReceiptClaimLib.ok(bytes32(i), keccak256(abi.encode(i)));
        }
    }

    function _mockRootSeal(RiscZeroSetVerifier mockSet, bytes32 root) private view returns (bytes memory) {
        bytes32 journalDigest = SetInclusionLib.rootJournalDigest(mockSet.IMAGE_ID(), root);
        return abi.encodePacked(MOCK_SELECTOR, ReceiptClaimLib.ok(mockSet.IMAGE_ID(), journalDigest));
    }

    function _seal(bytes4 selector, bytes32[] memory path, bytes memory rootSeal) private pure returns (bytes memory) {
        return abi.encodePacked(selector, abi.encode(SetInclusionSeal(path, rootSeal)));
    }

    function _leaves(bytes32[] memory claims) private pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](claims.length);
        for (uint256 i = 0; i < claims.length; ++i) {
            leaves[i] = SetInclusionLib.leaf(claims[i]);
        }
    }

    /// @dev Root of leaves[start:end] in a left-balanced tree: the left part holds the largest power
    ///      of two below the number of leaves (the shape of a finalized Merkle mountain range).
    function _root(bytes32[] memory leaves, uint256 start, uint256 end) private pure returns (bytes32) {
        if (end - start == 1) return leaves[start];
        uint256 mid = start + _leftSize(end - start);
        return SetInclusionLib.node(_root(leaves, start, mid), _root(leaves, mid, end));
    }

    /// @dev Siblings of leaves[index] from the leaf up, within leaves[start:end].
    function _path(bytes32[] memory leaves, uint256 index, uint256 start, uint256 end)
        private
        pure
        returns (bytes32[] memory path)
    {
        if (end - start == 1) return new bytes32[](0);
        uint256 mid = start + _leftSize(end - start);
        (bytes32[] memory below, bytes32 sibling) = index < mid
            ? (_path(leaves, index, start, mid), _root(leaves, mid, end))
            : (_path(leaves, index, mid, end), _root(leaves, start, mid));
        path = new bytes32[](below.length + 1);
        for (uint256 i = 0; i < below.length; ++i) {
            path[i] = below[i];
        }
        path[below.length] = sibling;
    }

    function _leftSize(uint256 n) private pure returns (uint256 size) {
        size = 1;
        while (size * 2 < n) {
            size *= 2;
        }
    }
}
