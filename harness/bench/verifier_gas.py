"""Mined gas of RISC Zero verification on this project's contracts, beside RISC Zero's own.

Every figure is the ``gasUsed`` of a mined transaction, sent the way the reference figures of
:mod:`harness.reports.published` were measured, so each row is like for like: ``verify``
straight to the Groth16 verifier and through router → estop → verifier, ``submitMerkleRoot``
on the set verifier, and an inclusion ``verify`` against a cached root through router → estop
→ set verifier and through router → set verifier, with the 4-byte seal and with the 164-byte
encoded empty seal. One row is read from call frames instead: the gas of the router and
emergency stop frames of the routed ``verify``, beside RISC Zero's routed less bare figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.chain.base import Chain
from harness.claims.request import ProofRequest
from harness.onchain.attribution import gas_breakdown
from harness.onchain.receipt_stack import deploy_for_receipts
from harness.onchain.stack import deploy_router
from harness.provers.sources import SyntheticSource
from harness.provers.verifiers import synthetic_params
from harness.reports.numbers import whole
from harness.reports.published import (
    BARE_TX_ANVIL,
    CACHED_INCLUSION_NO_ESTOP_ENCODED_SEAL_TX_ANVIL,
    CACHED_INCLUSION_NO_ESTOP_TX_ANVIL,
    CACHED_INCLUSION_TX_ANVIL,
    GROTH16_PATH_NOTE,
    ROUTED_TX_ANVIL,
    SUBMIT_ROOT_TX_ANVIL,
    routing_reference,
)
from harness.reports.wording import versus
from harness.risc0.digests import journal_digest
from harness.risc0.reference import reference_groth16, reference_set_inclusion
from harness.risc0.seal import SetInclusionSeal
from harness.toolchain.solc import project_artifacts


@dataclass(frozen=True)
class GasRow:
    """One measured figure, and RISC Zero's figure for the same thing where there is one."""

    what: str
    gas_used: int
    reference: int | None


def bench_verifier_gas(chain: Chain) -> list[GasRow]:
    """Measure the verification paths on ``chain`` with the shipped 3.0 and set-inclusion
    receipts."""
    real = reference_groth16()
    included = reference_set_inclusion()
    stack = deploy_for_receipts(chain, [real, included], artifacts=project_artifacts())
    stack.add_groth16(synthetic_params())
    args = (real.seal, real.image_id, real.journal_digest)
    bare = chain.transact(stack.verifiers[real.seal[:4]], "verify", *args).gas_used
    routed_tx = chain.transact(stack.router, "verify", *args)
    frames = gas_breakdown(stack, routed_tx).own_gas_by_role()
    routing = frames["router"] + frames["emergency stop"]

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
    encoded_empty = SetInclusionSeal(selector_only, ()).encode()
    cached = chain.transact(stack.router, "verify", selector_only, *inclusion_args).gas_used
    cached_direct = chain.transact(set_verifier, "verify", selector_only, *inclusion_args).gas_used
    bare_router = deploy_router(chain, stack.artifacts).router
    chain.transact(bare_router, "addVerifier", selector_only, set_verifier.address)
    no_estop = chain.transact(bare_router, "verify", selector_only, *inclusion_args).gas_used
    no_estop_encoded = chain.transact(bare_router, "verify", encoded_empty, *inclusion_args)
    return [
        GasRow("verify, straight to the Groth16 verifier", bare, BARE_TX_ANVIL.gas),
        GasRow(
            "verify, router → estop → Groth16 verifier", routed_tx.gas_used, ROUTED_TX_ANVIL.gas
        ),
        GasRow("  of which the router and estop frames (traced)", routing, routing_reference()),
        GasRow(
            "verify of a synthetic seal, router → estop → verifier",
            synthetic_routed,
            routed_tx.gas_used,
        ),
        GasRow("submitMerkleRoot (root seal via the router)", submit, SUBMIT_ROOT_TX_ANVIL.gas),
        GasRow(
            "inclusion verify, cached root, 4-byte seal, router → estop → set verifier",
            cached,
            CACHED_INCLUSION_TX_ANVIL.gas,
        ),
        GasRow(
            "the same, router → set verifier (no estop)",
            no_estop,
            CACHED_INCLUSION_NO_ESTOP_TX_ANVIL.gas,
        ),
        GasRow(
            f"the same, no estop, {len(encoded_empty)}-byte encoded empty seal",
            no_estop_encoded.gas_used,
            CACHED_INCLUSION_NO_ESTOP_ENCODED_SEAL_TX_ANVIL.gas,
        ),
        GasRow("the same, 4-byte seal, straight to the set verifier", cached_direct, None),
    ]


#: What the reference column holds, under the table.
_REFERENCE_NOTE = (
    "reference: RISC Zero's 3.0 contracts (solc 0.8.26, via-IR, 10,000 runs, cancun) on",
    "anvil prague, given as reference values ('replay --stack-artifacts DIR' measures a",
    "build of them); for the router and estop frames, their routed less bare verify; for",
    "the synthetic seal, the real 3.0 seal through the same path. Each difference is in",
    "percent of the row's reference.",
)


def render_verifier_gas(rows: list[GasRow], backend: str, fork: str) -> str:
    """What ``bench gas`` prints: each row's gas beside its reference, the difference in
    percent of that reference, and what the references are."""
    table = [("transaction", "ours", "reference", "difference")] + [
        (
            row.what,
            whole(row.gas_used),
            "-" if row.reference is None else whole(row.reference),
            "" if row.reference is None else versus(row.gas_used, row.reference, "reference"),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    lines = [f"verification gas on {backend}, fork {fork} (mined txs)"]
    for what, ours, ref, diff in table:
        cells = f"{ours:>{widths[1]}}  {ref:>{widths[2]}}  {diff:>{widths[3]}}"
        lines.append(f"  {what:<{widths[0]}}  {cells}".rstrip())
    lines += [f"  {line}" for line in (*_REFERENCE_NOTE, f"Note: {GROTH16_PATH_NOTE}.")]
    return "\n".join(lines)
