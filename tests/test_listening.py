"""Which port a process listens on: netlink's answer, the socket table's, and no port yet."""

from __future__ import annotations

import os
import socket
import struct
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


class _Answers:
    """A netlink socket stand-in that hands out the given datagrams."""

    def __init__(self, *datagrams: bytes) -> None:
        self._datagrams = list(datagrams)

    def recv(self, _size: int) -> bytes:
        return self._datagrams.pop(0)


def _message(kind: int, body: bytes, length: int | None = None) -> bytes:
    return struct.pack("=IHHII", 16 + len(body) if length is None else length, kind, 0, 1, 0) + body


@pytest.mark.parametrize(
    "datagram",
    [
        b"",
        _message(20, bytes(72), length=200),  # a record longer than what came
        _message(2, bytes(20)),  # the kernel's error answer
        b"\x10\x00",  # a header cut short
    ],
)
def test_an_answer_refused_or_cut_short_is_an_os_error(datagram):
    with pytest.raises(OSError):
        list(listening._diag_messages(_Answers(datagram)))


def test_records_of_other_kinds_are_passed_over_up_to_the_end_mark():
    record = bytes(4) + (8545).to_bytes(2, "big") + bytes(66)
    answers = _Answers(_message(1, b"") + _message(20, record), _message(3, bytes(4)))
    assert list(listening._diag_messages(answers)) == [record]
