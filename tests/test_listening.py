"""Which port a process listens on: netlink's answer, the socket table's, and no port yet."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from harness.chain import listening
from harness.chain.listening import listening_port


@pytest.fixture
def listener():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock


def test_the_port_a_process_listens_on_is_found(listener):
    assert listening_port(os.getpid()) == listener.getsockname()[1]


def test_netlink_and_the_socket_table_agree(listener):
    inode = os.fstat(listener.fileno()).st_ino
    port = listener.getsockname()[1]
    assert listening._listening_by_netlink()[inode] == port
    assert listening._listening_by_table()[inode] == port


def test_the_table_answers_where_netlink_is_refused(listener, monkeypatch):
    def refused() -> dict[int, int]:
        raise PermissionError("netlink is not allowed here")

    monkeypatch.setattr(listening, "_listening_by_netlink", refused)
    assert listening_port(os.getpid()) == listener.getsockname()[1]


def test_a_process_without_a_listening_socket_has_no_port():
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert listening_port(sleeper.pid) is None
    finally:
        sleeper.kill()
        sleeper.wait()
    assert listening_port(sleeper.pid) is None  # ended: no /proc entry
