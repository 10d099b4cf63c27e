"""Which TCP port a process listens on, read from the kernel (Linux).

The kernel answers for the machine's listening sockets alone through netlink's sock_diag, in
microseconds. ``/proc/net/tcp``, read where netlink is not allowed or does not answer, lists
every TCP socket of the machine (thousands while the tests run, most in TIME_WAIT) and costs
milliseconds a read. Both see the sockets of this process's network namespace: the process
asked about is one this process started (anvil), which shares it.
"""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Iterator
from pathlib import Path

_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLM_F_REQUEST_DUMP = 0x301
_NLMSG_ERROR = 2
_NLMSG_DONE = 3
_NLMSG_HEADER = struct.Struct("=IHHII")
#: The size of an inet_diag_msg, and how long the kernel may take to answer (seconds).
_DIAG_MESSAGE_SIZE = 72
_ANSWER_TIMEOUT_S = 1.0
#: An inet_diag_req_v2: family, protocol, no extensions, the states asked for, any socket id.
_DIAG_REQUEST = struct.Struct("=BBBxI48x")
#: Where an inet_diag_msg holds its socket's local port (big-endian) and its inode.
_PORT_OFFSET = 4
_INODE_OFFSET = 68
_TCP_LISTEN = 10
_TABLE_LISTEN = "0A"


def listening_port(pid: int) -> int | None:
    """The TCP (IPv4) port process ``pid`` listens on, if it listens on one yet."""
    try:
        sockets = _socket_inodes(pid)
        if not sockets:
            return None
        try:
            ports = _listening_by_netlink()
        except OSError:
            ports = _listening_by_table()
    except OSError:  # the process has ended, or neither source could be read
        return None
    return next((port for inode, port in ports.items() if inode in sockets), None)


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed while the folder was being read
            continue
        if target.startswith("socket:["):
            inodes.add(int(target.removeprefix("socket:[").removesuffix("]")))
    return inodes


def _listening_by_netlink() -> dict[int, int]:
    """Port by socket inode of every listening IPv4 TCP socket, from sock_diag."""
    request = _DIAG_REQUEST.pack(socket.AF_INET, socket.IPPROTO_TCP, 0, 1 << _TCP_LISTEN)
    header = _NLMSG_HEADER.pack(
        _NLMSG_HEADER.size + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST_DUMP, 1, 0
    )
    ports: dict[int, int] = {}
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as sock:
        sock.settimeout(_ANSWER_TIMEOUT_S)  # a timeout is an OSError: the table is read instead
        sock.sendto(header + request, (0, 0))
        for message in _diag_messages(sock):
            (port,) = struct.unpack_from(">H", message, _PORT_OFFSET)
            (inode,) = struct.unpack_from("=I", message, _INODE_OFFSET)
            ports[inode] = port
    return ports


def _diag_messages(sock: socket.socket) -> Iterator[bytes]:
    """The inet_diag_msg records of the kernel's answer, up to its end mark; OSError for an
    answer that refuses the request or is cut short."""
    while True:
        data = sock.recv(1 << 16)
        if not data:
            raise OSError("sock_diag answered nothing")
        offset = 0
        while offset < len(data):
            if offset + _NLMSG_HEADER.size > len(data):
                raise OSError("sock_diag answered a message cut short")
            length, kind, _flags, _seq, _pid = _NLMSG_HEADER.unpack_from(data, offset)
            if kind == _NLMSG_DONE:
                return
            if kind == _NLMSG_ERROR or length < _NLMSG_HEADER.size or offset + length > len(data):
                raise OSError("sock_diag refused the request or cut its answer short")
            if kind == _SOCK_DIAG_BY_FAMILY and length >= _NLMSG_HEADER.size + _DIAG_MESSAGE_SIZE:
                yield data[offset + _NLMSG_HEADER.size : offset + length]
            offset += (length + 3) & ~3


def _listening_by_table() -> dict[int, int]:
    """Port by socket inode of every listening IPv4 TCP socket, from ``/proc/net/tcp``."""
    ports = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == _TABLE_LISTEN:
            ports[int(fields[9])] = int(fields[1].rsplit(":", 1)[1], 16)
    return ports
