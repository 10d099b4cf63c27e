"""One HTTP/1.1 connection that posts a body and reads the answer, and nothing else.

``http.client`` builds each request from a list of header lines sent apart from the body, and
reads each answer line by line through a buffered file and the ``email`` package's header
parser: some 200 µs a request on a 2-core machine, where anvil mines a transaction in 1 to 3
ms. A JSON-RPC post to a node on this machine needs one ``sendall`` of a header prepared once
and the body, and an answer read whole: its status line, its ``Content-Length`` (or chunked
transfer encoding, or the connection closing) and its body.

Faults are those of the socket (``OSError``: refused, reset, timed out) and
:class:`http.client.HTTPException` for an answer that is not HTTP.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from http.client import HTTPException, RemoteDisconnected

#: How many bytes one read asks the socket for.
READ_SIZE = 65536
HEADER_END = b"\r\n\r\n"


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: its status, reason and body, and whether the node closes the
    connection after it."""

    status: int
    reason: str
    body: bytes
    will_close: bool


class Http11Connection:
    """A kept-alive connection to ``host``:``port`` that posts JSON to ``path``; it connects
    on its first post, and can be used for no other after a fault (close it and open another)."""

    def __init__(self, host: str, port: int, path: str, timeout: float) -> None:
        self._address = (host, port)
        self._timeout = timeout
        self._head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: "
        ).encode("ascii")
        self.sock: socket.socket | None = None
        self._pending = b""

    def post(self, body: bytes) -> Answer:
        """Post ``body`` and read the whole answer."""
        if self.sock is None:
            self.sock = socket.create_connection(self._address, self._timeout)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._pending = b""
        self.sock.sendall(b"%s%d\r\n\r\n%s" % (self._head, len(body), body))
        head = self._read_until(HEADER_END)
        status_line, *lines = head.decode("latin-1").split("\r\n")
        version, _, rest = status_line.partition(" ")
        code, _, reason = rest.partition(" ")
        if not version.startswith("HTTP/") or not code.isdigit():
            raise HTTPException(f"not an HTTP answer: {status_line[:80]!r}")
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        will_close = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = self._read_chunked()
        elif "content-length" in headers:
            length = headers["content-length"]
            if not length.isdigit():
                raise HTTPException(f"a Content-Length that is not a number: {length!r}")
            body = self._read_exactly(int(length))
        else:
            body, will_close = self._read_to_end(), True
        return Answer(int(code), reason.strip(), body, will_close)

    def close(self) -> None:
        """Close the connection."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    # -- reading -----------------------------------------------------------------------------
    def _receive(self) -> bytes:
        assert self.sock is not None
        data = self.sock.recv(READ_SIZE)
        if not data:
            raise RemoteDisconnected("the node closed the connection before its answer ended")
        return data

    def _read_until(self, marker: bytes) -> bytes:
        """The bytes up to ``marker`` (which is consumed too)."""
        while (end := self._pending.find(marker)) < 0:
            self._pending += self._receive()
        found, self._pending = self._pending[:end], self._pending[end + len(marker) :]
        return found

    def _read_exactly(self, size: int) -> bytes:
        parts, held = [self._pending], len(self._pending)
        while held < size:
            parts.append(self._receive())
            held += len(parts[-1])
        data = b"".join(parts)
        self._pending = data[size:]
        return data[:size]

    def _read_chunked(self) -> bytes:
        parts = []
        while True:
            size_line = self._read_until(b"\r\n").split(b";")[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise HTTPException(f"a chunk size that is not hex: {size_line[:20]!r}") from None
            if size == 0:
                while self._read_until(b"\r\n"):  # trailer lines, then the empty line
                    pass
                return b"".join(parts)
            parts.append(self._read_exactly(size))
            self._read_exactly(2)

    def _read_to_end(self) -> bytes:
        assert self.sock is not None
        parts = [self._pending]
        while data := self.sock.recv(READ_SIZE):
            parts.append(data)
        self._pending = b""
        return b"".join(parts)
