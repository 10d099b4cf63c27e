"""Attach to the contracts a manifest records, for a run on a deployed chain.

The result is the ``deployed=`` argument of :func:`harness.scenario.run.run_scenario`: the
verifier stack (router, verifiers and stops by selector, set verifier) and the rollup, driven by
its target's adapter.
"""

from __future__ import annotations

from pathlib import Path

from web3.contract import Contract

from harness.chain.base import Chain
from harness.common.errors import UsageError
from harness.common.hexcodec import from_hex
from harness.deploy.codecheck import check_manifest_chain
from harness.deploy.manifest import Manifest, read_manifest
from harness.onchain.adapter import OnChain
from harness.onchain.stack import ESTOP, ROUTER, SET_VERIFIER, VerifierStack
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.toolchain.solc import Artifact, project_artifacts


def load_manifest(path: Path) -> Manifest:
    """The complete manifest at ``path`` (a missing or unfinished one is a usage error)."""
    manifest = read_manifest(path)
    if manifest is None:
        raise UsageError(f"no deploy manifest at {path}; write one with 'rollup-harness deploy'")
    if not manifest.complete:
        raise UsageError(f"the deploy recorded in {path} did not finish; run deploy again")
    return manifest


def _set_builder_image_id(manifest: Manifest, label: str, origin: Path) -> bytes:
    """The set-builder image id a set verifier was deployed with (its second argument)."""
    args = manifest.contracts[label].constructor_args
    try:
        return from_hex(args[1] if len(args) > 1 else None, 32)
    except ValueError as exc:
        raise UsageError(f"{origin}: {label} has no set-builder image id ({exc})") from None


def attach(
    chain: Chain,
    manifest: Manifest,
    origin: Path,
    *,
    seed: int | None = None,
    selector: bytes | None = None,
    artifacts: dict[str, Artifact] | None = None,
    target: RollupTarget = HARNESS_TARGET,
    da: str = "calldata",
) -> OnChain:
    """The stack and rollup ``manifest`` records, checked against ``chain``.

    The chain must be the manifest's, with the recorded code at every address, and the
    sender must be the rollup's sequencer; the rollup commits in mode ``da``. With ``seed``
    the rollup must have been deployed for that workload seed; with ``selector`` the router
    must route it (the prover's seals).
    """
    check_manifest_chain(chain, manifest, origin)
    if manifest.sequencer != chain.sender:
        raise UsageError(
            f"the rollup in {origin} takes batches from its sequencer {manifest.sequencer}, "
            f"but this run sends from {chain.sender}; use the sequencer's key"
        )
    if seed is not None and seed != manifest.seed:
        raise UsageError(
            f"the rollup in {origin} starts from the genesis of seed {manifest.seed}; "
            f"run with seed {manifest.seed}"
        )
    routed = {bytes.fromhex(route.selector[2:]) for route in manifest.routes}
    if selector is not None and selector not in routed:
        listed = ", ".join(route.selector for route in manifest.routes)
        raise UsageError(
            f"{origin} routes no verifier for seals with selector 0x{selector.hex()} "
            f"(it routes {listed}); deploy that verifier too, or pick another prover"
        )
    artifacts = artifacts or project_artifacts()

    def contract(label: str) -> Contract:
        record = manifest.contracts[label]
        if record.contract not in artifacts:
            raise UsageError(f"{origin}: {label} is a {record.contract}, not a project contract")
        return chain.contract_at(artifacts[record.contract], record.address)

    stack = VerifierStack(chain, artifacts, contract(manifest.contract(ROUTER)[0]))
    for route in manifest.routes:
        selector_bytes = bytes.fromhex(route.selector[2:])
        verifier = contract(route.verifier)
        stack.verifiers[selector_bytes] = verifier
        stack.estops[selector_bytes] = contract(route.estop)
        if manifest.contracts[route.estop].contract != ESTOP:
            raise UsageError(f"{origin}: route {route.selector} does not go to an emergency stop")
        if manifest.contracts[route.verifier].contract == SET_VERIFIER:
            stack.set_verifiers[_set_builder_image_id(manifest, route.verifier, origin)] = verifier
    return target.attach(stack, manifest.contract(target.contract)[1].address, da=da)
