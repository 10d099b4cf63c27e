// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title TwoStepOwnable
/// @notice Single-owner access control where a new owner must accept before the transfer completes.
abstract contract TwoStepOwnable {
    /// @notice The caller is not the owner.
    /// @param caller The account that called.
    error NotOwner(address caller);

    /// @notice The caller is not the pending owner.
    /// @param caller The account that called.
    error NotPendingOwner(address caller);

    /// @notice The initial owner is the zero address.
    error OwnerAddressZero();

    /// @notice `newOwner` may now accept ownership from `previousOwner`.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);

    /// @notice Ownership moved from `previousOwner` to `newOwner`.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    address private _owner;
    address private _pendingOwner;

    /// @param initialOwner The first owner.
    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert OwnerAddressZero();
        _setOwner(initialOwner);
    }

    modifier onlyOwner() {
        if (msg.sender != _owner) revert NotOwner(msg.sender);
        _;
    }

    /// @notice The current owner.
    /// @return The owner's address.
    function owner() external view returns (address) {
        return _owner;
    }

    /// @notice The account that may accept ownership, or zero.
    /// @return The pending owner's address.
    function pendingOwner() external view returns (address) {
        return _pendingOwner;
    }

    /// @notice Starts a transfer to `newOwner`; zero cancels a pending transfer. Owner only.
    /// @param newOwner The account that may then call `acceptOwnership`.
    function transferOwnership(address newOwner) external onlyOwner {
        _pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    /// @notice Completes a transfer started by `transferOwnership`. Pending owner only.
    function acceptOwnership() external {
        if (msg.sender != _pendingOwner) revert NotPendingOwner(msg.sender);
        delete _pendingOwner;
        _setOwner(msg.sender);
    }

    function _setOwner(address newOwner) private {
        address previousOwner = _owner;
        _owner = newOwner;
        emit OwnershipTransferred(previousOwner, newOwner);
    }
}
