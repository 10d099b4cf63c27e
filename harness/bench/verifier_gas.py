"""Mined gas of RISC Zero verification on this project's contracts, beside RISC Zero's own.

Every figure is the ``gasUsed`` of a mined transaction, sent the way the reference figures of
:mod:`harness.reports.published` were measured: ``verify`` straight to the Groth16 verifier,
through router → estop → verifier, ``submitMerkleRoot`` on the set verifier, and an inclusion
``verify`` against a cached root.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.chain.base import Chain
from harness.claims.request import ProofRequest
from harness.onchain.stack import deploy_router
from harness.provers.sources import SyntheticSource
from harness.provers.verifiers import synthetic_params
from harness.reports.published import (
    BARE_TX_ANVIL,
    CACHED_INCLUSION_TX_ANVIL,
    ROUTED_TX_ANVIL,
    SUBMIT_ROOT_TX_ANVIL,
)
from harness.risc0.digests import journal_digest
from harness.risc0.reference import reference_groth16, reference_set_inclusion
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.replay import deploy_for


@dataclass(frozen=True)
class GasRow:
    """One measured transaction, and RISC Zero's figure for it where there is one."""

    what: str
    gas_used: int
    reference: int | None

    @property
    def difference_percent(self) -> float | None:
        """How far ours is from RISC Zero's, in percent of theirs."""
        if self.reference is None:
            return None
        return (self.gas_used - self.reference) / self.reference * 100


def bench_verifier_gas(chain: Chain) -> list[GasRow]:
    """Measure the verification paths on ``chain`` with the shipped 3.0 and set-inclusion
    receipts."""
    real = reference_groth16()
    included = reference_set_inclusion()
    stack = deploy_for(chain, [real, included])
    stack.add_groth16(synthetic_params())
    args = (real.seal, real.image_id, real.journal_digest)
    bare = chain.transact(stack.verifiers[real.seal[:4]], "verify", *args).gas_used
    routed = chain.transact(stack.router, "verify", *args).gas_used

    request = ProofRequest("batch", real.image_id, b"synthetic journal")
    synthetic = SyntheticSource().seal(request)
    synthetic_routed = chain.transact(
        stack.router, "verify", synthetic, request.image_id, journal_digest(request.journal)
    ).gas_used

    root_seal = SetInclusionSeal.decode(included.seal).root_seal
    set_verifier = stack.set_verifiers[included.set_builder_image_id]
    submit = chain.transact(set_verifier, "submitMerkleRoot", included.root, root_seal).gas_used
    inclusion_args = (included.image_id, included.journal_digest)
    selector_only = included.seal[:4]
    cached = chain.transact(stack.router, "verify", selector_only, *inclusion_args).gas_used
    cached_direct = chain.transact(set_verifier, "verify", selector_only, *inclusion_args).gas_used
    bare_router = deploy_router(chain, stack.artifacts)
    chain.transact(bare_router.router, "addVerifier", selector_only, set_verifier.address)
    cached_no_estop = chain.transact(
        bare_router.router, "verify", selector_only, *inclusion_args
    ).gas_used
    cached_reference = CACHED_INCLUSION_TX_ANVIL.gas
    return [
        GasRow("verify, straight to the Groth16 verifier", bare, BARE_TX_ANVIL.gas),
        GasRow("verify, router → estop → Groth16 verifier", routed, ROUTED_TX_ANVIL.gas),
        GasRow("verify of a synthetic seal, router → estop → verifier", synthetic_routed, routed),
        GasRow("submitMerkleRoot (root seal via the router)", submit, SUBMIT_ROOT_TX_ANVIL.gas),
        GasRow("inclusion verify, cached root, depth 0, via the router", cached, cached_reference),
        GasRow("the same, router → set verifier (no estop)", cached_no_estop, cached_reference),
        GasRow("the same, straight to the set verifier", cached_direct, None),
    ]
