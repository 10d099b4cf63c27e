// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {DigestLib} from "../src/DigestLib.sol";
import {Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract DigestLibTest is VerifierTestBase {
    function test_splitGivesTheReleaseControlRootInputs() public pure {
        (uint256 low, uint256 high) = DigestLib.split(Vectors.params3_0().controlRoot);
        vm.assertEq(low, 0x41af18736dc9d7921c859fc95ac84da5);
        vm.assertEq(high, 0x561f8c992a424deb37ccdf4e19c0e7db);
    }

    function test_reverseBytesReversesTheBn254ControlId() public pure {
        vm.assertEq(
            DigestLib.reverseBytes(Vectors.params3_0().bn254ControlId),
            0xc07a65145c3cb48b6101962ea607a4dd93c753bb26975cb47feb00d3666e4404
        );
    }

    function testFuzz_reverseBytesMovesEveryByte(bytes32 digest) public pure {
        bytes32 reversed = DigestLib.reverseBytes(digest);
        for (uint256 i = 0; i < 32; ++i) {
            vm.assertEq(uint256(uint8(reversed[i])), uint256(uint8(digest[31 - i])));
        }
    }

    function testFuzz_splitHalvesReassembleTheReversedDigest(bytes32 digest) public pure {
        (uint256 low, uint256 high) = DigestLib.split(digest);
        vm.assertTrue(low < 1 << 128);
        vm.assertTrue(high < 1 << 128);
        vm.assertEq(bytes32(low | (high << 128)), DigestLib.reverseBytes(digest));
    }
}
