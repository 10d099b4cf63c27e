// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiscZeroVerifier} from "../../src/IRiscZeroVerifier.sol";
import {RiscZeroGroth16Verifier} from "../../src/RiscZeroGroth16Verifier.sol";
import {RiscZeroVerifierEmergencyStop} from "../../src/RiscZeroVerifierEmergencyStop.sol";
import {RiscZeroVerifierRouter} from "../../src/RiscZeroVerifierRouter.sol";
import {ParameterSet, Vectors} from "./Vectors.sol";
import {Vm} from "./Vm.sol";

/// @title VerifierTestBase
/// @notice Deployment and byte-twiddling helpers shared by the verifier tests.
abstract contract VerifierTestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Deploys the Groth16 verifier for `params` with the release verifying key.
    function _deployGroth16(ParameterSet memory params) internal returns (RiscZeroGroth16Verifier) {
        return new RiscZeroGroth16Verifier(
            Vectors.verifyingKey(), params.controlRoot, params.bn254ControlId, params.legacySelector
        );
    }

    /// @dev Deploys a router owned by this contract routing `selector` to an emergency stop
    ///      (guarded by this contract) around `verifier`: the production path.
    function _deployStack(IRiscZeroVerifier verifier, bytes4 selector)
        internal
        returns (RiscZeroVerifierRouter router, RiscZeroVerifierEmergencyStop estop)
    {
        router = new RiscZeroVerifierRouter(address(this));
        estop = new RiscZeroVerifierEmergencyStop(verifier, address(this));
        router.addVerifier(selector, estop);
    }

    /// @dev A copy of `data` with the byte at `index` xor-ed with `mask`.
    function _flip(bytes memory data, uint256 index, bytes1 mask) internal pure returns (bytes memory out) {
        out = bytes.concat(data);
        out[index] ^= mask;
    }

    /// @dev A copy of `data` with the 32-byte word at byte `offset` replaced by `value`.
    function _setWord(bytes memory data, uint256 offset, uint256 value) internal pure returns (bytes memory out) {
        out = bytes.concat(data);
        assembly ("memory-safe") {
            mstore(add(add(out, 0x20), offset), value)
        }
    }

    /// @dev The 32-byte word of `data` at byte `offset`.
    function _word(bytes memory data, uint256 offset) internal pure returns (uint256 value) {
        assembly ("memory-safe") {
            value := mload(add(add(data, 0x20), offset))
        }
    }

    /// @dev The first `length` bytes of `data`.
    function _prefix(bytes memory data, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            out[i] = data[i];
        }
    }
}
