// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice Exercises the precompiles and storage writes whose gas the backends must agree on.
contract GasProbe {
    error Insufficient(uint256 have, uint256 need);

    event Probed(bool paired, bytes32 digest);

    uint256 public counter;
    mapping(uint256 => bytes32) public slots;

    constructor(uint256 initial) {
        counter = initial;
    }

    /// @notice Runs a BN254 pairing over `pairs`, SHA-256 over `blob`, and five fresh SSTOREs.
    /// @param pairs The input of precompile 0x08 (a multiple of 192 bytes).
    /// @param blob Bytes to hash.
    function heavy(bytes calldata pairs, bytes calldata blob) external {
        (bool ok, bytes memory out) = address(0x08).staticcall(pairs);
        bool paired = ok && out.length == 32 && abi.decode(out, (uint256)) == 1;
        bytes32 digest = sha256(blob);
        for (uint256 i = 0; i < 5; ++i) {
            slots[counter + i] = digest;
        }
        counter += 5;
        emit Probed(paired, digest);
    }

    /// @notice Reverts with Insufficient(counter, need) when `need` exceeds the counter.
    /// @param need_ The amount required.
    /// @return The counter.
    function need(uint256 need_) external view returns (uint256) {
        if (need_ > counter) revert Insufficient(counter, need_);
        return counter;
    }
}
