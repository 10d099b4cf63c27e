"""Build a :class:`~harness.chain.base.Chain` for a backend name: eth-tester, anvil, rpc or auto."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3 import EthereumTesterProvider, Web3
from web3.middleware import SignAndSendRawMiddlewareBuilder

from harness.chain import py_evm_precompiles
from harness.chain.anvil import AnvilProcess, StateFiles, anvil_binary
from harness.chain.base import Chain, ChainInfo, Replayer, Snapshots
from harness.chain.direct import NodeRpc
from harness.chain.frames import py_evm_tracer
from harness.chain.keepalive import KeepAliveProvider
from harness.chain.selection import DEFAULT_FORK, check_forks, check_rpc_url, resolve_backend
from harness.chain.transport import NodeUnavailable, RetryingHTTPProvider
from harness.common.errors import ChainError, UsageError

DEFAULT_BLOCK_GAS_LIMIT = 60_000_000
#: The local backends share eth-tester's chain id and its first accounts (private keys 1, 2, …),
#: so one scenario sends byte-identical transactions, and deploys to identical addresses, on both.
LOCAL_CHAIN_ID = 131277322940537
#: Their keys sign the transactions a node cannot sign for them: those with blobs.
LOCAL_KEYS = tuple(Account.from_key(k.to_bytes(32, "big")) for k in range(1, 5))
LOCAL_ACCOUNTS = tuple(key.address for key in LOCAL_KEYS)
LOCAL_BALANCE_WEI = 10**24
DEFAULT_KEY_ENV = "ROLLUP_HARNESS_PRIVATE_KEY"


def open_chain(
    backend: str = "auto",
    *,
    fork: str = DEFAULT_FORK,
    block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT,
    rpc_url: str | None = None,
    key_env: str = DEFAULT_KEY_ENV,
    keystore: Path | None = None,
    receipt_timeout: float | None = None,
    anvil_state: StateFiles | None = None,
) -> Chain:
    """Connect to (or start) the chain named by ``backend``; close it when done.

    ``receipt_timeout`` defaults to ``ROLLUP_HARNESS_RECEIPT_TIMEOUT`` (else 120 s); with
    ``anvil_state`` a harness-started anvil keeps its chain in those files.
    """
    name = resolve_backend(backend, rpc_url)
    if name == "eth-tester":
        return eth_tester_chain(fork, block_gas_limit)
    if name == "anvil":
        return anvil_chain(fork, block_gas_limit, state=anvil_state)
    return rpc_chain(
        _given_url(rpc_url),
        fork=fork,
        key_env=key_env,
        keystore=keystore,
        receipt_timeout=receipt_timeout,
    )


def _given_url(rpc_url: str | None) -> str:
    if rpc_url is None:
        raise UsageError("the rpc backend needs rpc_url, the node's JSON-RPC URL")
    return rpc_url


def eth_tester_chain(
    fork: str = DEFAULT_FORK, block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT
) -> Chain:
    """An in-process py-evm chain on ``fork`` with the given block gas limit."""
    check_forks("eth-tester", (fork,))
    from eth.vm.forks import CancunVM, PragueVM
    from eth_tester import EthereumTester, PyEVMBackend

    py_evm_precompiles.install()
    vm = {"cancun": CancunVM, "prague": PragueVM}[fork]
    genesis = PyEVMBackend.generate_genesis_params(overrides={"gas_limit": block_gas_limit})
    backend = PyEVMBackend(genesis_parameters=genesis, vm_configuration=((0, vm),))
    tester = EthereumTester(backend)
    w3 = Web3(EthereumTesterProvider(tester))
    info = ChainInfo("eth-tester", fork, w3.eth.chain_id, block_gas_limit, _py_evm_version())
    if info.chain_id != LOCAL_CHAIN_ID or tuple(w3.eth.accounts[:4]) != LOCAL_ACCOUNTS:
        raise ChainError("eth-tester's chain id or accounts changed; update LOCAL_CHAIN_ID")
    return Chain(
        w3,
        info,
        LOCAL_ACCOUNTS[0],
        LOCAL_ACCOUNTS,
        snapshots=_tester_snapshots(tester),
        tracer=py_evm_tracer(tester),
        keys=LOCAL_KEYS,
        # py-evm executes a blob transaction without its sidecar, which eth-tester would
        # otherwise check at seconds per blob and then drop.
        blob_sidecars=False,
        replay_blob_tx=_tester_replayer(tester),
    )


def _tester_snapshots(tester: Any) -> Snapshots:
    """eth-tester's own snapshots (it has no ``evm_snapshot`` method)."""

    from eth_tester.exceptions import SnapshotNotFound

    def restore(snapshot: object) -> bool:
        try:
            tester.revert_to_snapshot(snapshot)
        except SnapshotNotFound:
            return False
        return True

    return Snapshots(take=tester.take_snapshot, restore=restore)


