"""Check that a manifest describes the chain it is used with: chain id and code at every address."""

from __future__ import annotations

from pathlib import Path

from eth_utils import keccak

from harness.chain.base import Chain
from harness.common.errors import ChainError, UsageError
from harness.deploy.manifest import Manifest


def code_hash(chain: Chain, address: str) -> str:
    """Keccak-256 of the runtime code at ``address``, as 0x-hex."""
    return "0x" + keccak(chain.code_at(address)).hex()


def check_manifest_chain(chain: Chain, manifest: Manifest, origin: Path) -> None:
    """Refuse a manifest of another chain, or one whose contracts are not on this chain."""
    if manifest.chain_id != chain.info.chain_id:
        raise UsageError(
            f"{origin} is for chain id {manifest.chain_id}, but this node is chain id "
            f"{chain.info.chain_id}; pass the manifest of this chain"
        )
    for label, record in manifest.contracts.items():
        if code_hash(chain, record.address) != record.code_hash:
            raise ChainError(
                f"the code at {record.address} is not the {label} that {origin} records "
                "(was the chain reset?); pass another manifest"
            )
