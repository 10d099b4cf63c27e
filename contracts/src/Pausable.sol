// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Pausable
/// @notice A one-way switch: once paused, functions marked `whenNotPaused` revert for good.
abstract contract Pausable {
    /// @notice The contract is paused.
    error EnforcedPause();

    /// @notice `account` paused the contract.
    event Paused(address indexed account);

    bool private _paused;

    modifier whenNotPaused() {
        if (_paused) revert EnforcedPause();
        _;
    }

    /// @notice Whether the contract is paused.
    /// @return True once paused.
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @dev Pauses; reverts with `EnforcedPause` if already paused.
    function _pause() internal whenNotPaused {
        _paused = true;
        emit Paused(msg.sender);
    }
}
