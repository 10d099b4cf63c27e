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
from harness.risc0.params import SetVerifierParams, VerifierParams, VersionTable, load_versions
from harness.risc0.receipts import Groth16Receipt, SetInclusionReceipt
from harness.risc0.seal import SetInclusionSeal
from harness.toolchain.solc import Artifact, project_artifacts

Receipt = Groth16Receipt | SetInclusionReceipt


def verifiers_needed(
    versions: VersionTable, receipt: Receipt
) -> tuple[VerifierParams | SetVerifierParams, ...]:
    """The verifiers ``receipt`` needs behind the router (for a set-inclusion receipt with a
    root seal, the root seal's too); ReceiptError if none is known for a selector."""
    if isinstance(receipt, SetInclusionReceipt):
        params = versions.set_verifier_by_selector(receipt.set_verifier_selector)
        root_seal = SetInclusionSeal.decode(receipt.seal).root_seal
        return (params, versions.by_selector(root_seal[:4])) if root_seal else (params,)
    return (versions.by_selector(receipt.seal[:4]),)


def deploy_for_receipts(
    chain: Chain,
    receipts: Iterable[Receipt],
    *,
    artifacts: dict[str, Artifact] | None = None,
    verifier_artifact: Artifact | None = None,
    record: Recorder | None = None,
) -> VerifierStack:
    """Deploy a router from ``artifacts`` (the project's by default) with a verifier for every
    selector ``receipts`` need; ``verifier_artifact`` replaces only the Groth16 verifier."""
    versions = load_versions()
    stack = deploy_router(chain, artifacts or project_artifacts(), record)
    for receipt in receipts:
        for params in verifiers_needed(versions, receipt):
            if isinstance(params, SetVerifierParams):
                stack.add_set_verifier(params.set_builder_image_id)
            else:
                stack.add_groth16(params, artifact=verifier_artifact)
    return stack
