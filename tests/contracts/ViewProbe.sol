// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice View functions of every return type a call decodes, and one that reverts.
contract ViewProbe {
    error Refused(uint256 code);

    /// @notice A large unsigned integer.
    function big() external pure returns (uint256) {
        return type(uint256).max - 7;
    }

    /// @notice A negative small signed integer.
    function negative() external pure returns (int8) {
        return -5;
    }

    /// @notice A 32-byte word.
    function word() external pure returns (bytes32) {
        return keccak256("view probe");
    }

    /// @notice A 4-byte word.
    function selector() external pure returns (bytes4) {
        return this.selector.selector;
    }

    /// @notice The caller's address.
    function caller() external view returns (address) {
        return msg.sender;
    }

    /// @notice A boolean.
    function yes() external pure returns (bool) {
        return true;
    }

    /// @notice A string.
    function text() external pure returns (string memory) {
        return "seventy bytes of text, to take more than one word of its dynamic tail.";
    }

    /// @notice Dynamic bytes.
    function blob() external pure returns (bytes memory) {
        return hex"00ff00ff00";
    }

    /// @notice Two values: a call that web3 decodes.
    function pair() external pure returns (uint256, bytes32) {
        return (1, bytes32(uint256(2)));
    }

    /// @notice Reverts with a custom error.
    /// @param code The error's argument.
    function refuse(uint256 code) external pure returns (uint256) {
        revert Refused(code);
    }
}
