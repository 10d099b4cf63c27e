// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {
    BlobCommitmentMismatch,
    BlobEvaluationInvalid,
    BlobLib,
    BlobOpeningsMismatch,
    NoBlobs
} from "../src/BlobLib.sol";
import {Rollup} from "../src/Rollup.sol";
import {TwoStepOwnable} from "../src/TwoStepOwnable.sol";
import {BlobVector, BlobVectors} from "./utils/BlobVectors.sol";
import {DigestSealVerifier} from "./utils/DigestSealVerifier.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice Values computed by the Python L2 model (harness.l2) for seed 1, three batches of two
///         transfers each; tests/test_l2_journal.py pins the same values on the Python side.
library ModelVector {
    bytes32 internal constant BATCH_IMAGE_ID = 0x74118ddecf17e705daa30f000beee4012a648a1c242162ba695ecd853c5c4717;
    uint256 internal constant CHAIN_ID = 31337;
    address internal constant ROLLUP = 0x5FbDB2315678afecb367f032d93F642f64180aa3;

    bytes internal constant BATCH_1 =
        hex"43efed1f7478b3eb4b68afd1881f0684ac46c26296818ae3d9e0f1aa2f6fa348e3de462c3bf756fd00000000000000000cd613e3d8f16ae000000000000000001ea45e7732b55a431dd8fd75bd996b133ef73de543efed1f7478b3eb4b68afd1881f0684ac46c262000000000000000007ed4d571e2feb8a0000000000000000";
    bytes internal constant BATCH_2 =
        hex"edb1f209d4981153a4d2f7bd3806ee55ac03a5ca6c5c7080081a2a00839ac574b26652d7b5ee2f9100000000000000000612e769a6cecc1c00000000000000005cf17c888f94381f754ef41d1363fd886862d20f1d3e42b7e9a3389f93be0dcde238ac178e414fb5000000000000000000741c7a7ce42c830000000000000000";
    bytes internal constant BATCH_3 =
        hex"d024371a53eeadcc9bcfe8d3c49f02a2d150f208631779b5a4aa3c211fbe4df27e893d151ba55ba600000000000000000c324c989b810e77000000000000000001f739c39a8c7653d0be3b003dbadcf8b729c7f9bfa245f396fbd0f2e2c1e1e95589e09e520b0d6900000000000000000442e3d47204e52e0000000000000000";

    bytes32 internal constant ROOT_0 = 0xb1414dcb232de91bc928e30ba2aff10c05a4a4202c476086e5711f715d9d7751;
    bytes32 internal constant ROOT_1 = 0xcddb79069bbbf0e1ba43e384a4829567a50052da9ab06e82f6d7ea13fd7eaf8b;
    bytes32 internal constant ROOT_3 = 0x699a8b2d70d5c55df932d5b8d42aad6a7f109e79675a5c5e84ba9a762f69b9df;
    bytes32 internal constant ACC_1 = 0x2a262c191c3e889a91b2430a7e296a42925fc7d2474a9d12669dff881df8fb59;
    bytes32 internal constant ACC_2 = 0xd59a74adde6b08ae01f7f3530b423f4e6cb3a70e9f1fcff63fac26cf06d00eec;
    bytes32 internal constant ACC_3 = 0xa0f6931496b9aeaeb4bae74c466ab226567c8086024aa4ea915f9965d9bf9595;

    /// @dev The journal of the range [2, 3] on CHAIN_ID for ROLLUP.
    bytes internal constant JOURNAL_2_3 =
        hex"0000000000000000000000000000000000000000000000000000000000007a690000000000000000000000005fbdb2315678afecb367f032d93f642f64180aa300000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000003cddb79069bbbf0e1ba43e384a4829567a50052da9ab06e82f6d7ea13fd7eaf8b699a8b2d70d5c55df932d5b8d42aad6a7f109e79675a5c5e84ba9a762f69b9df2a262c191c3e889a91b2430a7e296a42925fc7d2474a9d12669dff881df8fb59a0f6931496b9aeaeb4bae74c466ab226567c8086024aa4ea915f9965d9bf959574118ddecf17e705daa30f000beee4012a648a1c242162ba695ecd853c5c4717";
    bytes32 internal constant JOURNAL_2_3_DIGEST = 0xc0044762c74fb97c92a7c6ef427dd718a5efbbf67aaea46a25ec2d5f9362b090;
}

