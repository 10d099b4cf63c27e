// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Receipt} from "../src/IRiscZeroVerifier.sol";
import {ReceiptClaimLib} from "../src/ReceiptClaimLib.sol";
import {RiscZeroMockVerifier} from "../src/RiscZeroMockVerifier.sol";
import {MalformedSeal, SelectorMismatch, VerificationFailed} from "../src/VerifierErrors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract RiscZeroMockVerifierTest is VerifierTestBase {
    bytes4 private constant SELECTOR = 0xffffffff;
    bytes32 private constant IMAGE_ID = keccak256("image");
    bytes32 private constant JOURNAL_DIGEST = keccak256("journal");

    RiscZeroMockVerifier private verifier;
    bytes private seal;

    function setUp() public {
        verifier = new RiscZeroMockVerifier(SELECTOR);
        seal = abi.encodePacked(SELECTOR, ReceiptClaimLib.ok(IMAGE_ID, JOURNAL_DIGEST));
    }

    function test_acceptsSealCarryingTheOkClaim() public view {
        verifier.verify(seal, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_acceptsSealCarryingTheGivenClaimDigest() public view {
        verifier.verifyIntegrity(Receipt(abi.encodePacked(SELECTOR, bytes32(0)), bytes32(0)));
    }

    function test_exposesItsSelector() public view {
        vm.assertEq(bytes32(verifier.SELECTOR()), bytes32(SELECTOR));
    }

    function test_rejectsAnotherJournal() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, IMAGE_ID, keccak256("other journal"));
    }

    function test_rejectsWrongSelector() public {
        bytes memory other = _flip(seal, 0, 0x01);
        vm.expectRevert(abi.encodeWithSelector(SelectorMismatch.selector, bytes4(0xfeffffff), SELECTOR));
        verifier.verify(other, IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_rejectsTruncatedSeal() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 35));
        verifier.verify(_prefix(seal, 35), IMAGE_ID, JOURNAL_DIGEST);
    }

    function test_rejectsSealShorterThanSelector() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 2));
        verifier.verify(hex"ffff", IMAGE_ID, JOURNAL_DIGEST);
    }

    function testFuzz_acceptsOnlyTheClaimItCarries(bytes32 carried, bytes32 claimed) public {
        bytes memory s = abi.encodePacked(SELECTOR, carried);
        if (carried != claimed) vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verifyIntegrity(Receipt(s, claimed));
    }
}
