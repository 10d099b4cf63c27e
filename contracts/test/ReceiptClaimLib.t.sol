// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ReceiptClaimLib} from "../src/ReceiptClaimLib.sol";
import {ReceiptVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract ReceiptClaimLibTest is VerifierTestBase {
    bytes32 private constant IMAGE_ID = 0x11d264ed8dfdee222b820f0278e4d7f55d4b69a5472253a471c102265a91ea1a;

    function test_tagDigestsAreSha256OfTheirTags() public pure {
        vm.assertEq(ReceiptClaimLib.RECEIPT_CLAIM_TAG, sha256("risc0.ReceiptClaim"));
        vm.assertEq(ReceiptClaimLib.OUTPUT_TAG, sha256("risc0.Output"));
    }

    function test_systemStateZeroDigestIsTheHashOfTheZeroState() public pure {
        bytes32 expected = sha256(abi.encodePacked(sha256("risc0.SystemState"), bytes32(0), bytes4(0), hex"0100"));
        vm.assertEq(ReceiptClaimLib.SYSTEM_STATE_ZERO_DIGEST, expected);
    }

    function test_okClaimMatchesWorkedVector() public pure {
        bytes32 journalDigest = sha256("just a simple receipt");
        vm.assertEq(journalDigest, 0x3b8839d29d6fc9286b8f95f9c676ff10c1add3c8bfe3b8d6153be90020ed91be);
        vm.assertEq(
            ReceiptClaimLib.ok(IMAGE_ID, journalDigest),
            0x196cb48d86169e90c105e595a02aef4cbc6e2c9e5a9caa1a74c2ebbd29211480
        );
    }

    function test_outputDigestMatchesWorkedVector() public pure {
        bytes32 output = ReceiptClaimLib.outputDigest(sha256("just a simple receipt"), bytes32(0));
        vm.assertEq(bytes32(bytes4(output)), bytes32(bytes4(0x6293f84a)));
        vm.assertEq(uint256(output) & 0xffffff, 0x1f0a26);
    }

    function test_okClaimMatchesEveryRealReceipt() public pure {
        ReceiptVector[6] memory receipts = [
            Vectors.receipt1_0(),
            Vectors.receipt1_2(),
            Vectors.receipt2_0(),
            Vectors.receipt3_0(),
            Vectors.receipt5_0Dev(),
            Vectors.receiptDevMay2024()
        ];
        for (uint256 i = 0; i < receipts.length; ++i) {
            vm.assertEq(ReceiptClaimLib.ok(receipts[i].imageId, receipts[i].journalDigest), receipts[i].claimDigest);
        }
    }

    function test_digestHashesFieldsInInputPrePostOutputOrder() public pure {
        bytes32 input = bytes32(uint256(1));
        bytes32 pre = bytes32(uint256(2));
        bytes32 post = bytes32(uint256(3));
        bytes32 output = bytes32(uint256(4));
        bytes32 expected = sha256(
            abi.encodePacked(
                sha256("risc0.ReceiptClaim"), input, pre, post, output, hex"02000000", hex"07010000", hex"0400"
            )
        );
        vm.assertEq(ReceiptClaimLib.digest(input, pre, post, output, 2, 0x107), expected);
    }

    function testFuzz_okClaimIsTheReceiptClaimOfAHaltedRun(bytes32 imageId, bytes32 journalDigest) public pure {
        bytes32 output = ReceiptClaimLib.outputDigest(journalDigest, bytes32(0));
        vm.assertEq(
            ReceiptClaimLib.ok(imageId, journalDigest),
            ReceiptClaimLib.digest(bytes32(0), imageId, ReceiptClaimLib.SYSTEM_STATE_ZERO_DIGEST, output, 0, 0)
        );
    }
}
