"""What a deploy printed: the chain, every recorded contract, the routes and the manifest path."""

from __future__ import annotations

from pathlib import Path

from harness.chain.base import ChainInfo
from harness.deploy.deployer import DeployResult


def deploy_summary(result: DeployResult, info: ChainInfo, path: Path) -> str:
    """Lines a person reads after a deploy; addresses only, never a key."""
    manifest = result.manifest
    lines = [
        f"chain     id {manifest.chain_id} ({info.client}), fork {info.fork}",
        f"deployer  {manifest.deployer}; sequencer {manifest.sequencer}; owner {manifest.owner}",
        f"rollup    genesis of seed {manifest.seed} (state root {manifest.genesis_state_root})",
        "",
    ]
    width = max(len(label) for label in manifest.contracts)
    for label, record in manifest.contracts.items():
        status = "deployed now" if label in result.deployed else "already on chain"
        lines.append(f"  {label:<{width}}  {record.address}  {status}")
    lines.append("")
    for route in manifest.routes:
        lines.append(f"  route {route.selector} → {route.estop} → {route.verifier}")
    if result.transactions:
        what = f"sent {result.transactions} transaction(s)"
        if result.resumed:
            what += " to finish the deploy the manifest recorded"
    else:
        what = "nothing to deploy: the manifest's contracts are all on chain"
    lines += ["", f"{what}; last block {manifest.block}", f"manifest  {path}"]
    return "\n".join(lines)
