// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Groth16Verifier} from "../src/Groth16Verifier.sol";
import {IRiscZeroVerifier} from "../src/IRiscZeroVerifier.sol";
import {RiscZeroGroth16Verifier} from "../src/RiscZeroGroth16Verifier.sol";
import {RiscZeroSetVerifier} from "../src/RiscZeroSetVerifier.sol";
import {RiscZeroVerifierRouter} from "../src/RiscZeroVerifierRouter.sol";
import {MalformedSeal, SelectorMismatch, VerificationFailed} from "../src/VerifierErrors.sol";
import {SyntheticVectors} from "./utils/SyntheticVectors.sol";
import {ParameterSet, ReceiptVector, SetInclusionVector, Vectors} from "./utils/Vectors.sol";
import {VerifierTestBase} from "./utils/VerifierTestBase.sol";

/// @notice Mutated seals, journals and image ids from the real RISC Zero corpus and the harness's
///         synthetic corpus, sent through one router holding every verifier: each is rejected with
///         one of the verifiers' named errors, never accepted.
contract SealMutationTest is VerifierTestBase {
    uint256 private constant SEAL_LENGTH = 260;
    uint256 private constant REAL_COUNT = 6;
    string private constant IMAGE_URL = "https://example.invalid/set-builder.bin";

    RiscZeroVerifierRouter private router;
    RiscZeroSetVerifier private realSetVerifier;
    RiscZeroSetVerifier private syntheticSetVerifier;
    bytes4[] private registered;

    function setUp() public {
        router = new RiscZeroVerifierRouter(address(this));
        for (uint256 i = 0; i < REAL_COUNT; ++i) {
            RiscZeroGroth16Verifier verifier = _deployGroth16(_real(i).params);
            _register(verifier.SELECTOR(), verifier);
        }
        ParameterSet memory synthetic = SyntheticVectors.params();
        RiscZeroGroth16Verifier syntheticVerifier = new RiscZeroGroth16Verifier(
            SyntheticVectors.verifyingKey(), synthetic.controlRoot, synthetic.bn254ControlId, bytes4(0)
        );
        _register(syntheticVerifier.SELECTOR(), syntheticVerifier);
        realSetVerifier = new RiscZeroSetVerifier(router, Vectors.setInclusion().setBuilderImageId, IMAGE_URL);
        _register(realSetVerifier.SELECTOR(), realSetVerifier);
        syntheticSetVerifier =
            new RiscZeroSetVerifier(router, SyntheticVectors.setInclusion().setBuilderImageId, IMAGE_URL);
        _register(syntheticSetVerifier.SELECTOR(), syntheticSetVerifier);
    }

    function test_everyUnmutatedVectorVerifies() public view {
        for (uint256 i = 0; i < REAL_COUNT + SyntheticVectors.COUNT; ++i) {
            ReceiptVector memory r = _receipt(i >= REAL_COUNT, i);
            router.verify(r.seal, r.imageId, r.journalDigest);
        }
        for (uint256 i = 0; i < 2; ++i) {
            SetInclusionVector memory v = _setInclusion(i == 1);
            router.verify(v.seal, v.imageId, v.journalDigest);
        }
    }

    /// forge-config: default.fuzz.runs = 3000
    function testFuzz_realSealWithAChangedByteIsRejected(uint256 which, uint256 index, uint8 mask) public view {
        _checkChangedByte(_receipt(false, which), index, mask);
    }

    /// forge-config: default.fuzz.runs = 3000
    function testFuzz_syntheticSealWithAChangedByteIsRejected(uint256 which, uint256 index, uint8 mask) public view {
        _checkChangedByte(_receipt(true, which), index, mask);
    }

    /// forge-config: default.fuzz.runs = 1500
    function testFuzz_sealWithAChangedWordIsRejected(bool synthetic, uint256 which, uint256 offset, bytes32 mask)
        public
        view
    {
        vm.assume(mask != 0);
        ReceiptVector memory r = _receipt(synthetic, which);
        offset %= SEAL_LENGTH - 31;
        bytes memory seal = _setWord(r.seal, offset, _word(r.seal, offset) ^ uint256(mask));
        _assertRejected(seal, r.imageId, r.journalDigest, _expected(seal, bytes4(r.seal), _verificationFailed()));
    }

    /// forge-config: default.fuzz.runs = 1000
    function testFuzz_truncatedOrExtendedSealIsRejected(bool synthetic, uint256 which, uint256 length, bytes32 fill)
        public
        view
    {
        length %= 2 * SEAL_LENGTH + 1;
        vm.assume(length != SEAL_LENGTH);
        ReceiptVector memory r = _receipt(synthetic, which);
        bytes memory seal = _resized(r.seal, length, fill);
        _assertRejected(seal, r.imageId, r.journalDigest, abi.encodeWithSelector(MalformedSeal.selector, length));
    }

    /// forge-config: default.fuzz.runs = 1000
    function testFuzz_sealUnderAnotherSelectorIsRejected(bool synthetic, uint256 which, bytes4 selector, uint8 pick)
        public
        view
    {
        if (pick % 2 == 0) selector = registered[(pick / 2) % registered.length];
        ReceiptVector memory r = _receipt(synthetic, which);
        vm.assume(selector != bytes4(r.seal));
        bytes memory seal = bytes.concat(selector, _suffix(r.seal, 4));
        bytes memory expected = _isSetVerifier(selector)
            ? abi.encodeWithSelector(MalformedSeal.selector, SEAL_LENGTH)
            : _verificationFailed();
        _assertRejected(seal, r.imageId, r.journalDigest, _expected(seal, selector, expected));
    }

    /// @dev forge's default 256 runs: each is a whole pairing check that fails (some 4 ms).
    function testFuzz_sealForAnotherImageOrJournalIsRejected(
        bool synthetic,
        uint256 which,
        bytes32 imageMask,
        bytes32 journalMask
    ) public view {
        vm.assume(imageMask != 0 || journalMask != 0);
        ReceiptVector memory r = _receipt(synthetic, which);
        _assertRejected(r.seal, r.imageId ^ imageMask, r.journalDigest ^ journalMask, _verificationFailed());
    }

    /// forge-config: default.fuzz.runs = 1500
    function testFuzz_setInclusionSealWithAChangedByteIsRejected(bool synthetic, uint256 index, uint8 mask)
        public
        view
    {
        vm.assume(mask != 0);
        SetInclusionVector memory v = _setInclusion(synthetic);
        index %= v.seal.length;
        bytes memory seal = _flip(v.seal, index, bytes1(mask));
        _assertRejected(seal, v.imageId, v.journalDigest, _expected(seal, v.selector, ""));
    }

    /// forge-config: default.fuzz.runs = 500
    function testFuzz_truncatedOrExtendedSetInclusionSealIsRejected(bool synthetic, uint256 length, bytes32 fill)
        public
        view
    {
        SetInclusionVector memory v = _setInclusion(synthetic);
        length %= 2 * v.seal.length + 1;
        vm.assume(length != v.seal.length);
        bytes memory seal = _resized(v.seal, length, fill);
        _assertRejected(seal, v.imageId, v.journalDigest, _expected(seal, v.selector, ""));
    }

    /// @dev Flips `mask` into byte `index` (modulo the length) of `r`'s seal and checks the router
    ///      rejects it: an unknown selector, or a proof that no longer verifies.
    function _checkChangedByte(ReceiptVector memory r, uint256 index, uint8 mask) private view {
        vm.assume(mask != 0);
        bytes memory seal = _flip(r.seal, index % r.seal.length, bytes1(mask));
        _assertRejected(seal, r.imageId, r.journalDigest, _expected(seal, bytes4(r.seal), _verificationFailed()));
    }

    /// @dev Checks that the router rejects (`seal`, `imageId`, `journalDigest`) with `expected`, or,
    ///      when `expected` is empty, with any of the verifiers' named errors.
    function _assertRejected(bytes memory seal, bytes32 imageId, bytes32 journalDigest, bytes memory expected)
        private
        view
    {
        try router.verify(seal, imageId, journalDigest) {
            vm.assertTrue(false);
        } catch (bytes memory reason) {
            if (expected.length != 0) {
                vm.assertEq(reason, expected);
            } else {
                vm.assertTrue(_isNamedError(reason));
            }
        }
    }

    /// @dev The error the router gives `seal`: MalformedSeal if it has no selector, SelectorUnknown if
    ///      its selector has no verifier, `sameVerifier` if it still reaches the verifier of `original`,
    ///      and empty (any named error) when it reaches another verifier.
    function _expected(bytes memory seal, bytes4 original, bytes memory sameVerifier)
        private
        view
        returns (bytes memory)
    {
        if (seal.length < 4) return abi.encodeWithSelector(MalformedSeal.selector, seal.length);
        bytes4 selector = bytes4(seal);
        if (address(router.verifiers(selector)) == address(0)) {
            return abi.encodeWithSelector(RiscZeroVerifierRouter.SelectorUnknown.selector, selector);
        }
        return selector == original ? sameVerifier : bytes("");
    }

    function _isNamedError(bytes memory reason) private pure returns (bool) {
        if (reason.length < 4) return false;
        bytes4 errorSelector = bytes4(reason);
        return errorSelector == MalformedSeal.selector || errorSelector == VerificationFailed.selector
            || errorSelector == SelectorMismatch.selector
            || errorSelector == RiscZeroVerifierRouter.SelectorUnknown.selector
            || errorSelector == Groth16Verifier.PublicInputNotInField.selector;
    }

    function _isSetVerifier(bytes4 selector) private view returns (bool) {
        return selector == realSetVerifier.SELECTOR() || selector == syntheticSetVerifier.SELECTOR();
    }

    function _verificationFailed() private pure returns (bytes memory) {
        return abi.encodeWithSelector(VerificationFailed.selector);
    }

    function _register(bytes4 selector, IRiscZeroVerifier verifier) private {
        router.addVerifier(selector, verifier);
        registered.push(selector);
    }

    /// @dev Receipt `which` of the synthetic corpus or of the real one (modulo its size).
    function _receipt(bool synthetic, uint256 which) private pure returns (ReceiptVector memory) {
        return synthetic ? SyntheticVectors.receipt(which % SyntheticVectors.COUNT) : _real(which % REAL_COUNT);
    }

    function _real(uint256 index) private pure returns (ReceiptVector memory) {
        if (index == 0) return Vectors.receipt1_0();
        if (index == 1) return Vectors.receipt1_2();
        if (index == 2) return Vectors.receipt2_0();
        if (index == 3) return Vectors.receipt3_0();
        if (index == 4) return Vectors.receipt5_0Dev();
        return Vectors.receiptDevMay2024();
    }

    function _setInclusion(bool synthetic) private pure returns (SetInclusionVector memory) {
        return synthetic ? SyntheticVectors.setInclusion() : Vectors.setInclusion();
    }

    /// @dev `data` cut to `length` bytes, or extended to it with copies of `fill`.
    function _resized(bytes memory data, uint256 length, bytes32 fill) private pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            out[i] = i < data.length ? data[i] : fill[i % 32];
        }
    }

    function _suffix(bytes memory data, uint256 start) private pure returns (bytes memory out) {
        out = new bytes(data.length - start);
        for (uint256 i = 0; i < out.length; ++i) {
            out[i] = data[start + i];
        }
    }
}