def _tester_replayer(tester: Any) -> Replayer:
    """Run a mined transaction again in py-evm on the state before its block (eth-tester's
    ``eth_call`` takes no blob hashes); returns its revert data, None if it succeeds."""

    def replay(tx_hash: str, block: int) -> bytes | None:
        chain = tester.backend.chain  # looked up each time: a snapshot revert replaces it
        tx = chain.get_canonical_transaction(bytes.fromhex(tx_hash[2:]))
        state = chain.get_vm(chain.get_canonical_block_header_by_number(block - 1)).state
        snapshot = state.snapshot()
        try:
            computation = state.apply_transaction(tx)
        finally:
            state.revert(snapshot)
        if not computation.is_error:
            return None
        reason = computation.error.args[0] if computation.error.args else b""
        return reason if isinstance(reason, bytes) else None

    return replay


def _py_evm_version() -> str:
    from importlib.metadata import version

    return f"py-evm {version('py-evm')}"


def anvil_chain(
    fork: str = DEFAULT_FORK,
    block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT,
    *,
    state: StateFiles | None = None,
) -> Chain:
    """Start anvil on a free loopback port; the chain's close stops it.

    On ``osaka`` the EIP-7825 per-transaction gas cap is enforced (``--enable-tx-gas-limit``).
    Without ``state`` anvil keeps the states of its latest few blocks only (see
    :class:`AnvilProcess`).
    With ``state`` the chain is loaded from, and kept in, those files; the senders are funded
    and impersonated again either way.
    """
    check_forks("anvil", (fork,))
    anvil_binary()
    warning = state.prepare() if state is not None else None
    process = AnvilProcess(
        fork=fork,
        gas_limit=block_gas_limit,
        tx_gas_cap=fork == "osaka",
        chain_id=LOCAL_CHAIN_ID,
        state=state,
        # The harness reads a chain at its latest block only; a chain kept for a resume keeps
        # anvil's defaults, with which its state files were written and are checked.
        prune_history=state is None,
    )
    try:
        chain = anvil_node_chain(
            process.url,
            fork,
            block_gas_limit,
            diagnose=process.exit_description,
            on_close=process.stop,
            persistent=state is not None,
            notes=(warning,) if warning else (),
            node_pid=process.pid,
        )
    except Exception:
        process.stop()
        raise
    return chain


