// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TaggedHashLib} from "../src/TaggedHashLib.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract TaggedHashLibTest is VerifierTestBase {
    bytes32 private constant TAG = keccak256("tag");

    function test_u16leWritesLowByteFirst() public pure {
        vm.assertEq(bytes32(TaggedHashLib.u16le(4)), bytes32(bytes2(0x0400)));
        vm.assertEq(bytes32(TaggedHashLib.u16le(0x1234)), bytes32(bytes2(0x3412)));
    }

    function test_u32leWritesLowByteFirst() public pure {
        vm.assertEq(bytes32(TaggedHashLib.u32le(2)), bytes32(bytes4(0x02000000)));
        vm.assertEq(bytes32(TaggedHashLib.u32le(0x01020304)), bytes32(bytes4(0x04030201)));
    }

    function test_structDigestEndsWithTheNumberOfDigests() public pure {
        bytes32[] memory down = new bytes32[](3);
        down[0] = bytes32(uint256(1));
        down[1] = bytes32(uint256(2));
        down[2] = bytes32(uint256(3));
        bytes32 expected = sha256(abi.encodePacked(TAG, down[0], down[1], down[2], hex"0300"));
        vm.assertEq(TaggedHashLib.structDigest(TAG, down), expected);
    }

    function test_emptyListDigestIsZero() public pure {
        vm.assertEq(TaggedHashLib.listDigest(TAG, new bytes32[](0)), bytes32(0));
    }

    function test_listDigestFoldsFromTheLastElement() public pure {
        bytes32[] memory items = new bytes32[](2);
        items[0] = bytes32(uint256(0xa));
        items[1] = bytes32(uint256(0xb));
        bytes32 tail = sha256(abi.encodePacked(TAG, items[1], bytes32(0), hex"0200"));
        bytes32 expected = sha256(abi.encodePacked(TAG, items[0], tail, hex"0200"));
        vm.assertEq(TaggedHashLib.listDigest(TAG, items), expected);
    }
}
