"""A local devnet: anvil on 127.0.0.1 with the stack and a rollup deployed, until it is stopped.

The deploy goes through the ``rpc`` backend, signing locally, exactly as against any other
node. It sends from the key in the given environment variable when that is set (the account
is funded on the devnet first), else from anvil's dev account 0, whose key comes from anvil's
published default mnemonic and is never printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eth_account import Account
from eth_account.signers.local import LocalAccount

from harness.chain.anvil import AnvilProcess
from harness.chain.backends import DEFAULT_BLOCK_GAS_LIMIT, open_chain
from harness.chain.base import Chain
from harness.common.errors import ChainError, UsageError
from harness.deploy.deployer import DeployRequest, DeployResult, deploy

#: anvil's default chain id and dev mnemonic (public test values: never hold real funds there).
DEVNET_CHAIN_ID = 31337
ANVIL_MNEMONIC = "test test test test test test test test test test test junk"
DEVNET_BALANCE_WEI = 10**24
#: Where the dev account's key is handed to the rpc backend, for the time it takes to connect.
_DEV_KEY_ENV = "ROLLUP_HARNESS_DEVNET_KEY"


def dev_account() -> LocalAccount:
    """anvil's dev account 0 (derived from :data:`ANVIL_MNEMONIC`)."""
    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(ANVIL_MNEMONIC)


@contextmanager
def _key_env(key_env: str) -> Iterator[str]:
    """``key_env`` if it is set, else a variable holding the dev key while the chain connects."""
    if os.environ.get(key_env):
        yield key_env
        return
    os.environ[_DEV_KEY_ENV] = dev_account().key.hex()
    try:
        yield _DEV_KEY_ENV
    finally:
        os.environ.pop(_DEV_KEY_ENV, None)


class Devnet:
    """A running devnet: the anvil process, a chain connected to it, and what was deployed."""

    def __init__(
        self, process: AnvilProcess, chain: Chain, result: DeployResult, manifest_path: Path
    ) -> None:
        self.process = process
        self.chain = chain
        self.result = result
        self.manifest_path = manifest_path

    @property
    def url(self) -> str:
        """The devnet's JSON-RPC URL (loopback)."""
        return self.process.url

    def wait(self, poll_seconds: float = 0.5) -> None:
        """Block while the devnet runs; raises if anvil stops on its own."""
        while True:
            time.sleep(poll_seconds)
            if not self.chain.w3.is_connected():
                raise ChainError(f"anvil stopped answering on {self.url}; the devnet is gone")

    def stop(self) -> None:
        """Stop anvil (idempotent)."""
        self.chain.close()
        self.process.stop()


def start_devnet(
    request: DeployRequest,
    manifest_path: Path,
    *,
    fork: str,
    key_env: str,
    chain_id: int = DEVNET_CHAIN_ID,
    port: int | None = None,
) -> Devnet:
    """Start anvil on loopback (on ``port``, else a free one) and deploy ``request`` to it,
    writing the manifest.

    The manifest must be new: a devnet is a fresh chain, so no earlier manifest describes it.
    """
    if manifest_path.exists():
        raise UsageError(
            f"{manifest_path} exists; a devnet is a fresh chain, so give a new manifest path"
        )
    process = AnvilProcess(
        fork=fork,
        gas_limit=DEFAULT_BLOCK_GAS_LIMIT,
        tx_gas_cap=fork == "osaka",
        chain_id=chain_id,
        port=port,
        dev_accounts=True,
    )
    try:
        with _key_env(key_env) as env:
            chain = open_chain("rpc", rpc_url=process.url, key_env=env, fork=fork)
        chain.w3.provider.make_request("anvil_setBalance", [chain.sender, hex(DEVNET_BALANCE_WEI)])
        return Devnet(process, chain, deploy(chain, request, manifest_path), manifest_path)
    except BaseException:
        process.stop()
        raise
