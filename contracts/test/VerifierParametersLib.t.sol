// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Groth16VerifyingKeyLib} from "../src/Groth16VerifyingKey.sol";
import {VerifierParametersLib} from "../src/VerifierParametersLib.sol";
import {ParameterSet, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract VerifierParametersLibTest is VerifierTestBase {
    bytes32 private constant RELEASE_VK_DIGEST = 0x21c5fdd9b4d576b17581f50b755482ba7a2134a3b5186e8e454acfa1f69511ab;

    function test_tagDigestsAreSha256OfTheirTags() public pure {
        vm.assertEq(VerifierParametersLib.GROTH16_TAG, sha256("risc0.Groth16ReceiptVerifierParameters"));
        vm.assertEq(VerifierParametersLib.SET_INCLUSION_TAG, sha256("risc0.SetInclusionReceiptVerifierParameters"));
        vm.assertEq(Groth16VerifyingKeyLib.VERIFYING_KEY_TAG, sha256("risc0_groth16.VerifyingKey"));
        vm.assertEq(Groth16VerifyingKeyLib.IC_LIST_TAG, sha256("risc0_groth16.VerifyingKey.IC"));
    }

    function test_verifyingKeyDigestMatchesTheReleaseKey() public pure {
        vm.assertEq(Groth16VerifyingKeyLib.digest(Vectors.verifyingKey()), RELEASE_VK_DIGEST);
    }

    function test_groth16ParametersDigestMatchesRelease3_0() public pure {
        ParameterSet memory p = Vectors.params3_0();
        vm.assertEq(
            VerifierParametersLib.groth16(p.controlRoot, p.bn254ControlId, RELEASE_VK_DIGEST),
            0x73c457ba541936f0d907daf0c7253a39a9c5c427c225ba7709e44702d3c6eedc
        );
    }

    function test_groth16SelectorsMatchEveryRelease() public pure {
        ParameterSet[6] memory sets = [
            Vectors.params1_0(),
            Vectors.params1_2(),
            Vectors.params2_0(),
            Vectors.params3_0(),
            Vectors.params5_0Dev(),
            Vectors.paramsDevMay2024()
        ];
        for (uint256 i = 0; i < sets.length; ++i) {
            bytes32 digest =
                VerifierParametersLib.groth16(sets[i].controlRoot, sets[i].bn254ControlId, RELEASE_VK_DIGEST);
            vm.assertEq(bytes32(bytes4(digest)), bytes32(sets[i].selector));
        }
    }

    function test_setInclusionSelectorsMatchPublishedSetVerifiers() public pure {
        vm.assertEq(
            bytes32(bytes4(VerifierParametersLib.setInclusion(Vectors.setInclusion().setBuilderImageId))),
            bytes32(bytes4(0x0f63ffd5))
        );
        vm.assertEq(
            bytes32(
                bytes4(
                    VerifierParametersLib.setInclusion(
                        0x70909b25db0db00f1d4b4016aeb876f53568a3e5a8e6397cb562d79947a02cc9
                    )
                )
            ),
            bytes32(bytes4(0x242f9d5b))
        );
    }
}
