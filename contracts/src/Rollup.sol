// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BlobLib} from "./BlobLib.sol";
import {IRiscZeroVerifier} from "./IRiscZeroVerifier.sol";
import {TwoStepOwnable} from "./TwoStepOwnable.sol";
import {RangeJournal, RollupJournal} from "./RollupJournal.sol";

/// @title Rollup
/// @notice A zk rollup settled by RISC Zero proofs. The sequencer commits batch data as calldata
///         or in EIP-4844 blobs, extending a SHA-256 accumulator; anyone finalises a contiguous
///         range of committed batches with a proof from the batch program or the aggregator,
///         whose journal binds the chain, this contract, the range, both state roots and both
///         accumulator values.
/// @dev The verifier is normally a router, so a Groth16 seal, an aggregated root seal or a
///      set-inclusion seal all go through the same `finalize`; the rollup does not know which.
contract Rollup is TwoStepOwnable {
    /// @notice Which program proved a range.
    enum ProofKind {
        Batch,
        Aggregator
    }

    /// @notice The receipt verifier (normally the verifier router).
    IRiscZeroVerifier public immutable verifier;
    /// @notice Image id of the batch program; always the last word of the journal.
    bytes32 public immutable batchImageId;
    /// @notice Image id of the aggregator program, which proves ranges from batch receipts.
    bytes32 public immutable aggregatorImageId;

    /// @notice The only account allowed to commit batches.
    address public sequencer;
    /// @notice Whether commits and finalisations are stopped.
    bool public paused;
    /// @notice The state root after the last finalised batch (the genesis root at first).
    bytes32 public stateRoot;
    /// @notice Index of the last committed batch (batches are numbered from 1; 0 = none).
    uint256 public lastCommitted;
    /// @notice Index of the last finalised batch (0 = none).
    uint256 public lastFinalized;
    /// @dev acc[i] for 1 <= i <= lastCommitted; acc[0] is the zero word.
    mapping(uint256 => bytes32) private accumulators;

    /// @notice `caller` is not the sequencer.
    error NotSequencer(address caller);
    /// @notice Commits and finalisations are paused (or `pause` was called while paused).
    error RollupPaused();
    /// @notice `unpause` was called while not paused.
    error RollupNotPaused();
    /// @notice A constructor or `setSequencer` address argument is the zero address.
    error ZeroAddress();
    /// @notice The range must start right after the last finalised batch.
    error RangeNotNext(uint256 expected, uint256 got);
    /// @notice The range `[first, last]` is empty.
    error EmptyRange(uint256 first, uint256 last);
    /// @notice The range ends at `last`, beyond the last committed batch.
    error BatchNotCommitted(uint256 lastCommitted, uint256 last);
    /// @notice The claimed previous state root is not the finalised one.
    error StateRootMismatch(bytes32 expected, bytes32 got);
    /// @notice The claimed accumulator value at batch `index` is not the stored one.
    error AccumulatorMismatch(uint256 index, bytes32 expected, bytes32 got);
    /// @notice `revertBatches` would remove a finalised batch.
    error CannotRevertFinalized(uint256 lastFinalized, uint256 newLastCommitted);
    /// @notice `revertBatches` would remove no batch.
    error NothingToRevert(uint256 lastCommitted, uint256 newLastCommitted);

    /// @notice Batch `index` was committed, its data in the calldata or the blobs of that
    ///         transaction.
    /// @param index The batch number (from 1).
    /// @param dataHash What the accumulator was extended with: SHA-256 of the batch data
    ///        (`commitBatch`), of its blobs' versioned hashes (`commitBlobBatch`), or of the
    ///        data hash, versioned hashes and evaluations (`commitBlobBatchKzg`).
    /// @param accumulator acc[index] = sha256(acc[index - 1] || dataHash).
    event BatchCommitted(uint256 indexed index, bytes32 dataHash, bytes32 accumulator);
    /// @notice Batches `first..last` were finalised with a proof of kind `kind`.
    event BatchesFinalized(uint256 indexed first, uint256 indexed last, bytes32 newStateRoot, ProofKind kind);
    /// @notice Unfinalised batches `first..last` were removed by the owner.
    event BatchesReverted(uint256 indexed first, uint256 indexed last);
    /// @notice The sequencer changed from `previous` to `current`.
    event SequencerChanged(address indexed previous, address indexed current);
    /// @notice The owner `by` paused commits and finalisations.
    event Paused(address indexed by);
    /// @notice The owner `by` resumed commits and finalisations.
    event Unpaused(address indexed by);

    modifier whenNotPaused() {
        if (paused) revert RollupPaused();
        _;
    }

    /// @notice Deploys the rollup at its genesis state; the deployer becomes the owner (handed on
    ///         later in two steps: `transferOwnership`, then `acceptOwnership`).
    /// @param verifier_ The receipt verifier, normally the verifier router.
    /// @param batchImageId_ Image id of the batch program.
    /// @param aggregatorImageId_ Image id of the aggregator program.
    /// @param sequencer_ The account allowed to commit batches.
    /// @param genesisStateRoot The L2 state root before batch 1.
    constructor(
        IRiscZeroVerifier verifier_,
        bytes32 batchImageId_,
        bytes32 aggregatorImageId_,
        address sequencer_,
        bytes32 genesisStateRoot
    ) TwoStepOwnable(msg.sender) {
        if (address(verifier_) == address(0) || sequencer_ == address(0)) revert ZeroAddress();
        verifier = verifier_;
        batchImageId = batchImageId_;
        aggregatorImageId = aggregatorImageId_;
        sequencer = sequencer_;
        stateRoot = genesisStateRoot;
        emit SequencerChanged(address(0), sequencer_);
    }

    /// @notice Commits the next batch: its data stays in this transaction's calldata and only the
    ///         accumulator is stored.
    /// @param data The batch's canonical encoding.
    /// @return index The number given to the batch.
    function commitBatch(bytes calldata data) external whenNotPaused returns (uint256 index) {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        index = _append(sha256(data));
    }

    /// @notice Commits the next batch from the blobs of this (type-3) transaction: the
    ///         accumulator is extended with the SHA-256 of their versioned hashes, in order.
    /// @dev Reverts with `NoBlobs` when the transaction carries no blob.
    /// @return index The number given to the batch.
    function commitBlobBatch() external whenNotPaused returns (uint256 index) {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        index = _append(BlobLib.blobsHash(BlobLib.requireVersionedHashes()));
    }

    /// @notice Commits the next batch from the blobs of this (type-3) transaction, and opens
    ///         each blob through the point-evaluation precompile at a challenge point derived
    ///         from its versioned hash and the batch's data hash, so the blobs are tied to the
    ///         data a batch proof reads. The accumulator is extended with
    ///         `sha256(dataHash || vh_0 || y_0 || ... || vh_{n-1} || y_{n-1})`.
    /// @dev Reverts with `NoBlobs`, `BlobOpeningsMismatch`, `BlobCommitmentMismatch` (a
    ///      commitment of another blob) or `BlobEvaluationInvalid` (a wrong value or proof).
    /// @param dataHash SHA-256 of the batch's canonical encoding.
    /// @param openings Per blob, in order, 128 bytes: `y || commitment (48) || proof (48)`,
    ///        `y` being the blob's value at its challenge point.
    /// @return index The number given to the batch.
    function commitBlobBatchKzg(bytes32 dataHash, bytes calldata openings)
        external
        whenNotPaused
        returns (uint256 index)
    {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        index = _append(BlobLib.checkOpenings(BlobLib.requireVersionedHashes(), dataHash, openings));
    }

    /// @notice Finalises the committed batches `first..last` with a proof of their journal.
    /// @dev Reads a fixed number of storage slots whatever the range length. `verify` is a view
    ///      call, so writing state after it cannot be re-entered; any failure reverts everything.
    /// @param first The first batch of the range; must be `lastFinalized + 1`.
    /// @param last The last batch of the range; must be committed.
    /// @param prevStateRoot The state root before `first`; must be the finalised root.
    /// @param newStateRoot The state root after `last`, as the proof claims.
    /// @param accBefore acc[first - 1]; must match storage.
    /// @param accAfter acc[last]; must match storage.
    /// @param kind The program that proved the range; selects the image id to verify against.
    /// @param seal The proof, routed by the verifier on its selector.
    function finalize(
        uint256 first,
        uint256 last,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 accBefore,
        bytes32 accAfter,
        ProofKind kind,
        bytes calldata seal
    ) external whenNotPaused {
        _checkRange(first, last, prevStateRoot, accBefore, accAfter);
        bytes32 digest = RollupJournal.digest(_journal(first, last, prevStateRoot, newStateRoot, accBefore, accAfter));
        verifier.verify(seal, imageIdOf(kind), digest);
        stateRoot = newStateRoot;
        lastFinalized = last;
        emit BatchesFinalized(first, last, newStateRoot, kind);
    }

    /// @notice Removes the unfinalised batches after `newLastCommitted`, so they can be committed
    ///         again (for example after a faulty batch).
    /// @param newLastCommitted The last batch to keep; at least `lastFinalized`, below `lastCommitted`.
    function revertBatches(uint256 newLastCommitted) external onlyOwner {
        uint256 committed = lastCommitted;
        if (newLastCommitted < lastFinalized) revert CannotRevertFinalized(lastFinalized, newLastCommitted);
        if (newLastCommitted >= committed) revert NothingToRevert(committed, newLastCommitted);
        for (uint256 i = newLastCommitted + 1; i <= committed; ++i) {
            delete accumulators[i];
        }
        lastCommitted = newLastCommitted;
        emit BatchesReverted(newLastCommitted + 1, committed);
    }

    /// @notice Stops commits and finalisations.
    function pause() external onlyOwner whenNotPaused {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes commits and finalisations.
    function unpause() external onlyOwner {
        if (!paused) revert RollupNotPaused();
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Replaces the sequencer.
    /// @param newSequencer The account allowed to commit batches from now on.
    function setSequencer(address newSequencer) external onlyOwner {
        if (newSequencer == address(0)) revert ZeroAddress();
        emit SequencerChanged(sequencer, newSequencer);
        sequencer = newSequencer;
    }

    /// @notice The accumulator after batch `index` (zero for index 0 and for uncommitted batches).
    /// @param index A batch number.
    /// @return The stored acc[index].
    function accumulator(uint256 index) external view returns (bytes32) {
        return accumulators[index];
    }

    /// @notice The image id a proof of kind `kind` is verified against.
    /// @param kind Batch or Aggregator.
    /// @return The stored image id of that program.
    function imageIdOf(ProofKind kind) public view returns (bytes32) {
        return kind == ProofKind.Batch ? batchImageId : aggregatorImageId;
    }

    /// @notice The exact journal bytes `finalize` would verify for these values, on this chain
    ///         and for this contract.
    /// @param first The first batch of the range.
    /// @param last The last batch of the range.
    /// @param prevStateRoot The state root before `first`.
    /// @param newStateRoot The state root after `last`.
    /// @param accBefore acc[first - 1].
    /// @param accAfter acc[last].
    /// @return The 288-byte ABI encoding of the journal.
    function journal(
        uint256 first,
        uint256 last,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 accBefore,
        bytes32 accAfter
    ) external view returns (bytes memory) {
        return RollupJournal.encode(_journal(first, last, prevStateRoot, newStateRoot, accBefore, accAfter));
    }

    /// @notice SHA-256 of `journal(...)` for the same values: the digest `finalize` verifies.
    /// @param first The first batch of the range.
    /// @param last The last batch of the range.
    /// @param prevStateRoot The state root before `first`.
    /// @param newStateRoot The state root after `last`.
    /// @param accBefore acc[first - 1].
    /// @param accAfter acc[last].
    /// @return The journal digest.
    function journalDigest(
        uint256 first,
        uint256 last,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 accBefore,
        bytes32 accAfter
    ) external view returns (bytes32) {
        return RollupJournal.digest(_journal(first, last, prevStateRoot, newStateRoot, accBefore, accAfter));
    }

    /// @dev Gives the next batch number to a batch whose data hashes to `dataHash`.
    function _append(bytes32 dataHash) private returns (uint256 index) {
        index = lastCommitted + 1;
        bytes32 accumulator_ = RollupJournal.extend(accumulators[index - 1], dataHash);
        accumulators[index] = accumulator_;
        lastCommitted = index;
        emit BatchCommitted(index, dataHash, accumulator_);
    }

    /// @dev The checks of `finalize`, in order, before any proof is looked at.
    function _checkRange(uint256 first, uint256 last, bytes32 prevStateRoot, bytes32 accBefore, bytes32 accAfter)
        private
        view
    {
        uint256 expectedFirst = lastFinalized + 1;
        if (first != expectedFirst) revert RangeNotNext(expectedFirst, first);
        if (last < first) revert EmptyRange(first, last);
        uint256 committed = lastCommitted;
        if (last > committed) revert BatchNotCommitted(committed, last);
        bytes32 root = stateRoot;
        if (prevStateRoot != root) revert StateRootMismatch(root, prevStateRoot);
        bytes32 stored = accumulators[first - 1];
        if (accBefore != stored) revert AccumulatorMismatch(first - 1, stored, accBefore);
        stored = accumulators[last];
        if (accAfter != stored) revert AccumulatorMismatch(last, stored, accAfter);
    }

    /// @dev The journal of a range of this rollup; the image id is always the batch program's.
    function _journal(
        uint256 first,
        uint256 last,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 accBefore,
        bytes32 accAfter
    ) private view returns (RangeJournal memory) {
        return RangeJournal({
            chainId: block.chainid,
            rollup: address(this),
            first: first,
            last: last,
            prevStateRoot: prevStateRoot,
            newStateRoot: newStateRoot,
            accBefore: accBefore,
            accAfter: accAfter,
            batchImageId: batchImageId
        });
    }
}
