"""anvil's state files: a dump that is cut short, or torn between two blocks, is never loaded,
the last whole copy is; a whole one loads into the same chain. And anvils started side by side
each get a port of their own."""

from __future__ import annotations

import json
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from node_requests import rpc

from harness.chain.anvil import STATE_INTERVAL_S, AnvilProcess, StateFiles


def _anvil(state: StateFiles | None = None) -> AnvilProcess:
    # The test's transfers are sent from anvil's own dev accounts.
    return AnvilProcess(
        fork="prague",
        gas_limit=30_000_000,
        tx_gas_cap=False,
        chain_id=31337,
        state=state,
        dev_accounts=True,
    )


@pytest.fixture(scope="module")
def whole_dump(tmp_path_factory) -> Path:
    """A copy of a dump anvil wrote after three transfers (its periodic dump, once it lists
    all three: what anvil writes as it stops is not waited for)."""
    state = StateFiles.in_directory(tmp_path_factory.mktemp("chain"))
    anvil = _anvil(state)
    try:
        sender, receiver = rpc(anvil.url, "eth_accounts", [])[:2]
        for _ in range(3):
            rpc(
                anvil.url, "eth_sendTransaction", [{"from": sender, "to": receiver, "value": "0x1"}]
            )
        deadline = time.monotonic() + 10 * STATE_INTERVAL_S
        while time.monotonic() < deadline:
            try:
                text = state.dump.read_text()
                if len(json.loads(text)["transactions"]) == 3:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        else:
            raise AssertionError("anvil wrote no dump of its three transfers")
    finally:
        anvil.stop()
    copy = state.dump.with_name("whole-dump.json")
    copy.write_text(text)
    return copy


def _files(tmp_path: Path, dump_text: str) -> StateFiles:
    state = StateFiles.in_directory(tmp_path)
    state.load.write_text("previous copy")
    state.dump.write_text(dump_text)
    return state


def test_a_whole_dump_becomes_the_copy_to_load(whole_dump, tmp_path):
    state = _files(tmp_path, whole_dump.read_text())
    assert state.prepare() is None
    assert state.load.read_text() == whole_dump.read_text()


def test_a_dump_cut_short_is_not_loaded(whole_dump, tmp_path):
    text = whole_dump.read_text()
    state = _files(tmp_path, text[: len(text) // 2])
    warning = state.prepare()
    assert warning is not None and "is cut short" in warning and str(state.load) in warning
    assert state.load.read_text() == "previous copy"


def _torn(dump_text: str) -> str:
    """The dump as anvil writes it when a block is mined while it writes: the accounts already
    hold the block's transfer, the blocks do not."""
    state = json.loads(dump_text)
    sender = state["transactions"][0]["info"]["from"]
    account = next(a for address, a in state["accounts"].items() if address.lower() == sender)
    account["nonce"] = str(int(account["nonce"]) + 1)
    return json.dumps(state)


def test_a_dump_torn_between_two_blocks_is_not_loaded(whole_dump, tmp_path):
    state = _files(tmp_path, _torn(whole_dump.read_text()))
    warning = state.prepare()
    assert warning is not None and "is torn between two blocks" in warning
    assert "sent 4 transaction(s), its blocks hold 3" in warning and str(state.load) in warning
    assert state.load.read_text() == "previous copy"


def test_without_a_previous_copy_a_torn_dump_starts_a_new_chain(whole_dump, tmp_path):
    state = StateFiles.in_directory(tmp_path)
    state.dump.write_text(_torn(whole_dump.read_text()))
    warning = state.prepare()
    assert warning is not None and warning.endswith("starting from a new chain")
    assert not state.load.exists()


def test_a_dump_anvil_did_not_write_is_not_loaded(whole_dump, tmp_path):
    state = json.loads(whole_dump.read_text())
    next(iter(state["accounts"].values()))["nonce"] = "not a number"
    files = _files(tmp_path, json.dumps(state))
    warning = files.prepare()
    assert warning is not None and "is not one anvil wrote" in warning
    assert files.load.read_text() == "previous copy"


def test_a_consistent_dump_loads_into_the_same_chain(whole_dump, tmp_path):
    state = StateFiles.in_directory(tmp_path)
    shutil.copy(whole_dump, state.dump)
    assert state.prepare() is None
    anvil = _anvil(state)
    try:
        sender = rpc(anvil.url, "eth_accounts", [])[0]
        assert int(rpc(anvil.url, "eth_getTransactionCount", [sender, "latest"]), 16) == 3
    finally:
        anvil.stop()


def test_anvils_started_side_by_side_listen_on_ports_of_their_own():
    """Six anvils start at once, each from a thread of its own that asks its node for its chain
    id before stopping it (a child ends with the thread that started it)."""
    ready = threading.Barrier(6)

    def start_and_ask(chain_id: int) -> tuple[int, int]:
        ready.wait()
        anvil = AnvilProcess(
            fork="prague", gas_limit=30_000_000, tx_gas_cap=False, chain_id=chain_id
        )
        try:
            ready.wait()  # all six run at once
            return anvil.port, int(rpc(anvil.url, "eth_chainId", []), 16)
        finally:
            anvil.stop()

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(start_and_ask, range(1, 7)))
    assert len({port for port, _ in answers}) == 6
    assert [chain_id for _, chain_id in answers] == list(range(1, 7))
