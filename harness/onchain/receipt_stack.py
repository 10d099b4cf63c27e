"""Deploy the verifier stack a set of real RISC Zero receipts needs, from any build of it.

For every selector the receipts carry, the matching release's Groth16 verifier (or the set
verifier, with the Groth16 verifier of its root seal) is deployed behind one router, each
wrapped in an emergency stop. The contracts come from the ``artifacts`` given: this
project's, or a user's build of RISC Zero's own (see
:func:`harness.toolchain.forge_artifact.load_forge_build`).
"""

from __future__ import annotations

from collections.abc import Iterable

from harness.chain.base import Chain
from harness.onchain.stack import Recorder, VerifierStack, deploy_router
from harness.risc0.params import load_versions
from harness.risc0.receipts import Groth16Receipt, SetInclusionReceipt
from harness.risc0.seal import SetInclusionSeal
from harness.toolchain.solc import Artifact

Receipt = Groth16Receipt | SetInclusionReceipt


def deploy_for_receipts(
    chain: Chain,
    receipts: Iterable[Receipt],
    *,
    artifacts: dict[str, Artifact],
    verifier_artifact: Artifact | None = None,
    record: Recorder | None = None,
) -> VerifierStack:
    """Deploy a router from ``artifacts`` with a verifier for every selector ``receipts``
    need; ``verifier_artifact`` replaces only the Groth16 verifier."""
    versions = load_versions()
    stack = deploy_router(chain, artifacts, record)
    for receipt in receipts:
        if isinstance(receipt, SetInclusionReceipt):
            params = versions.set_verifier_by_selector(receipt.set_verifier_selector)
            stack.add_set_verifier(params.set_builder_image_id)
            root_seal = SetInclusionSeal.decode(receipt.seal).root_seal
            if root_seal:
                stack.add_groth16(versions.by_selector(root_seal[:4]), artifact=verifier_artifact)
        else:
            stack.add_groth16(versions.by_selector(receipt.seal[:4]), artifact=verifier_artifact)
    return stack