contract RollupTest {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal constant SEQUENCER = address(0x5E0);
    address internal constant STRANGER = address(0xBAD);
    bytes32 internal constant BATCH_IMAGE_ID = ModelVector.BATCH_IMAGE_ID;
    bytes32 internal constant AGGREGATOR_IMAGE_ID = keccak256("rollup-harness.test.aggregator-image");
    bytes32 internal constant GENESIS_ROOT = ModelVector.ROOT_0;

    /// @dev Everything `finalize` takes except the seal.
    struct Finalization {
        uint256 first;
        uint256 last;
        bytes32 prevStateRoot;
        bytes32 newStateRoot;
        bytes32 accBefore;
        bytes32 accAfter;
        Rollup.ProofKind kind;
    }

    DigestSealVerifier internal verifier;
    Rollup internal rollup;

    function setUp() public {
        verifier = new DigestSealVerifier();
        rollup = new Rollup(verifier, BATCH_IMAGE_ID, AGGREGATOR_IMAGE_ID, SEQUENCER, GENESIS_ROOT);
    }

    // ---------------------------------------------------------------- helpers

    function _data(uint256 index) internal pure returns (bytes memory) {
        return abi.encodePacked("batch", index);
    }

    function _rootAfter(uint256 index) internal pure returns (bytes32) {
        return index == 0 ? GENESIS_ROOT : keccak256(abi.encode("state root", index));
    }

    function _commit(uint256 count) internal {
        for (uint256 i = 0; i < count; ++i) {
            uint256 index = rollup.lastCommitted() + 1;
            vm.prank(SEQUENCER);
            rollup.commitBatch(_data(index));
        }
    }

    /// @dev The honest finalisation of [first, last] given the rollup's current storage.
    function _honest(uint256 first, uint256 last, Rollup.ProofKind kind) internal view returns (Finalization memory) {
        return Finalization({
            first: first,
            last: last,
            prevStateRoot: rollup.stateRoot(),
            newStateRoot: _rootAfter(last),
            accBefore: rollup.accumulator(first - 1),
            accAfter: rollup.accumulator(last),
            kind: kind
        });
    }

    /// @dev The seal the test verifier accepts for `f`'s journal under `f.kind`'s image id.
    function _seal(Finalization memory f) internal view returns (bytes memory) {
        bytes32 digest = rollup.journalDigest(f.first, f.last, f.prevStateRoot, f.newStateRoot, f.accBefore, f.accAfter);
        return verifier.sealFor(rollup.imageIdOf(f.kind), digest);
    }

    function _submit(Finalization memory f, bytes memory seal) internal {
        rollup.finalize(f.first, f.last, f.prevStateRoot, f.newStateRoot, f.accBefore, f.accAfter, f.kind, seal);
    }

    function _finalize(uint256 first, uint256 last, Rollup.ProofKind kind) internal {
        Finalization memory f = _honest(first, last, kind);
        _submit(f, _seal(f));
    }

    function _assertFinalized(uint256 lastFinalized, bytes32 root) internal view {
        vm.assertEq(rollup.lastFinalized(), lastFinalized);
        vm.assertEq(rollup.stateRoot(), root);
    }

    // ---------------------------------------------------------------- construction

    function test_constructorSetsTheGenesisState() public view {
        vm.assertEq(rollup.owner(), address(this));
        vm.assertEq(rollup.sequencer(), SEQUENCER);
        vm.assertEq(address(rollup.verifier()), address(verifier));
        vm.assertEq(rollup.batchImageId(), BATCH_IMAGE_ID);
        vm.assertEq(rollup.aggregatorImageId(), AGGREGATOR_IMAGE_ID);
        vm.assertEq(rollup.imageIdOf(Rollup.ProofKind.Batch), BATCH_IMAGE_ID);
        vm.assertEq(rollup.imageIdOf(Rollup.ProofKind.Aggregator), AGGREGATOR_IMAGE_ID);
        vm.assertEq(rollup.stateRoot(), GENESIS_ROOT);
        vm.assertEq(rollup.lastCommitted(), 0);
        vm.assertEq(rollup.lastFinalized(), 0);
        vm.assertEq(rollup.accumulator(0), bytes32(0));
        vm.assertFalse(rollup.paused());
    }

    function test_constructorRejectsAZeroSequencer() public {
        vm.expectRevert(abi.encodeWithSelector(Rollup.ZeroAddress.selector));
        new Rollup(verifier, BATCH_IMAGE_ID, AGGREGATOR_IMAGE_ID, address(0), GENESIS_ROOT);
    }

    function test_constructorRejectsAZeroVerifier() public {
        vm.expectRevert(abi.encodeWithSelector(Rollup.ZeroAddress.selector));
        new Rollup(DigestSealVerifier(address(0)), BATCH_IMAGE_ID, AGGREGATOR_IMAGE_ID, SEQUENCER, GENESIS_ROOT);
    }

    // ---------------------------------------------------------------- commitBatch

    function test_commitBatchExtendsTheAccumulator() public {
        bytes memory data = _data(1);
        bytes32 expected = sha256(abi.encodePacked(bytes32(0), sha256(data)));
        vm.expectEmit();
        emit Rollup.BatchCommitted(1, sha256(data), expected);
        vm.prank(SEQUENCER);
        uint256 index = rollup.commitBatch(data);
        vm.assertEq(index, 1);
        vm.assertEq(rollup.lastCommitted(), 1);
        vm.assertEq(rollup.accumulator(1), expected);

        bytes memory next = _data(2);
        vm.prank(SEQUENCER);
        rollup.commitBatch(next);
        vm.assertEq(rollup.accumulator(2), sha256(abi.encodePacked(expected, sha256(next))));
    }

    function test_commitBatchMatchesTheModelAccumulator() public {
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_1);
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_2);
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_3);
        vm.assertEq(rollup.accumulator(1), ModelVector.ACC_1);
        vm.assertEq(rollup.accumulator(2), ModelVector.ACC_2);
        vm.assertEq(rollup.accumulator(3), ModelVector.ACC_3);
    }

    function test_commitBatchRejectsAnyoneButTheSequencer() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.NotSequencer.selector, STRANGER));
        rollup.commitBatch(_data(1));
        vm.assertEq(rollup.lastCommitted(), 0);
        vm.assertEq(rollup.accumulator(1), bytes32(0));
    }

    function test_commitBatchRejectsWhilePaused() public {
        rollup.pause();
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.RollupPaused.selector));
        rollup.commitBatch(_data(1));
        vm.assertEq(rollup.lastCommitted(), 0);
    }

    /// @dev The gas report's commitBatch and finalize figures for a realistic batch come from here.
    function test_commitAndFinalizeABatchOf100Transfers() public {
        bytes memory data;
        for (uint256 i = 0; i < 100; ++i) {
            address from = address(uint160(uint256(keccak256(abi.encode("from", i)))));
            address to = address(uint160(uint256(keccak256(abi.encode("to", i)))));
            data = abi.encodePacked(data, from, to, uint128(1e15 + i * 7919), uint64(i));
        }
        vm.assertEq(data.length, 6400);
        vm.prank(SEQUENCER);
        rollup.commitBatch(data);
        _finalize(1, 1, Rollup.ProofKind.Batch);
        _assertFinalized(1, _rootAfter(1));
    }

    function testFuzz_commitBatchAccumulatesAnyData(bytes calldata data) public {
        vm.prank(SEQUENCER);
        rollup.commitBatch(data);
        vm.assertEq(rollup.accumulator(1), sha256(abi.encodePacked(bytes32(0), sha256(data))));
    }

    // ---------------------------------------------------------------- commitBlobBatch

    function _commitBlobs(BlobVector memory v) internal returns (uint256) {
        vm.blobhashes(v.versionedHashes);
        vm.prank(SEQUENCER);
        return rollup.commitBlobBatch();
    }

    function _commitBlobsKzg(BlobVector memory v, bytes memory openings) internal returns (uint256) {
        vm.blobhashes(v.versionedHashes);
        vm.prank(SEQUENCER);
        return rollup.commitBlobBatchKzg(v.dataHash, openings);
    }

    function _assertNothingCommitted() internal view {
        vm.assertEq(rollup.lastCommitted(), 0);
        vm.assertEq(rollup.accumulator(1), bytes32(0));
    }

    function test_commitBlobBatchExtendsTheAccumulatorWithTheVersionedHashes() public {
        BlobVector memory v = BlobVectors.oneBlob();
        bytes32 expected = sha256(abi.encodePacked(bytes32(0), v.blobsHash));
        vm.expectEmit();
        emit Rollup.BatchCommitted(1, v.blobsHash, expected);
        vm.assertEq(_commitBlobs(v), 1);
        vm.assertEq(rollup.lastCommitted(), 1);
        vm.assertEq(rollup.accumulator(1), expected);
        vm.assertEq(v.blobsHash, sha256(abi.encodePacked(v.versionedHashes)));
    }

    function test_commitBlobBatchMatchesTheModelForEveryBlob() public {
        BlobVector memory one = BlobVectors.oneBlob();
        BlobVector memory two = BlobVectors.twoBlobs();
        _commitBlobs(one);
        _commitBlobs(two);
        bytes32 first = sha256(abi.encodePacked(bytes32(0), one.blobsHash));
        vm.assertEq(rollup.accumulator(1), first);
        vm.assertEq(rollup.accumulator(2), sha256(abi.encodePacked(first, two.blobsHash)));
    }

    function test_commitBlobBatchAndCommitBatchShareOneAccumulator() public {
        BlobVector memory v = BlobVectors.oneBlob();
        _commit(1);
        bytes32 afterCalldata = rollup.accumulator(1);
        vm.assertEq(_commitBlobs(v), 2);
        vm.assertEq(rollup.accumulator(2), sha256(abi.encodePacked(afterCalldata, v.blobsHash)));
        _finalize(1, 2, Rollup.ProofKind.Aggregator);
        _assertFinalized(2, _rootAfter(2));
    }

    function test_commitBlobBatchRejectsATransactionWithoutBlobs() public {
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(NoBlobs.selector));
        rollup.commitBlobBatch();
        _assertNothingCommitted();
    }

    function test_commitBlobBatchRejectsAnyoneButTheSequencer() public {
        vm.blobhashes(BlobVectors.oneBlob().versionedHashes);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.NotSequencer.selector, STRANGER));
        rollup.commitBlobBatch();
        _assertNothingCommitted();
    }

    function test_commitBlobBatchRejectsWhilePaused() public {
        rollup.pause();
        vm.blobhashes(BlobVectors.oneBlob().versionedHashes);
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.RollupPaused.selector));
        rollup.commitBlobBatch();
        _assertNothingCommitted();
    }

    function testFuzz_commitBlobBatchAccumulatesAnyVersionedHashes(bytes32[9] memory words, uint8 count) public {
        bytes32[] memory hashes = new bytes32[](uint256(count) % 9 + 1);
        for (uint256 i = 0; i < hashes.length; ++i) {
            vm.assume(words[i] != bytes32(0));
            hashes[i] = words[i];
        }
        vm.blobhashes(hashes);
        vm.prank(SEQUENCER);
        rollup.commitBlobBatch();
        bytes32 expected = sha256(abi.encodePacked(bytes32(0), sha256(abi.encodePacked(hashes))));
        vm.assertEq(rollup.accumulator(1), expected);
    }

    // ---------------------------------------------------------------- commitBlobBatchKzg

    function test_commitBlobBatchKzgOpensTheBlobAndBindsTheEvaluation() public {
        BlobVector memory v = BlobVectors.oneBlob();
        bytes32 expected = sha256(abi.encodePacked(bytes32(0), v.kzgHash));
        vm.expectEmit();
        emit Rollup.BatchCommitted(1, v.kzgHash, expected);
        vm.assertEq(_commitBlobsKzg(v, v.openings), 1);
        vm.assertEq(rollup.accumulator(1), expected);
        bytes32 y = bytes32(this.slice(v.openings, 0, 32));
        vm.assertEq(v.kzgHash, sha256(abi.encodePacked(v.dataHash, v.versionedHashes[0], y)));
    }

    function test_commitBlobBatchKzgOpensEveryBlob() public {
        BlobVector memory v = BlobVectors.twoBlobs();
        _commitBlobsKzg(v, v.openings);
        vm.assertEq(rollup.accumulator(1), sha256(abi.encodePacked(bytes32(0), v.kzgHash)));
    }

    function test_commitBlobBatchKzgDerivesTheModelsChallengePoints() public pure {
        BlobVector memory v = BlobVectors.twoBlobs();
        for (uint256 i = 0; i < v.versionedHashes.length; ++i) {
            uint256 z = BlobLib.challenge(v.versionedHashes[i], v.dataHash);
            vm.assertEq(z, v.challenges[i]);
            vm.assertTrue(z < BlobLib.BLS_MODULUS);
        }
    }

    function test_commitBlobBatchKzgRejectsAWrongProof() public {
        BlobVector memory v = BlobVectors.oneBlob();
        bytes memory openings = v.openings;
        openings[127] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BlobEvaluationInvalid.selector, 0, v.challenges[0]));
        _commitBlobsKzg(v, openings);
        _assertNothingCommitted();
    }

    function test_commitBlobBatchKzgRejectsAWrongValue() public {
        BlobVector memory v = BlobVectors.twoBlobs();
        bytes memory openings = v.openings;
        openings[128 + 31] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BlobEvaluationInvalid.selector, 1, v.challenges[1]));
        _commitBlobsKzg(v, openings);
        _assertNothingCommitted();
    }

    function test_commitBlobBatchKzgRejectsTheOpeningOfAnotherBlob() public {
        BlobVector memory v = BlobVectors.oneBlob();
        BlobVector memory other = BlobVectors.twoBlobs();
        bytes32[] memory carried = new bytes32[](1);
        carried[0] = other.versionedHashes[0];
        vm.blobhashes(carried);
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(BlobCommitmentMismatch.selector, 0, carried[0], v.versionedHashes[0]));
        rollup.commitBlobBatchKzg(v.dataHash, v.openings);
        _assertNothingCommitted();
    }

    function test_commitBlobBatchKzgRejectsAnotherDataHash() public {
        BlobVector memory v = BlobVectors.oneBlob();
        v.dataHash = keccak256("not the batch");
        uint256 z = BlobLib.challenge(v.versionedHashes[0], v.dataHash);
        vm.expectRevert(abi.encodeWithSelector(BlobEvaluationInvalid.selector, 0, z));
        _commitBlobsKzg(v, v.openings);
        _assertNothingCommitted();
    }

    function test_commitBlobBatchKzgRejectsATransactionWithoutBlobs() public {
        BlobVector memory v = BlobVectors.oneBlob();
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(NoBlobs.selector));
        rollup.commitBlobBatchKzg(v.dataHash, v.openings);
        _assertNothingCommitted();
    }

    function test_commitBlobBatchKzgRejectsAnyoneButTheSequencer() public {
        BlobVector memory v = BlobVectors.oneBlob();
        vm.blobhashes(v.versionedHashes);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.NotSequencer.selector, STRANGER));
        rollup.commitBlobBatchKzg(v.dataHash, v.openings);
        _assertNothingCommitted();
    }

    function testFuzz_commitBlobBatchKzgRejectsOpeningsOfAnyOtherLength(bytes calldata openings) public {
        BlobVector memory v = BlobVectors.twoBlobs();
        vm.assume(openings.length != v.openings.length);
        vm.expectRevert(abi.encodeWithSelector(BlobOpeningsMismatch.selector, 2, openings.length));
        _commitBlobsKzg(v, openings);
        _assertNothingCommitted();
    }

    function testFuzz_commitBlobBatchKzgRejectsAnyAlteredOpeningByte(uint8 at, uint8 mask) public {
        BlobVector memory v = BlobVectors.oneBlob();
        vm.assume(mask != 0);
        bytes memory openings = v.openings;
        uint256 index = uint256(at) % openings.length;
        openings[index] ^= bytes1(mask);
        bytes memory expectedError = abi.encodeWithSelector(BlobEvaluationInvalid.selector, 0, v.challenges[0]);
        if (index >= 32 && index < 80) {
            bytes32 fromCommitment = sha256(this.slice(openings, 32, 80));
            fromCommitment = (fromCommitment << 8 >> 8) | bytes32(uint256(1) << 248);
            expectedError =
                abi.encodeWithSelector(BlobCommitmentMismatch.selector, 0, v.versionedHashes[0], fromCommitment);
        }
        vm.expectRevert(expectedError);
        _commitBlobsKzg(v, openings);
        _assertNothingCommitted();
    }

    /// @dev `data[start:end]`, for memory bytes (an external call turns them into calldata).
    function slice(bytes calldata data, uint256 start, uint256 end) external pure returns (bytes memory) {
        return data[start:end];
    }

    // ---------------------------------------------------------------- finalize: accepted

    function test_finalizeOneBatchWithABatchProof() public {
        _commit(2);
        Finalization memory f = _honest(1, 1, Rollup.ProofKind.Batch);
        bytes memory seal = _seal(f);
        vm.expectEmit();
        emit Rollup.BatchesFinalized(1, 1, f.newStateRoot, Rollup.ProofKind.Batch);
        _submit(f, seal);
        _assertFinalized(1, _rootAfter(1));
        vm.assertEq(rollup.lastCommitted(), 2);
    }

    function test_finalizeARangeWithAnAggregatorProof() public {
        _commit(5);
        Finalization memory f = _honest(1, 5, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        vm.expectEmit();
        emit Rollup.BatchesFinalized(1, 5, f.newStateRoot, Rollup.ProofKind.Aggregator);
        _submit(f, seal);
        _assertFinalized(5, _rootAfter(5));
    }

    function test_finalizeSuccessiveRangesOfEitherKind() public {
        _commit(6);
        _finalize(1, 2, Rollup.ProofKind.Aggregator);
        _finalize(3, 3, Rollup.ProofKind.Batch);
        _finalize(4, 6, Rollup.ProofKind.Aggregator);
        _assertFinalized(6, _rootAfter(6));
    }

    function test_finalizeAcceptsTheModelsCheckpoints() public {
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_1);
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_2);
        vm.prank(SEQUENCER);
        rollup.commitBatch(ModelVector.BATCH_3);
        Finalization memory f = Finalization({
            first: 1,
            last: 1,
            prevStateRoot: ModelVector.ROOT_0,
            newStateRoot: ModelVector.ROOT_1,
            accBefore: bytes32(0),
            accAfter: ModelVector.ACC_1,
            kind: Rollup.ProofKind.Batch
        });
        _submit(f, _seal(f));
        f = Finalization({
            first: 2,
            last: 3,
            prevStateRoot: ModelVector.ROOT_1,
            newStateRoot: ModelVector.ROOT_3,
            accBefore: ModelVector.ACC_1,
            accAfter: ModelVector.ACC_3,
            kind: Rollup.ProofKind.Aggregator
        });
        _submit(f, _seal(f));
        _assertFinalized(3, ModelVector.ROOT_3);
    }

    // ---------------------------------------------------------------- finalize: rejected

    function test_finalizeRejectsARangeThatDoesNotStartAtTheNextBatch() public {
        _commit(3);
        Finalization memory f = _honest(2, 3, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.RangeNotNext.selector, 1, 2));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsAReplay() public {
        _commit(3);
        Finalization memory f = _honest(1, 2, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        _submit(f, seal);
        vm.expectRevert(abi.encodeWithSelector(Rollup.RangeNotNext.selector, 3, 1));
        _submit(f, seal);
        _assertFinalized(2, _rootAfter(2));
    }

    function test_finalizeRejectsAnEmptyRange() public {
        _commit(2);
        Finalization memory f = _honest(1, 1, Rollup.ProofKind.Batch);
        f.last = 0;
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.EmptyRange.selector, 1, 0));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsAnUncommittedBatch() public {
        _commit(3);
        Finalization memory f = _honest(1, 4, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.BatchNotCommitted.selector, 3, 4));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsAWrongPreviousRoot() public {
        _commit(1);
        Finalization memory f = _honest(1, 1, Rollup.ProofKind.Batch);
        f.prevStateRoot = keccak256("not the finalised root");
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.StateRootMismatch.selector, GENESIS_ROOT, f.prevStateRoot));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsAWrongAccumulatorBefore() public {
        _commit(3);
        _finalize(1, 1, Rollup.ProofKind.Batch);
        Finalization memory f = _honest(2, 3, Rollup.ProofKind.Aggregator);
        bytes32 stored = f.accBefore;
        f.accBefore = rollup.accumulator(2);
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.AccumulatorMismatch.selector, 1, stored, f.accBefore));
        _submit(f, seal);
        _assertFinalized(1, _rootAfter(1));
    }

    function test_finalizeRejectsAWrongAccumulatorAfter() public {
        _commit(3);
        Finalization memory f = _honest(1, 2, Rollup.ProofKind.Aggregator);
        bytes32 stored = f.accAfter;
        f.accAfter = rollup.accumulator(3);
        bytes memory seal = _seal(f);
        vm.expectRevert(abi.encodeWithSelector(Rollup.AccumulatorMismatch.selector, 2, stored, f.accAfter));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeBubblesUpTheVerifierErrorForATamperedSeal() public {
        _commit(1);
        Finalization memory f = _honest(1, 1, Rollup.ProofKind.Batch);
        bytes memory seal = _seal(f);
        seal[63] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(DigestSealVerifier.VerificationFailed.selector));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsAProofOfTheOtherProgram() public {
        _commit(2);
        Finalization memory f = _honest(1, 2, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        f.kind = Rollup.ProofKind.Batch;
        vm.expectRevert(abi.encodeWithSelector(DigestSealVerifier.VerificationFailed.selector));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeJournalNamesTheBatchProgramEvenForAnAggregate() public {
        _commit(2);
        Finalization memory f = _honest(1, 2, Rollup.ProofKind.Aggregator);
        bytes memory journalWithAggregatorId = abi.encode(
            block.chainid,
            address(rollup),
            f.first,
            f.last,
            f.prevStateRoot,
            f.newStateRoot,
            f.accBefore,
            f.accAfter,
            AGGREGATOR_IMAGE_ID
        );
        bytes memory seal = verifier.sealFor(AGGREGATOR_IMAGE_ID, sha256(journalWithAggregatorId));
        vm.expectRevert(abi.encodeWithSelector(DigestSealVerifier.VerificationFailed.selector));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
    }

    function test_finalizeRejectsWhilePaused() public {
        _commit(1);
        Finalization memory f = _honest(1, 1, Rollup.ProofKind.Batch);
        bytes memory seal = _seal(f);
        rollup.pause();
        vm.expectRevert(abi.encodeWithSelector(Rollup.RollupPaused.selector));
        _submit(f, seal);
        _assertFinalized(0, GENESIS_ROOT);
        rollup.unpause();
        _submit(f, seal);
        _assertFinalized(1, _rootAfter(1));
    }

    function test_finalizeReadsAsMuchStorageForTenBatchesAsForOne() public {
        _commit(11);
        Finalization memory one = _honest(1, 1, Rollup.ProofKind.Batch);
        bytes memory sealOne = _seal(one);
        vm.record();
        _submit(one, sealOne);
        (bytes32[] memory readsOne, bytes32[] memory writesOne) = vm.accesses(address(rollup));

        Finalization memory ten = _honest(2, 11, Rollup.ProofKind.Aggregator);
        bytes memory sealTen = _seal(ten);
        vm.record();
        _submit(ten, sealTen);
        (bytes32[] memory readsTen, bytes32[] memory writesTen) = vm.accesses(address(rollup));

        vm.assertEq(readsTen.length, readsOne.length);
        vm.assertEq(writesTen.length, writesOne.length);
        _assertFinalized(11, _rootAfter(11));
    }

    function testFuzz_finalizeAcceptsOnlyTheNextCommittedRange(
        uint8 committed,
        uint8 finalized,
        uint256 first,
        uint256 last
    ) public {
        uint256 c = uint256(committed) % 6 + 1;
        uint256 fin = uint256(finalized) % (c + 1);
        first = first % 9;
        last = last % 9;
        _commit(c);
        if (fin > 0) _finalize(1, fin, Rollup.ProofKind.Aggregator);

        Finalization memory f = Finalization({
            first: first,
            last: last,
            prevStateRoot: rollup.stateRoot(),
            newStateRoot: _rootAfter(last),
            accBefore: first == 0 ? bytes32(0) : rollup.accumulator(first - 1),
            accAfter: rollup.accumulator(last),
            kind: Rollup.ProofKind.Aggregator
        });
        bytes memory seal = _seal(f);
        bytes32 rootBefore = rollup.stateRoot();
        bytes memory expectedError;
        if (first != fin + 1) {
            expectedError = abi.encodeWithSelector(Rollup.RangeNotNext.selector, fin + 1, first);
        } else if (last < first) {
            expectedError = abi.encodeWithSelector(Rollup.EmptyRange.selector, first, last);
        } else if (last > c) {
            expectedError = abi.encodeWithSelector(Rollup.BatchNotCommitted.selector, c, last);
        }
        if (expectedError.length == 0) {
            _submit(f, seal);
            _assertFinalized(last, _rootAfter(last));
        } else {
            vm.expectRevert(expectedError);
            _submit(f, seal);
            _assertFinalized(fin, rootBefore);
        }
    }

    function testFuzz_finalizeRejectsAnyAlteredField(uint8 field, bytes32 value) public {
        _commit(4);
        _finalize(1, 1, Rollup.ProofKind.Batch);
        Finalization memory f = _honest(2, 4, Rollup.ProofKind.Aggregator);
        bytes memory seal = _seal(f);
        bytes memory expectedError = abi.encodeWithSelector(DigestSealVerifier.VerificationFailed.selector);
        field = field % 5;
        if (field == 0) {
            vm.assume(value != f.prevStateRoot);
            expectedError = abi.encodeWithSelector(Rollup.StateRootMismatch.selector, f.prevStateRoot, value);
            f.prevStateRoot = value;
        } else if (field == 1) {
            vm.assume(value != f.newStateRoot);
            f.newStateRoot = value;
        } else if (field == 2) {
            vm.assume(value != f.accBefore);
            expectedError = abi.encodeWithSelector(Rollup.AccumulatorMismatch.selector, 1, f.accBefore, value);
            f.accBefore = value;
        } else if (field == 3) {
            vm.assume(value != f.accAfter);
            expectedError = abi.encodeWithSelector(Rollup.AccumulatorMismatch.selector, 4, f.accAfter, value);
            f.accAfter = value;
        } else {
            uint256 at = uint256(value) % seal.length;
            seal[at] = bytes1(uint8(seal[at]) ^ (uint8(uint256(value) >> 8) | 1));
        }
        vm.expectRevert(expectedError);
        _submit(f, seal);
        _assertFinalized(1, _rootAfter(1));
    }

    // ---------------------------------------------------------------- journal

    function test_journalMatchesTheModelEncoding() public {
        vm.chainId(ModelVector.CHAIN_ID);
        vm.etch(ModelVector.ROLLUP, address(rollup).code);
        Rollup atVectorAddress = Rollup(ModelVector.ROLLUP);
        bytes memory journal =
            atVectorAddress.journal(2, 3, ModelVector.ROOT_1, ModelVector.ROOT_3, ModelVector.ACC_1, ModelVector.ACC_3);
        vm.assertEq(journal, ModelVector.JOURNAL_2_3);
        vm.assertEq(sha256(journal), ModelVector.JOURNAL_2_3_DIGEST);
        vm.assertEq(
            atVectorAddress.journalDigest(
                2, 3, ModelVector.ROOT_1, ModelVector.ROOT_3, ModelVector.ACC_1, ModelVector.ACC_3
            ),
            ModelVector.JOURNAL_2_3_DIGEST
        );
    }

    function test_journalIsTheAbiEncodingOfTheNineWords() public view {
        bytes memory journal =
            rollup.journal(1, 2, bytes32(uint256(3)), bytes32(uint256(4)), bytes32(uint256(5)), bytes32(uint256(6)));
        bytes memory expected = abi.encode(
            block.chainid,
            address(rollup),
            uint256(1),
            uint256(2),
            bytes32(uint256(3)),
            bytes32(uint256(4)),
            bytes32(uint256(5)),
            bytes32(uint256(6)),
            BATCH_IMAGE_ID
        );
        vm.assertEq(journal, expected);
        vm.assertEq(journal.length, 288);
    }

    // ---------------------------------------------------------------- revertBatches

    function test_revertBatchesRemovesUnfinalisedBatches() public {
        _commit(5);
        _finalize(1, 2, Rollup.ProofKind.Aggregator);
        vm.expectEmit();
        emit Rollup.BatchesReverted(4, 5);
        rollup.revertBatches(3);
        vm.assertEq(rollup.lastCommitted(), 3);
        vm.assertEq(rollup.accumulator(4), bytes32(0));
        vm.assertEq(rollup.accumulator(5), bytes32(0));
        vm.assertTrue(rollup.accumulator(3) != bytes32(0));

        vm.prank(SEQUENCER);
        rollup.commitBatch("a replacement batch 4");
        _finalize(3, 4, Rollup.ProofKind.Aggregator);
        _assertFinalized(4, _rootAfter(4));
    }

    function test_revertBatchesMayRemoveEveryUnfinalisedBatch() public {
        _commit(3);
        _finalize(1, 1, Rollup.ProofKind.Batch);
        rollup.revertBatches(1);
        vm.assertEq(rollup.lastCommitted(), 1);
        vm.assertEq(rollup.accumulator(2), bytes32(0));
        _assertFinalized(1, _rootAfter(1));
    }

    function test_revertBatchesRejectsFinalisedBatches() public {
        _commit(3);
        _finalize(1, 2, Rollup.ProofKind.Aggregator);
        bytes32 acc2 = rollup.accumulator(2);
        vm.expectRevert(abi.encodeWithSelector(Rollup.CannotRevertFinalized.selector, 2, 1));
        rollup.revertBatches(1);
        vm.assertEq(rollup.lastCommitted(), 3);
        vm.assertEq(rollup.accumulator(2), acc2);
    }

    function test_revertBatchesRejectsRevertingNothing() public {
        _commit(2);
        vm.expectRevert(abi.encodeWithSelector(Rollup.NothingToRevert.selector, 2, 2));
        rollup.revertBatches(2);
        vm.assertEq(rollup.lastCommitted(), 2);
    }

    function test_revertBatchesIsOwnerOnly() public {
        _commit(2);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        rollup.revertBatches(0);
        vm.assertEq(rollup.lastCommitted(), 2);
    }

    // ---------------------------------------------------------------- pause, sequencer, ownership

    function test_pauseAndUnpauseEmitAndToggle() public {
        vm.expectEmit();
        emit Rollup.Paused(address(this));
        rollup.pause();
        vm.assertTrue(rollup.paused());
        vm.expectEmit();
        emit Rollup.Unpaused(address(this));
        rollup.unpause();
        vm.assertFalse(rollup.paused());
    }

    function test_pauseRejectsPausingTwice() public {
        rollup.pause();
        vm.expectRevert(abi.encodeWithSelector(Rollup.RollupPaused.selector));
        rollup.pause();
        vm.assertTrue(rollup.paused());
    }

    function test_unpauseRejectsWhenNotPaused() public {
        vm.expectRevert(abi.encodeWithSelector(Rollup.RollupNotPaused.selector));
        rollup.unpause();
        vm.assertFalse(rollup.paused());
    }

    function test_pauseIsOwnerOnly() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        rollup.pause();
        vm.assertFalse(rollup.paused());
    }

    function test_setSequencerHandsOverCommitting() public {
        vm.expectEmit();
        emit Rollup.SequencerChanged(SEQUENCER, STRANGER);
        rollup.setSequencer(STRANGER);
        vm.assertEq(rollup.sequencer(), STRANGER);
        vm.prank(SEQUENCER);
        vm.expectRevert(abi.encodeWithSelector(Rollup.NotSequencer.selector, SEQUENCER));
        rollup.commitBatch(_data(1));
        vm.prank(STRANGER);
        rollup.commitBatch(_data(1));
        vm.assertEq(rollup.lastCommitted(), 1);
    }

    function test_setSequencerRejectsTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(Rollup.ZeroAddress.selector));
        rollup.setSequencer(address(0));
        vm.assertEq(rollup.sequencer(), SEQUENCER);
    }

    function test_setSequencerIsOwnerOnly() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, STRANGER));
        rollup.setSequencer(STRANGER);
        vm.assertEq(rollup.sequencer(), SEQUENCER);
    }

    function test_ownershipMovesOnlyOnceTheNewOwnerAccepts() public {
        rollup.transferOwnership(STRANGER);
        vm.assertEq(rollup.owner(), address(this));
        vm.expectEmit();
        emit TwoStepOwnable.OwnershipTransferred(address(this), STRANGER);
        vm.prank(STRANGER);
        rollup.acceptOwnership();
        vm.assertEq(rollup.owner(), STRANGER);
        vm.expectRevert(abi.encodeWithSelector(TwoStepOwnable.NotOwner.selector, address(this)));
        rollup.pause();
        vm.assertFalse(rollup.paused());
        vm.prank(STRANGER);
        rollup.pause();
        vm.assertTrue(rollup.paused());
    }
}
