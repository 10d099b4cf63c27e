"""Mined gas of RISC Zero verification on this project's contracts, beside RISC Zero's own.

Every figure is the ``gasUsed`` of a mined transaction, sent the way RISC Zero's figures were
measured: ``verify`` straight to the Groth16 verifier, through router → estop → verifier,
``submitMerkleRoot`` on the set verifier, and an inclusion ``verify`` against a cached root.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.chain.base import Chain
from harness.onchain.stack import deploy_router
from harness.provers.receipt import ProofRequest
from harness.provers.sources import SyntheticSource, synthetic_params
from harness.risc0.digests import journal_digest
from harness.risc0.params import load_versions
from harness.risc0.receipts import read_corpus
from harness.risc0.seal import SetInclusionSeal
from harness.scenario.replay import deploy_for

#: RISC Zero's own contracts (3.0), built with their settings and run on anvil --hardfork prague,
#: measured as mined transactions.
RISC_ZERO_GAS = {
    "verify, straight to the Groth16 verifier": 250_164,
    "verify, router → estop → Groth16 verifier": 261_797,
    "submitMerkleRoot (root seal via the router)": 291_634,
    "inclusion verify, cached root, depth 0, via the router": 35_544,
}


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


def bench_verifier_gas(chain: Chain, corpus: Path) -> list[GasRow]:
    """Measure the verification paths on ``chain`` with the 3.0 and set-inclusion receipts."""
    receipts = read_corpus(corpus)
    real = next(r for r in receipts.groth16 if r.seal[:4] == _selector("3.0"))
    included = receipts.set_inclusion[0]
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
    set_verifier = stack.set_verifier
    assert set_verifier is not None
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
    names = list(RISC_ZERO_GAS)
    return [
        GasRow(names[0], bare, RISC_ZERO_GAS[names[0]]),
        GasRow(names[1], routed, RISC_ZERO_GAS[names[1]]),
        GasRow("verify of a synthetic seal, router → estop → verifier", synthetic_routed, routed),
        GasRow(names[2], submit, RISC_ZERO_GAS[names[2]]),
        GasRow(names[3], cached, RISC_ZERO_GAS[names[3]]),
        GasRow(
            "the same, router → set verifier (no estop)", cached_no_estop, RISC_ZERO_GAS[names[3]]
        ),
        GasRow("the same, straight to the set verifier", cached_direct, None),
    ]


def _selector(version: str) -> bytes:
    return load_versions().by_version(version).selector
