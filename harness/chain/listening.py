"""Which TCP port a process listens on, read from the kernel (Linux).

The kernel answers for the machine's listening sockets alone through netlink's sock_diag, in
microseconds. ``/proc/net/tcp``, read where netlink is not allowed, lists every TCP socket of
the machine (thousands while the tests run, most in TIME_WAIT) and costs milliseconds a read.
"""

from __future__ import annotations

import os
import socket
import struct
from pathlib import Path

_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLM_F_REQUEST_DUMP = 0x301
_NLMSG_ERROR = 2
_NLMSG_DONE = 3
_NLMSG_HEADER = struct.Struct("=IHHII")
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
    except OSError:  # the process has ended
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
        sock.sendto(header + request, (0, 0))
        while True:
            data = sock.recv(1 << 16)
            offset = 0
            while offset < len(data):
                length, kind, _flags, _seq, _pid = _NLMSG_HEADER.unpack_from(data, offset)
                if kind == _NLMSG_DONE:
                    return ports
                if kind == _NLMSG_ERROR or length < _NLMSG_HEADER.size:
                    raise OSError("the kernel refused the sock_diag request")
                body = offset + _NLMSG_HEADER.size
                (port,) = struct.unpack_from(">H", data, body + _PORT_OFFSET)
                (inode,) = struct.unpack_from("=I", data, body + _INODE_OFFSET)
                ports[inode] = port
                offset += (length + 3) & ~3


def _listening_by_table() -> dict[int, int]:
    """Port by socket inode of every listening IPv4 TCP socket, from ``/proc/net/tcp``."""
    ports = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == _TABLE_LISTEN:
            ports[int(fields[9])] = int(fields[1].rsplit(":", 1)[1], 16)
    return ports
