"""Real RISC Zero receipts verify on chain through router → estop → verifier; tampered fail."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from web3.exceptions import Web3RPCError

from harness.bn254.fields import BN254_SCALAR_FIELD
from harness.chain.backends import open_chain
from harness.chain.base import Reverted
from harness.chain.encoding import function_calldata
from harness.common.errors import ReceiptError
from harness.onchain.receipt_stack import deploy_for_receipts
from harness.onchain.stack import vk_argument
from harness.risc0.merkle import root_journal
from harness.risc0.params import load_versions
from harness.risc0.receipts import read_corpus
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.replay import python_check, replay_receipt

CORPUS = read_corpus(Path(__file__).parent / "vectors" / "risc0-receipts.json")
GROTH16 = CORPUS.groth16
SET_RECEIPT = CORPUS.set_inclusion[0]
ALL = (*GROTH16, SET_RECEIPT)
#: The oldest and the newest release's receipts, for the checks that try every byte: the
#: verifiers of all releases are the same code but for their constants. The Python check is
#: one pairing in pure Python (some 0.5 s), which tests/test_risc0_groth16.py does on every
#: receipt (each verifies under its selector's parameters, and fails for a claim one bit off).
OLDEST_AND_NEWEST = (GROTH16[0], GROTH16[-1])
#: Rejected, whichever byte changed.
REJECTIONS = {"SelectorUnknown", "SelectorMismatch", "VerificationFailed"}


def _flip(data: bytes, index: int, mask: int = 0x01) -> bytes:
    out = bytearray(data)
    out[index] ^= mask
    return bytes(out)


@pytest.fixture(scope="module")
def anvil_stack():
    with open_chain("anvil") as chain:
        yield deploy_for_receipts(chain, ALL)


def test_every_corpus_receipt_verifies_on_chain(chain_factory):
    """Every release's receipt on its own verifier (and the set receipt on the set verifier).

    The verifiers differ only in their constants, so one real receipt shows that py-evm
    verifies with the gas anvil does: the gas gate's backend comparison verifies the RISC Zero
    3.0 receipt on both (tests/test_gasgate.py).
    """
    stack = deploy_for_receipts(chain_factory("anvil"), ALL)
    results = [replay_receipt(stack, r, check_in_python=False) for r in ALL]
    assert all(r.verified for r in results), [r.error for r in results if not r.verified]


def _verify_error(stack, seal: bytes, image_id: bytes, journal_digest: bytes) -> str:
    with pytest.raises(Reverted) as raised:
        stack.chain.call(stack.router, "verify", seal, image_id, journal_digest)
    return raised.value.error.name


def _rejection(stack, seal: bytes, image_id: bytes, journal_digest: bytes) -> str:
    """The error ``verify`` reverts with, asked as one bare ``eth_call`` and decoded as the
    harness decodes a revert: the test below makes some 300 calls a receipt, and a call
    through web3 takes three requests."""
    chain = stack.chain
    data = function_calldata(
        chain.w3.codec, stack.router, "verify", (seal, image_id, journal_digest)
    )
    call = {"to": stack.router.address, "data": "0x" + data.hex()}
    try:
        chain.direct.request("eth_call", [call, "latest"])
    except Web3RPCError as exc:
        return chain.errors.decode(bytes.fromhex(exc.rpc_response["error"]["data"][2:])).name
    pytest.fail("verify accepted a changed byte")


@pytest.mark.parametrize("receipt", OLDEST_AND_NEWEST, ids=lambda r: r.id)
def test_any_changed_byte_of_seal_image_or_journal_is_rejected_on_chain(anvil_stack, receipt):
    first = (_flip(receipt.seal, 0), receipt.image_id, receipt.journal_digest)
    assert _rejection(anvil_stack, *first) == _verify_error(anvil_stack, *first)
    names = set()
    for index in range(len(receipt.seal)):
        seal = _flip(receipt.seal, index)
        names.add(_rejection(anvil_stack, seal, receipt.image_id, receipt.journal_digest))
    for index in range(32):
        image = _flip(receipt.image_id, index)
        names.add(_rejection(anvil_stack, receipt.seal, image, receipt.journal_digest))
        journal = _flip(receipt.journal_digest, index)
        names.add(_rejection(anvil_stack, receipt.seal, receipt.image_id, journal))
    assert names <= REJECTIONS, names


@pytest.mark.parametrize("receipt", GROTH16, ids=lambda r: r.id)
def test_every_releases_verifier_rejects_a_changed_proof_image_or_journal(anvil_stack, receipt):
    seal, image, journal = receipt.seal, receipt.image_id, receipt.journal_digest
    changed = [
        *((_flip(seal, index), image, journal) for index in (4, 100, len(seal) - 1)),
        (seal, _flip(image, 31), journal),
        (seal, image, _flip(journal, 0)),
    ]
    assert {_rejection(anvil_stack, *args) for args in changed} == {"VerificationFailed"}


@pytest.mark.parametrize("receipt", OLDEST_AND_NEWEST, ids=lambda r: r.id)
def test_the_oldest_and_newest_receipts_pass_the_python_check(receipt):
    python_check(receipt, load_versions())


@pytest.mark.parametrize("receipt", OLDEST_AND_NEWEST, ids=lambda r: r.id)
def test_changed_bytes_are_rejected_by_the_python_check(receipt):
    versions = load_versions()
    word_starts = [0, *range(4, len(receipt.seal), 32)]
    variants = [
        *(replace(receipt, seal=_flip(receipt.seal, i)) for i in word_starts),
        replace(receipt, image_id=_flip(receipt.image_id, 31)),
        replace(receipt, journal_digest=_flip(receipt.journal_digest, 0)),
    ]
    for variant in variants:
        with pytest.raises(ReceiptError):
            python_check(variant, versions)


def test_malformed_seals_are_rejected_with_named_errors(anvil_stack):
    receipt = next(r for r in GROTH16 if r.id.startswith("groth16-3.0"))
    args = (receipt.image_id, receipt.journal_digest)
    assert _verify_error(anvil_stack, b"\xde\xad\xbe\xef" + receipt.seal[4:], *args) == (
        "SelectorUnknown"
    )
    assert _verify_error(anvil_stack, receipt.seal[:-1], *args) == "MalformedSeal"
    off_curve = receipt.seal[:4] + (1).to_bytes(32, "big") + (3).to_bytes(32, "big")
    assert _verify_error(anvil_stack, off_curve + receipt.seal[68:], *args) == "VerificationFailed"


def test_a_public_input_not_below_r_is_rejected(chain_factory):
    receipt = next(r for r in GROTH16 if r.id.startswith("groth16-3.0"))
    params = load_versions().by_selector(receipt.seal[:4])
    too_big = replace(params, bn254_control_id=(BN254_SCALAR_FIELD + 1).to_bytes(32, "big"))
    stack = deploy_for_receipts(chain_factory("anvil"), ())
    verifier = stack.deploy(
        "RiscZeroGroth16Verifier",
        vk_argument(params.vk),
        too_big.control_root,
        too_big.bn254_control_id,
        receipt.seal[:4],
    )
    with pytest.raises(Reverted) as raised:
        stack.chain.call(verifier, "verify", receipt.seal, receipt.image_id, receipt.journal_digest)
    assert raised.value.error.name == "PublicInputNotInField"


def test_set_inclusion_receipt_verifies_with_root_seal_and_against_cached_root(chain_factory):
    stack = deploy_for_receipts(chain_factory("anvil"), [SET_RECEIPT])
    args = (SET_RECEIPT.image_id, SET_RECEIPT.journal_digest)
    stack.chain.call(stack.router, "verify", SET_RECEIPT.seal, *args)  # self-contained
    decoded = SetInclusionSeal.decode(SET_RECEIPT.seal)
    cached_seal = SetInclusionSeal(decoded.selector, decoded.path).encode()
    assert _verify_error(stack, cached_seal, *args) == "VerificationFailed"  # not cached yet
    stack.chain.transact(
        stack.set_verifier, "submitMerkleRoot", SET_RECEIPT.root, decoded.root_seal
    )
    stack.chain.call(stack.router, "verify", cached_seal, *args)
    stack.chain.call(stack.router, "verify", decoded.selector, *args)  # selector only: empty path
    wrong_path = SetInclusionSeal(decoded.selector, (b"\x01" * 32,)).encode()
    assert _verify_error(stack, wrong_path, *args) == "VerificationFailed"
    assert (
        root_journal(SET_RECEIPT.set_builder_image_id, SET_RECEIPT.root)[-32:] == SET_RECEIPT.root
    )


def test_a_removed_selector_can_never_be_added_again(chain_factory):
    stack = deploy_for_receipts(chain_factory("anvil"), GROTH16[-1:])
    selector, estop = next(iter(stack.estops.items()))
    stack.admin(stack.router, "removeVerifier", selector)
    receipt = GROTH16[-1]
    assert _verify_error(stack, receipt.seal, receipt.image_id, receipt.journal_digest) == (
        "SelectorRemoved"
    )
    with pytest.raises(Reverted) as raised:
        stack.admin(stack.router, "addVerifier", selector, estop.address)
    assert raised.value.error.name == "SelectorRemoved"


def test_emergency_stop_blocks_verification(chain_factory):
    stack = deploy_for_receipts(chain_factory("anvil"), GROTH16[-1:])
    receipt = GROTH16[-1]
    args = (receipt.seal, receipt.image_id, receipt.journal_digest)
    stack.chain.call(stack.router, "verify", *args)
    estop = next(iter(stack.estops.values()))
    stack.chain.transact(estop, "estop()")
    assert _verify_error(stack, *args) == "EnforcedPause"
