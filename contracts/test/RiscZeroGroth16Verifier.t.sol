// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Groth16Verifier} from "../src/Groth16Verifier.sol";
import {Receipt} from "../src/IRiscZeroVerifier.sol";
import {RiscZeroGroth16Verifier} from "../src/RiscZeroGroth16Verifier.sol";
import {RiscZeroVerifierEmergencyStop} from "../src/RiscZeroVerifierEmergencyStop.sol";
import {RiscZeroVerifierRouter} from "../src/RiscZeroVerifierRouter.sol";
import {MalformedSeal, SelectorMismatch, VerificationFailed} from "../src/VerifierErrors.sol";
import {ParameterSet, ReceiptVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

contract RiscZeroGroth16VerifierTest is VerifierTestBase {
    uint256 private constant SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 private constant BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583;
    uint256 private constant SEAL_LENGTH = 260;
    /// @dev Byte offsets of A.x and A.y in a seal.
    uint256 private constant A_X = 4;
    uint256 private constant A_Y = 36;

    RiscZeroGroth16Verifier private verifier;
    ReceiptVector private receipt;

    function setUp() public {
        receipt = Vectors.receipt3_0();
        verifier = _deployGroth16(receipt.params);
    }

    function test_verifiesRelease1_0Receipt() public {
        _checkVerifiesEverywhere(Vectors.receipt1_0());
    }

    function test_verifiesRelease1_2Receipt() public {
        _checkVerifiesEverywhere(Vectors.receipt1_2());
    }

    function test_verifiesRelease2_0Receipt() public {
        _checkVerifiesEverywhere(Vectors.receipt2_0());
    }

    function test_verifiesRelease3_0Receipt() public {
        _checkVerifiesEverywhere(Vectors.receipt3_0());
    }

    function test_verifiesDevelopment5_0Receipt() public {
        _checkVerifiesEverywhere(Vectors.receipt5_0Dev());
    }

    function test_verifiesMay2024ReceiptUnderItsLegacySelector() public {
        _checkVerifiesEverywhere(Vectors.receiptDevMay2024());
    }

    function test_selectorIsStable() public view {
        vm.assertEq(bytes32(verifier.SELECTOR()), bytes32(bytes4(0x73c457ba)));
        vm.assertEq(verifier.VERIFYING_KEY_DIGEST(), 0x21c5fdd9b4d576b17581f50b755482ba7a2134a3b5186e8e454acfa1f69511ab);
        vm.assertEq(
            verifier.VERIFIER_PARAMETERS_DIGEST(), 0x73c457ba541936f0d907daf0c7253a39a9c5c427c225ba7709e44702d3c6eedc
        );
    }

    function test_legacySelectorReplacesTheComputedSelector() public {
        ParameterSet memory params = Vectors.paramsDevMay2024();
        RiscZeroGroth16Verifier legacy = _deployGroth16(params);
        vm.assertEq(bytes32(legacy.SELECTOR()), bytes32(params.legacySelector));
        vm.assertEq(bytes32(bytes4(legacy.VERIFIER_PARAMETERS_DIGEST())), bytes32(params.selector));
    }

    function test_splitsTheControlRootIntoPublicInputs() public view {
        vm.assertEq(bytes32(verifier.CONTROL_ROOT_0()), bytes32(bytes16(0x41af18736dc9d7921c859fc95ac84da5)));
        vm.assertEq(bytes32(verifier.CONTROL_ROOT_1()), bytes32(bytes16(0x561f8c992a424deb37ccdf4e19c0e7db)));
        vm.assertEq(
            verifier.BN254_CONTROL_ID(), 1930158958971974673407180959543112854198801264531668442085542093806106933952
        );
    }

    function test_rejectsSealOfAnotherRelease() public {
        ReceiptVector memory other = Vectors.receipt2_0();
        vm.expectRevert(abi.encodeWithSelector(SelectorMismatch.selector, bytes4(0x9f39696c), bytes4(0x73c457ba)));
        verifier.verify(other.seal, other.imageId, other.journalDigest);
    }

    function test_rejectsSealShorterThanSelector() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, 3));
        verifier.verify(hex"73c457", receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsTruncatedSeal() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, SEAL_LENGTH - 1));
        verifier.verify(_prefix(receipt.seal, SEAL_LENGTH - 1), receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsSealWithTrailingBytes() public {
        vm.expectRevert(abi.encodeWithSelector(MalformedSeal.selector, SEAL_LENGTH + 1));
        verifier.verify(bytes.concat(receipt.seal, hex"00"), receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsBn254ControlIdOutsideScalarField() public {
        ParameterSet memory params = receipt.params;
        params.bn254ControlId = bytes32(SCALAR_FIELD);
        RiscZeroGroth16Verifier outOfField = _deployGroth16(params);
        bytes memory seal = bytes.concat(outOfField.SELECTOR(), _suffix(receipt.seal, 4));
        vm.expectRevert(abi.encodeWithSelector(Groth16Verifier.PublicInputNotInField.selector, 4));
        outOfField.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsPointNotOnCurve() public {
        bytes memory seal = _setWord(receipt.seal, A_Y, _word(receipt.seal, A_Y) ^ 1);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsCoordinateAboveBaseFieldInA() public {
        bytes memory seal = _setWord(receipt.seal, A_Y, _word(receipt.seal, A_Y) + BASE_FIELD);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsUnreducedAYThatWrappingArithmeticWouldNegateToTheSamePoint() public {
        uint256 twoTo256ModQ = (type(uint256).max % BASE_FIELD + 1) % BASE_FIELD;
        uint256 unreduced = addmod(_word(receipt.seal, A_Y), twoTo256ModQ, BASE_FIELD) + BASE_FIELD;
        bytes memory seal = _setWord(receipt.seal, A_Y, unreduced);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsCoordinateAboveBaseFieldInC() public {
        uint256 cX = A_X + 6 * 32;
        bytes memory seal = _setWord(receipt.seal, cX, _word(receipt.seal, cX) + BASE_FIELD);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsFlippedBitInSeal() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(_flip(receipt.seal, 100, 0x01), receipt.imageId, receipt.journalDigest);
    }

    function test_rejectsFlippedBitInImageId() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(receipt.seal, receipt.imageId ^ bytes32(uint256(1)), receipt.journalDigest);
    }

    function test_rejectsFlippedBitInJournalDigest() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(receipt.seal, receipt.imageId, receipt.journalDigest ^ bytes32(uint256(1 << 255)));
    }

    function test_rejectsFlippedBitInClaimDigest() public {
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verifyIntegrity(Receipt(receipt.seal, receipt.claimDigest ^ bytes32(uint256(1 << 128))));
    }

    function test_rejectsReceiptOfAnotherControlRoot() public {
        ReceiptVector memory other = Vectors.receipt2_0();
        bytes memory seal = bytes.concat(verifier.SELECTOR(), _suffix(other.seal, 4));
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(seal, other.imageId, other.journalDigest);
    }

    function testFuzz_rejectsMutatedSeal(uint256 index, uint8 mask) public {
        vm.assume(mask != 0);
        index = index % SEAL_LENGTH;
        bytes memory seal = _flip(receipt.seal, index, bytes1(mask));
        if (index < 4) {
            vm.expectRevert(abi.encodeWithSelector(SelectorMismatch.selector, bytes4(seal), verifier.SELECTOR()));
        } else {
            vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        }
        verifier.verify(seal, receipt.imageId, receipt.journalDigest);
    }

    function testFuzz_rejectsOtherJournalDigests(bytes32 journalDigest) public {
        vm.assume(journalDigest != receipt.journalDigest);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(receipt.seal, receipt.imageId, journalDigest);
    }

    function testFuzz_rejectsOtherImageIds(bytes32 imageId) public {
        vm.assume(imageId != receipt.imageId);
        vm.expectRevert(abi.encodeWithSelector(VerificationFailed.selector));
        verifier.verify(receipt.seal, imageId, receipt.journalDigest);
    }

    /// @dev Deploys the verifier for `r`, checks its selector, and verifies `r` directly and through
    ///      router -> emergency stop -> verifier, with both entry points.
    function _checkVerifiesEverywhere(ReceiptVector memory r) private {
        RiscZeroGroth16Verifier v = _deployGroth16(r.params);
        vm.assertEq(bytes32(bytes4(v.VERIFIER_PARAMETERS_DIGEST())), bytes32(r.params.selector));
        vm.assertEq(bytes32(v.SELECTOR()), bytes32(bytes4(r.seal)));
        v.verify(r.seal, r.imageId, r.journalDigest);
        v.verifyIntegrity(Receipt(r.seal, r.claimDigest));
        (RiscZeroVerifierRouter router,) = _deployStack(v, v.SELECTOR());
        router.verify(r.seal, r.imageId, r.journalDigest);
        router.verifyIntegrity(Receipt(r.seal, r.claimDigest));
    }

    function _suffix(bytes memory data, uint256 start) private pure returns (bytes memory out) {
        out = new bytes(data.length - start);
        for (uint256 i = 0; i < out.length; ++i) {
            out[i] = data[start + i];
        }
    }
}
