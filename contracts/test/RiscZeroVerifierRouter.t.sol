// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier, Receipt} from "../src/IRiscZeroVerifier.sol";
import {ReceiptClaimLib} from "../src/ReceiptClaimLib.sol";
import {RiscZeroMockVerifier} from "../src/RiscZeroMockVerifier.sol";
import {RiscZeroVerifierRouter} from "../src/RiscZeroVerifierRouter.sol";
import {TwoStepOwnable} from "../src/TwoStepOwnable.sol";
import {MalformedSeal, VerificationFailed} from "../src/VerifierErrors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract RiscZeroVerifierRouterTest is VerifierTestBase {
    bytes4 private constant SELECTOR_A = 0xaaaaaaaa;
    bytes4 private constant SELECTOR_B = 0xbbbbbbbb;
    bytes32 private constant IMAGE_ID = keccak256("image");
    bytes32 private constant JOURNAL_DIGEST = keccak256("journal");
    address private constant STRANGER = address(0xbad);

    RiscZeroVerifierRouter private router;
    RiscZeroMockVerifier private verifierA;
    RiscZeroMockVerifier private verifierB;

    function setUp() public {
        router = new RiscZeroVerifierRouter(address(this));
        verifierA = new RiscZeroMockVerifier(SELECTOR_A);
        verifierB = new RiscZeroMockVerifier(SELECTOR_B);
        router.addVerifier(SELECTOR_A, verifierA);
    }

    function test_addVerifierEmitsVerifierAdded() public {
        vm.expectEmit();
        emit RiscZeroVerifierRouter.VerifierAdded(SELECTOR_B, verifierB);
        router.addVerifier(SELECTOR_B, verifierB);
        vm.assertEq(address(router.getVerifier(SELECTOR_B)), address(verifierB));
    }

    function test_routesEachSealToTheVerifierOfItsSelector() public {
        router.addVerifier(SELECTOR_B, verifierB);
        router.verify(_seal(SELECTOR_A), IMAGE_ID, JOURNAL_DIGEST);
        router.verify(_seal(SELECTOR_B), IMAGE_ID, JOURNAL_DIGEST);
        router.verifyIntegrity(Receipt(_seal(SELECTOR_B), ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST)));
    }

    function test_forwardsTheVerifierError() public {
        bytes memory seal = _seal(SELECTOR_A);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        router.verify(seal, IMAGE_ID, keccak256("other journal"));
    }

    function test_addVerifierRejectsSelectorInUse() public {
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorInUse.selector, SELECTOR_A));
        router.addVerifier(SELECTOR_A, verifierB);
    }

    function test_addVerifierRejectsZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.VerifierAddressZero.selector));
        router.addVerifier(SELECTOR_B, IRiscZeroVerifier(address(0)));
    }

    function test_addVerifierIsOwnerOnly() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        router.addVerifier(SELECTOR_B, verifierB);
    }

    function test_removeVerifierIsOwnerOnly() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        router.removeVerifier(SELECTOR_A);
    }

    function test_removeVerifierLeavesATombstone() public {
        vm.expectEmit();
        emit RiscZeroVerifierRouter.VerifierRemoved(SELECTOR_A);
        router.removeVerifier(SELECTOR_A);
        vm.assertEq(address(router.verifiers(SELECTOR_A)), address(1));
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorRemoved.selector, SELECTOR_A));
        router.getVerifier(SELECTOR_A);
    }

    function test_removedSelectorCanNeverBeAddedAgain() public {
        router.removeVerifier(SELECTOR_A);
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorRemoved.selector, SELECTOR_A));
        router.addVerifier(SELECTOR_A, verifierA);
    }

    function test_removedSelectorCannotBeRemovedAgain() public {
        router.removeVerifier(SELECTOR_A);
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorRemoved.selector, SELECTOR_A));
        router.removeVerifier(SELECTOR_A);
    }

    function test_removeVerifierRejectsUnknownSelector() public {
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorUnknown.selector, SELECTOR_B));
        router.removeVerifier(SELECTOR_B);
    }

    function test_getVerifierRejectsUnknownSelector() public {
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorUnknown.selector, SELECTOR_B));
        router.getVerifier(SELECTOR_B);
    }

    function test_verifyRejectsUnknownSelector() public {
        bytes memory seal = _seal(SELECTOR_B);
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorUnknown.selector, SELECTOR_B));
        router.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_verifyRejectsRemovedSelector() public {
        router.removeVerifier(SELECTOR_A);
        bytes memory seal = _seal(SELECTOR_A);
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorRemoved.selector, SELECTOR_A));
        router.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_verifyRejectsSealShorterThanSelector() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 3));
        router.verify(hex"aaaaaa", IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_verifyIntegrityRejectsSealShorterThanSelector() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 0));
        router.verifyIntegrity(Receipt("", bytes32(0)));
    }

    function test_constructorRejectsZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.OwnerAddressZero.selector));
        new RiscZeroVerifierRouter(address(0));
    }

    function test_ownershipMovesOnlyWhenTheNewOwnerAccepts() public {
        vm.expectEmit();
        emit TwoStepOwnable.OwnershipTransferStarted(address(this), STRANGER);
        router.transferOwnership(STRANGER);
        vm.assertEq(router.owner(), address(this));
        vm.assertEq(router.pendingOwner(), STRANGER);
        vm.prank(STRANGER);
        vm.expectEmit();
        emit TwoStepOwnable.OwnershipTransferred(address(this), STRANGER);
        router.acceptOwnership();
        vm.assertEq(router.owner(), STRANGER);
        vm.assertEq(router.pendingOwner(), address(0));
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, address(this)));
        router.addVerifier(SELECTOR_B, verifierB);
    }

    function test_acceptOwnershipIsPendingOwnerOnly() public {
        router.transferOwnership(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotPendingOwner.selector, address(this)));
        router.acceptOwnership();
    }

    function test_transferOwnershipIsOwnerOnly() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        router.transferOwnership(STRANGER);
    }

    function _seal(bytes4 selector) private pure returns (bytes memory) {
        return abi.encodePacked(selector, ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST));
    }
}
