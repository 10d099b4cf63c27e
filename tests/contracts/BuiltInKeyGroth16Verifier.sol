// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {RiscZeroGroth16Verifier} from "../../contracts/src/RiscZeroGroth16Verifier.sol";
import {Vectors} from "../../contracts/test/utils/Vectors.sol";

/// @notice This project's Groth16 verifier with RISC Zero's verifying key built in, so that it is
///         constructed the way RISC Zero's own verifier is: `(controlRoot, bn254ControlId)`.
contract BuiltInKeyGroth16Verifier is RiscZeroGroth16Verifier {
    /// @param controlRoot The recursion control root.
    /// @param bn254ControlId The BN254 control id.
    constructor(bytes32 controlRoot, bytes32 bn254ControlId)
        RiscZeroGroth16Verifier(Vectors.verifyingKey(), controlRoot, bn254ControlId, bytes4(0))
    {}
}
