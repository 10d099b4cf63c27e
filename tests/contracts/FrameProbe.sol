// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The callee of FrameProbe: a slot to clear (a refund) and a call that reverts.
contract FrameCallee {
    error Refused();

    uint256 public value = 1;

    /// @notice Clears the slot: a refund for the transaction.
    function clear() external {
        value = 0;
    }

    /// @notice Always reverts.
    function refuse() external pure {
        revert Refused();
    }
}

/// @notice Transactions whose call frames, refunds and calldata floor the tracers must agree on.
contract FrameProbe {
    FrameCallee public immutable CALLEE;
    uint256 public value = 1;

    /// @param callee The contract this one calls.
    constructor(FrameCallee callee) {
        CALLEE = callee;
    }

    /// @notice Clears a slot here and one in the callee: two refunds, one frame below.
    function clearBoth() external {
        value = 0;
        CALLEE.clear();
    }

    /// @notice Clears a slot (a refund) when `data` is not empty: with enough of it, the
    ///         EIP-7623 calldata floor binds.
    /// @param data Calldata ballast.
    function clearWith(bytes calldata data) external {
        if (data.length > 0) value = 0;
    }

    /// @notice Writes a slot and calls the callee, which reverts; the revert is caught.
    function callRefused() external {
        value = 2;
        try CALLEE.refuse() {} catch {}
    }
}
