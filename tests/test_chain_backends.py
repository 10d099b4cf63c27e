"""The chain backends agree on gas and on errors, and anvil never outlives the harness."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import ckzg
import pytest
from processes import interruptible
from py_ecc.optimized_bn128 import G1, G2, neg, normalize

from harness.chain.anvil import AnvilProcess, StateFiles
from harness.chain.backends import open_chain
from harness.chain.base import Reverted
from harness.common.errors import ChainError
from harness.ethereum.blobs import trusted_setup, trusted_setup_path
from harness.toolchain.solc import compile_sources

VIEW_PROBE = Path(__file__).parent / "contracts" / "ViewProbe.sol"


def _g1(point) -> bytes:
    x, y = normalize(point)
    return int(x).to_bytes(32, "big") + int(y).to_bytes(32, "big")


def _g2(point) -> bytes:
    x, y = normalize(point)
    words = (x.coeffs[1], x.coeffs[0], y.coeffs[1], y.coeffs[0])
    return b"".join(int(w).to_bytes(32, "big") for w in words)


#: Four pairs whose pairing product is 1: e(P,Q)·e(−P,Q)·e(P,Q)·e(−P,Q).
BALANCED_PAIRS = (_g1(G1) + _g2(G2) + _g1(neg(G1)) + _g2(G2)) * 2


def _probe_gas(chain, artifact) -> tuple[int, int, bool]:
    deployed = chain.deploy(artifact, 7)
    tx = chain.transact(deployed.contract, "heavy", BALANCED_PAIRS, b"\xff" * 1000)
    receipt = chain.w3.eth.get_transaction_receipt(tx.tx_hash)
    event = deployed.contract.events.Probed().process_receipt(receipt)[0]
    return deployed.tx.gas_used, tx.gas_used, event["args"]["paired"]


def test_gas_used_is_identical_on_eth_tester_and_anvil(chain_factory, probe_artifact):
    on_tester = _probe_gas(chain_factory("eth-tester", fork="prague"), probe_artifact)
    on_anvil = _probe_gas(chain_factory("anvil", fork="prague"), probe_artifact)
    assert on_tester[2] and on_anvil[2], "the pairing check must succeed on both"
    assert on_tester == on_anvil


def test_gas_used_matches_the_mined_receipt(chain_factory, probe_artifact):
    chain = chain_factory("anvil")
    deployed = chain.deploy(probe_artifact, 1)
    assert (
        deployed.tx.gas_used == chain.w3.eth.get_transaction_receipt(deployed.tx.tx_hash)["gasUsed"]
    )


@pytest.mark.parametrize("backend", ["eth-tester", "anvil"])
def test_custom_error_is_decoded_with_name_and_arguments(chain_factory, probe_artifact, backend):
    chain = chain_factory(backend)
    contract = chain.deploy(probe_artifact, 12).contract
    with pytest.raises(Reverted) as in_call:
        chain.call(contract, "need", 100)
    with pytest.raises(Reverted) as in_tx:
        chain.transact(contract, "need", 100)
    for raised in (in_call.value, in_tx.value):
        assert (raised.error.name, raised.error.args) == ("Insufficient", (12, 100))
    assert in_tx.value.tx is not None and in_tx.value.tx.status == 0


def test_a_gas_limit_below_the_calldata_floor_is_refused_before_sending(chain_factory):
    chain = chain_factory("anvil")
    with pytest.raises(Exception, match="EIP-7623 floor"):
        chain.send(chain.sender, b"\xff" * 10_000, gas=200_000)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead for our purposes
        return stat.read().split(")")[-1].split()[0] != "Z"


def _wait_dead(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_closing_the_chain_stops_anvil(chain_factory):
    chain = chain_factory("anvil")
    pid = chain.node_pid
    chain.close()
    assert _wait_dead(pid)


def _balance_at_block_1(chain) -> dict:
    for _ in range(10):
        chain.w3.provider.make_request("evm_mine", [])
    return chain.w3.provider.make_request("eth_getBalance", [chain.sender, "0x1"])


def test_a_harness_anvil_keeps_no_past_state_unless_it_keeps_state_files(tmp_path):
    """A chain without state files answers for its latest few blocks only (anvil's history
    of states makes every block costlier as the chain grows); one kept for a resume answers
    for its older blocks too."""
    with open_chain("anvil") as chain:
        assert "BlockOutOfRange" in _balance_at_block_1(chain)["error"]["message"]
    state = StateFiles(load=tmp_path / "state.json", dump=tmp_path / "dump.json")
    with open_chain("anvil", anvil_state=state) as chain:
        assert int(_balance_at_block_1(chain)["result"], 16) > 0


#: A process holding an anvil node started as ``open_chain`` starts it (what ends the node,
#: an exit handler and the parent-death signal, is ``AnvilProcess``'s own), without importing
#: the chain's libraries (web3: some 1.5 s of CPU per start).
HOLDER = (
    "import time\n"
    "from harness.chain.anvil import AnvilProcess\n"
    "node = AnvilProcess(fork='prague', gas_limit=30_000_000, tx_gas_cap=False, chain_id=1)\n"
    "print(node.pid, flush=True)\n"
    "time.sleep(60)\n"
)


@pytest.mark.slow
@pytest.mark.alone
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_anvil_does_not_outlive_an_interrupted_harness(sig):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, preexec_fn=interruptible
    )
    try:
        anvil_pid = int(holder.stdout.readline())
        assert _pid_alive(anvil_pid)
        holder.send_signal(sig)
        holder.wait(timeout=10)
        assert _wait_dead(anvil_pid), f"anvil survived {sig.name}"
    finally:
        holder.kill()
        holder.wait()


def test_a_failing_anvil_start_reports_anvils_own_error():
    with pytest.raises(ChainError, match="anvil exited at start: .*no-such-fork"):
        AnvilProcess(fork="no-such-fork", gas_limit=30_000_000, tx_gas_cap=False, chain_id=1)


VIEWS = ("big", "negative", "word", "selector", "caller", "yes", "text", "blob", "pair")


def test_a_call_answers_what_web3s_call_answers(chain_factory):
    chain = chain_factory("anvil")
    contract = chain.deploy(compile_sources([VIEW_PROBE])["ViewProbe"]).contract
    for fn in VIEWS:
        assert chain.call(contract, fn) == contract.functions[fn]().call({"from": chain.sender}), fn
    assert chain.call(contract, "caller") == chain.sender
    with pytest.raises(Reverted) as refused:
        chain.call(contract, "refuse", 7)
    assert (refused.value.error.name, refused.value.error.args) == ("Refused", (7,))


def test_a_call_to_an_address_without_code_is_an_error_naming_the_function(chain_factory):
    chain = chain_factory("anvil")
    artifact = compile_sources([VIEW_PROBE])["ViewProbe"]
    nothing = chain.contract_at(artifact, "0x000000000000000000000000000000000000dEaD")
    with pytest.raises(ChainError, match=r"^call to big failed: .*0 bytes, not an ABI-encoded"):
        chain.call(nothing, "big")


@pytest.mark.ethtester
def test_py_evm_opens_blobs_with_the_setup_this_process_loaded(tmp_path, monkeypatch):
    """py-evm would load the KZG trusted setup afresh for each point evaluation (seconds
    each); an eth-tester chain hands it the process's own, and another file's once."""
    from eth.precompiles import point_evaluation

    own = trusted_setup()  # loaded for real before any load is counted
    loads = []
    monkeypatch.setattr(ckzg, "load_trusted_setup", lambda *args: loads.append(args) or object())
    with open_chain("eth-tester", fork="prague"):
        ask = point_evaluation.load_trusted_setup
        assert ask(point_evaluation.TRUSTED_SETUP_PATH, 0) is own
        other = tmp_path / "setup.txt"
        other.write_text(trusted_setup_path().read_text() + "\n")
        loaded = ask(str(other), 0)
        assert loaded is not own and ask(str(other), 0) is loaded
    assert loads == [(str(other), 0)]
