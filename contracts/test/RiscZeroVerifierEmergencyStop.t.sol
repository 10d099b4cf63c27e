// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Receipt} from "../src/IRiscZeroVerifier.sol";
import {Pausable} from "../src/Pausable.sol";
import {ReceiptClaimLib} from "../src/ReceiptClaimLib.sol";
import {RiscZeroMockVerifier} from "../src/RiscZeroMockVerifier.sol";
import {RiscZeroVerifierEmergencyStop} from "../src/RiscZeroVerifierEmergencyStop.sol";
import {RiscZeroVerifierRouter} from "../src/RiscZeroVerifierRouter.sol";
import {TwoStepOwnable} from "../src/TwoStepOwnable.sol";
import {ReceiptVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract RiscZeroVerifierEmergencyStopTest is VerifierTestBase {
    bytes4 private constant SELECTOR = 0xcccccccc;
    bytes32 private constant IMAGE_ID = keccak256("image");
    bytes32 private constant JOURNAL_DIGEST = keccak256("journal");
    address private constant ANYONE = address(0xa11ce);

    RiscZeroMockVerifier private mock;
    RiscZeroVerifierRouter private router;
    RiscZeroVerifierEmergencyStop private estop;
    bytes private seal;

    function setUp() public {
        mock = new RiscZeroMockVerifier(SELECTOR);
        (router, estop) = _deployStack(mock, SELECTOR);
        seal = abi.encodePacked(SELECTOR, ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST));
    }

    function test_exposesTheWrappedVerifier() public view {
        vm.assertEq(address(estop.VERIFIER()), address(mock));
        vm.assertEq(estop.owner(), address(this));
    }

    function test_forwardsWhileRunning() public view {
        vm.assertFalse(estop.paused());
        estop.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
        estop.verifyIntegrity(Receipt(seal, ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST)));
        router.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_ownerEstopBlocksVerification() public {
        vm.expectEmit();
        emit Pausable.Paused(address(this));
        estop.estop();
        vm.assertTrue(estop.paused());
        bytes32 claim = ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST);
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        estop.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        estop.verifyIntegrity(Receipt(seal, claim));
    }

    function test_ownerEstopBlocksVerificationThroughTheRouter() public {
        estop.estop();
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        router.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_estopIsOwnerOnly() public {
        vm.prank(ANYONE);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, ANYONE));
        estop.estop();
    }

    function test_proofOfExploitLetsAnyoneStop() public {
        vm.prank(ANYONE);
        vm.expectEmit();
        emit Pausable.Paused(ANYONE);
        estop.estop(Receipt(abi.encodePacked(SELECTOR, bytes32(0)), bytes32(0)));
        vm.assertTrue(estop.paused());
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        router.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_proofOfExploitRejectsNonZeroClaim() public {
        bytes32 claim = ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST);
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierEmergencyStop.InvalidProofOfExploit.selector));
        estop.estop(Receipt(seal, claim));
        vm.assertFalse(estop.paused());
    }

    function test_proofOfExploitRejectsSealThatDoesNotVerify() public {
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierEmergencyStop.InvalidProofOfExploit.selector));
        estop.estop(Receipt(seal, bytes32(0)));
    }

    function test_realGroth16ReceiptIsNoProofOfExploit() public {
        ReceiptVector memory r = Vectors.receipt3_0();
        RiscZeroVerifierEmergencyStop real = new RiscZeroVerifierEmergencyStop(_deployGroth16(r.params), address(this));
        vm.expectRevert(abi.encodeWithSelector(RiscZeroVerifierEmergencyStop.InvalidProofOfExploit.selector));
        real.estop(Receipt(r.seal, bytes32(0)));
        real.verify(r.seal, r.imageId, r.journalDigest);
    }

    function test_cannotStopTwice() public {
        estop.estop();
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        estop.estop();
    }
}
