// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IReceiptVerifier} from "./IReceiptVerifier.sol";

/// @title Proposals
/// @notice A rollup that keeps almost nothing of its batches: the proposer posts each batch's
///         data, of which only a keccak hash chain over the proposals is stored, and anyone later
///         proves a run of proposals with a RISC Zero receipt. The proof's journal is 172 packed
///         bytes:
///
///             address rollup | uint64 chainId | uint64 first | uint64 last |
///             bytes32 chainBefore | bytes32 chainAfter | bytes32 rootBefore | bytes32 rootAfter
///
///         where `chainBefore` and `chainAfter` are the hash chain's heads after proposals
///         `first - 1` and `last`, and the roots are the L2 state roots around the run.
/// @dev The verifier is normally a verifier router, so a Groth16 seal and a set-inclusion seal
///      are both accepted; the contract never needs to know which it got.
contract Proposals {
    /// @notice Length of a journal: 20 + 3 * 8 + 4 * 32 bytes.
    uint256 public constant JOURNAL_LENGTH = 172;
    /// @dev The journal's bytes before `rootAfter`, which the contract rebuilds to compare.
    uint256 private constant BOUND_LENGTH = 140;

    /// @notice The receipt verifier proofs are checked with.
    IReceiptVerifier public immutable verifier;
    /// @notice Image id of the program that proves a run of proposals from their data.
    bytes32 public immutable batchImageId;
    /// @notice Image id of the program that proves a run from receipts of shorter runs.
    bytes32 public immutable aggregatorImageId;
    /// @notice The only account that may propose.
    address public immutable proposer;

    /// @notice The L2 state root after the last proven proposal (the genesis root at first).
    bytes32 public stateRoot;
    /// @notice How many batches were proposed (they are numbered from 1).
    uint64 public proposed;
    /// @notice How many of them are proven.
    uint64 public proven;
    /// @notice The hash chain's head after proposal `index`: keccak256(head[index - 1] ||
    ///         keccak256(data)); head[0] is the zero word.
    mapping(uint256 index => bytes32 head) public chainAt;

    /// @notice A constructor address argument is the zero address.
    error ZeroAddress();
    /// @notice `caller` is not the proposer.
    error NotProposer(address caller);
    /// @notice A proof must start right after the last proven proposal.
    error NotNext(uint256 expected, uint256 first);
    /// @notice The run `first..last` is empty or reaches past the last proposal.
    error NotProposed(uint256 first, uint256 last, uint256 proposed);
    /// @notice The journal is not `JOURNAL_LENGTH` bytes long.
    error JournalLength(uint256 length);
    /// @notice The journal binds another rollup, chain, run, chain heads or starting root.
    error JournalMismatch(bytes32 expected, bytes32 got);

    /// @notice Batch `index` was proposed; its data is this transaction's calldata.
    /// @param index The batch's number.
    /// @param dataHash keccak256 of the batch data.
    /// @param head The hash chain's new head.
    event Proposed(uint256 indexed index, bytes32 dataHash, bytes32 head);
    /// @notice Proposals `first..last` were proven, moving the state root to `stateRoot`.
    event Proven(uint256 indexed first, uint256 indexed last, bytes32 stateRoot);

    /// @param verifier_ The receipt verifier (normally the verifier router).
    /// @param batchImageId_ Image id of the batch program.
    /// @param aggregatorImageId_ Image id of the aggregator program.
    /// @param proposer_ The account allowed to propose.
    /// @param genesisRoot The L2 state root before the first batch.
    constructor(
        IReceiptVerifier verifier_,
        bytes32 batchImageId_,
        bytes32 aggregatorImageId_,
        address proposer_,
        bytes32 genesisRoot
    ) {
        if (address(verifier_) == address(0) || proposer_ == address(0)) revert ZeroAddress();
        verifier = verifier_;
        batchImageId = batchImageId_;
        aggregatorImageId = aggregatorImageId_;
        proposer = proposer_;
        stateRoot = genesisRoot;
    }

    /// @notice Proposes the next batch; only its hash goes into the chain.
    /// @param data The batch's data.
    /// @return index The batch's number.
    function propose(bytes calldata data) external returns (uint256 index) {
        if (msg.sender != proposer) revert NotProposer(msg.sender);
        index = proposed + 1;
        bytes32 dataHash = keccak256(data);
        bytes32 head = keccak256(abi.encodePacked(chainAt[index - 1], dataHash));
        chainAt[index] = head;
        proposed = uint64(index);
        emit Proposed(index, dataHash, head);
    }

    /// @notice Proves proposals `first..last` with a receipt of the batch program.
    /// @param first The first proposal of the run; must follow the last proven one.
    /// @param last The last proposal of the run.
    /// @param journal The journal the program committed (the layout above).
    /// @param seal The proof of it.
    function prove(uint256 first, uint256 last, bytes calldata journal, bytes calldata seal) external {
        _prove(first, last, journal, seal, batchImageId);
    }

    /// @notice Proves proposals `first..last` with a receipt of the aggregator program.
    /// @param first The first proposal of the run; must follow the last proven one.
    /// @param last The last proposal of the run.
    /// @param journal The journal the program committed (the layout above).
    /// @param seal The proof of it.
    function proveAggregated(uint256 first, uint256 last, bytes calldata journal, bytes calldata seal)
        external
    {
        _prove(first, last, journal, seal, aggregatorImageId);
    }

    /// @dev Checks the run and the journal, verifies the seal, then moves the state root.
    ///      `verify` is a view call, so nothing it calls can re-enter and change state.
    function _prove(uint256 first, uint256 last, bytes calldata journal, bytes calldata seal, bytes32 imageId)
        private
    {
        uint256 done = proven;
        if (first != done + 1) revert NotNext(done + 1, first);
        if (last < first || last > proposed) revert NotProposed(first, last, proposed);
        if (journal.length != JOURNAL_LENGTH) revert JournalLength(journal.length);
        bytes32 expected = keccak256(
            abi.encodePacked(
                address(this),
                uint64(block.chainid),
                uint64(first),
                uint64(last),
                chainAt[first - 1],
                chainAt[last],
                stateRoot
            )
        );
        bytes32 got = keccak256(journal[:BOUND_LENGTH]);
        if (got != expected) revert JournalMismatch(expected, got);
        verifier.verify(seal, imageId, sha256(journal));
        bytes32 newRoot = bytes32(journal[BOUND_LENGTH:]);
        stateRoot = newRoot;
        proven = uint64(last);
        emit Proven(first, last, newRoot);
    }
}
