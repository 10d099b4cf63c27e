// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SetInclusionSeal, SetInclusionSealLib} from "../src/SetInclusionSealLib.sol";
import {MalformedSeal} from "../src/VerifierErrors.sol";
import {SetInclusionVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

/// @dev Exposes the calldata decoder to external calls.
contract SetInclusionSealHarness {
    function decode(bytes calldata seal) external pure returns (bytes32[] memory path, bytes memory rootSeal) {
        return SetInclusionSealLib.decode(seal);
    }
}

contract SetInclusionSealLibTest is VerifierTestBase {
    bytes4 private constant SELECTOR = 0x0f63ffd5;
    /// @dev Byte offsets of the head words: tuple offset, path offset, root seal offset, path length.
    uint256 private constant TUPLE_OFFSET_WORD = 4;
    uint256 private constant ROOT_SEAL_OFFSET_WORD = 68;
    uint256 private constant PATH_LENGTH_WORD = 100;

    SetInclusionSealHarness private harness;

    function setUp() public {
        harness = new SetInclusionSealHarness();
    }

    function test_selectorOnlySealHasEmptyPathAndRootSeal() public view {
        (bytes32[] memory path, bytes memory rootSeal) = harness.decode(abi.encodePacked(SELECTOR));
        vm.assertEq(path.length, 0);
        vm.assertEq(rootSeal.length, 0);
    }

    function test_decodesTheFixtureSeal() public view {
        SetInclusionVector memory v = Vectors.setInclusion();
        (bytes32[] memory path, bytes memory rootSeal) = harness.decode(v.seal);
        vm.assertEq(v.seal.length, 452);
        vm.assertEq(path.length, 0);
        vm.assertEq(rootSeal, v.rootSeal);
    }

    function test_decodesPathAndRootSeal() public view {
        bytes32[] memory path = new bytes32[](2);
        path[0] = keccak256("a");
        path[1] = keccak256("b");
        (bytes32[] memory decodedPath, bytes memory rootSeal) = harness.decode(_encode(path, hex"0102030405"));
        vm.assertEq(decodedPath.length, 2);
        vm.assertEq(decodedPath[0], path[0]);
        vm.assertEq(decodedPath[1], path[1]);
        vm.assertEq(rootSeal, hex"0102030405");
    }

    function test_rejectsSealShorterThanTheHead() public {
        bytes memory seal = _prefix(_encode(new bytes32[](0), ""), 100);
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 100));
        harness.decode(seal);
    }

    function test_rejectsNonCanonicalTupleOffset() public {
        bytes memory seal = _setWord(_encode(new bytes32[](0), ""), TUPLE_OFFSET_WORD, 0x40);
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        harness.decode(seal);
    }

    function test_rejectsRootSealOffsetNotAfterThePath() public {
        bytes memory seal = _setWord(_encode(new bytes32[](1), ""), ROOT_SEAL_OFFSET_WORD, 0x60);
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        harness.decode(seal);
    }

    function test_rejectsPathLongerThanTheSeal() public {
        bytes memory seal = _setWord(_encode(new bytes32[](1), ""), PATH_LENGTH_WORD, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        harness.decode(seal);
    }

    function test_rejectsRootSealLongerThanTheSeal() public {
        bytes memory seal = _encode(new bytes32[](0), hex"01");
        seal = _setWord(seal, seal.length - 64, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        harness.decode(seal);
    }

    function test_rejectsTrailingBytes() public {
        bytes memory seal = bytes.concat(_encode(new bytes32[](0), hex"01"), bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        harness.decode(seal);
    }

    function testFuzz_roundTripsEveryEncoding(bytes32[] memory path, bytes memory rootSeal) public view {
        (bytes32[] memory decodedPath, bytes memory decodedRootSeal) = harness.decode(_encode(path, rootSeal));
        vm.assertEq(keccak256(abi.encode(decodedPath)), keccak256(abi.encode(path)));
        vm.assertEq(decodedRootSeal, rootSeal);
    }

    function testFuzz_arbitraryBytesDecodeCanonicallyOrRevertMalformed(bytes memory body) public view {
        _checkDecodesCanonicallyOrRevertsMalformed(bytes.concat(SELECTOR, body));
    }

    function testFuzz_corruptedHeadWordDecodesCanonicallyOrRevertsMalformed(
        bytes32[] memory path,
        uint256 word,
        uint256 value
    ) public view {
        bytes memory seal = _encode(path, hex"c0ffee");
        uint256 offset = 4 + 32 * (word % (seal.length / 32));
        _checkDecodesCanonicallyOrRevertsMalformed(_setWord(seal, offset, value));
    }

    /// @dev Decoding either reverts with exactly MalformedSeal(length) or yields values whose
    ///      canonical encoding has the seal's length.
    function _checkDecodesCanonicallyOrRevertsMalformed(bytes memory seal) private view {
        try harness.decode(seal) returns (bytes32[] memory path, bytes memory rootSeal) {
            uint256 expected = seal.length == 4 ? 4 : _encode(path, rootSeal).length;
            vm.assertEq(seal.length, expected);
        } catch (bytes memory reason) {
            vm.assertEq(reason, abi.encodeWithSelector(MalformedSeal.selector, seal.length));
        }
    }

    function _encode(bytes32[] memory path, bytes memory rootSeal) private pure returns (bytes memory) {
        return abi.encodePacked(SELECTOR, abi.encode(SetInclusionSeal(path, rootSeal)));
    }
}