def anvil_node_chain(
    url: str,
    fork: str,
    block_gas_limit: int,
    *,
    diagnose: Callable[[], str | None] | None = None,
    on_close: Callable[[], None] | None = None,
    **chain_options: Any,
) -> Chain:
    """A chain on the anvil node at ``url`` (on this machine): the local accounts are funded
    and impersonated, so the node signs their transactions, which go to it as plain JSON-RPC
    (:class:`~harness.chain.direct.NodeRpc`) over one kept-alive connection. Closing the
    chain closes the connection, then calls ``on_close``; ``chain_options`` go to
    :class:`~harness.chain.base.Chain`."""
    provider = KeepAliveProvider(url, diagnose=diagnose)

    def close() -> None:
        provider.close()
        if on_close is not None:
            on_close()

    try:
        w3 = Web3(provider)
        for account in LOCAL_ACCOUNTS:
            w3.provider.make_request("anvil_setBalance", [account, hex(LOCAL_BALANCE_WEI)])
            w3.provider.make_request("anvil_impersonateAccount", [account])
        info = ChainInfo("anvil", fork, w3.eth.chain_id, block_gas_limit, w3.client_version)
    except Exception:
        provider.close()
        raise
    return Chain(
        w3,
        info,
        LOCAL_ACCOUNTS[0],
        LOCAL_ACCOUNTS,
        on_close=close,
        url=url,
        direct=NodeRpc(provider),
        keys=LOCAL_KEYS,
        **chain_options,
    )


def load_account(key_env: str, keystore: Path | None) -> LocalAccount:
    """The sender's key: from a keystore file (password in ``<key_env>_PASSWORD``) or an env var.

    The key is never printed; errors name only the variable or file.
    """
    if keystore is not None:
        password = os.environ.get(f"{key_env}_PASSWORD")
        if password is None:
            raise UsageError(f"set {key_env}_PASSWORD to the password of keystore {keystore}")
        try:
            key = Account.decrypt(keystore.read_text(), password)
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot open keystore {keystore}: {type(exc).__name__}") from None
        return Account.from_key(key)
    value = os.environ.get(key_env)
    if not value:
        raise UsageError(f"environment variable {key_env} (the sender's private key) is not set")
    try:
        return Account.from_key(value.strip())
    except (ValueError, TypeError):
        raise UsageError(
            f"environment variable {key_env} does not hold a valid private key"
        ) from None


def _rpc_connection(url: str, fork: str) -> tuple[Web3, ChainInfo]:
    """A connection to the node at ``url``, and what it is; no key needed."""
    check_rpc_url(url)
    check_forks("rpc", (fork,))
    w3 = Web3(RetryingHTTPProvider(url))
    try:
        chain_id = w3.eth.chain_id
        block_gas_limit = w3.eth.get_block("latest")["gasLimit"]
        client = w3.client_version
    except NodeUnavailable as exc:
        raise NodeUnavailable(f"no JSON-RPC node answers at {url} ({exc.fault})") from None
    except Exception as exc:  # noqa: BLE001 - whatever else answered is not a node
        raise ChainError(f"no JSON-RPC node answers at {url} ({type(exc).__name__})") from None
    return w3, ChainInfo("rpc", fork, chain_id, block_gas_limit, client)


def rpc_chain(
    url: str,
    *,
    fork: str = DEFAULT_FORK,
    key_env: str = DEFAULT_KEY_ENV,
    keystore: Path | None = None,
    receipt_timeout: float | None = None,
) -> Chain:
    """Connect to a JSON-RPC node; transactions are signed locally with the configured key."""
    account = load_account(key_env, keystore)
    w3, info = _rpc_connection(url, fork)
    w3.middleware_onion.inject(SignAndSendRawMiddlewareBuilder.build(account), layer=0)
    return Chain(
        w3,
        info,
        account.address,
        (account.address,),
        receipt_timeout=receipt_timeout,
        persistent=True,
        url=url,
        keys=(account,),
    )


def describe_backend(
    backend: str, *, fork: str = DEFAULT_FORK, rpc_url: str | None = None
) -> ChainInfo:
    """What ``backend`` runs on: a local one is started and stopped again; an rpc node is only
    asked (no key needed)."""
    if resolve_backend(backend, rpc_url) != "rpc":
        with open_chain(backend, fork=fork) as chain:
            return chain.info
    return _rpc_connection(_given_url(rpc_url), fork)[1]
