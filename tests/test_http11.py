"""The lean HTTP/1.1 exchange reads every form of answer a node may give, however the bytes
arrive, and names what is not HTTP; a request's body is the JSON encoder's text."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.client import HTTPException

import pytest

from harness.chain.http11 import Http11Connection
from harness.chain.keepalive import _json_body

BODY = b'{"jsonrpc":"2.0","id":1,"result":"0x1"}'
#: In the canned answers: the server closes the connection here.
CLOSE: list[bytes] = []


@pytest.fixture
def node() -> Iterator[tuple[int, list[list[bytes]], list[bytes]]]:
    """A server on 127.0.0.1 that answers each request with the next canned answer, sent in
    the pieces given, and closes the connection at :data:`CLOSE`; what it received is kept."""
    answers: list[list[bytes]] = []
    received: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                while answers and answers[0] is not CLOSE:
                    request = conn.recv(65536)
                    if not request:
                        break
                    received.append(request)
                    for piece in answers.pop(0):
                        conn.sendall(piece)
                if answers:
                    answers.pop(0)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], answers, received
    server.close()


def _connection(port: int) -> Http11Connection:
    return Http11Connection("127.0.0.1", port, "/", timeout=5)


def test_a_post_is_one_request_with_its_length_and_the_answer_is_read_in_pieces(node):
    port, answers, received = node
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    answers.append([head, b"Content-Length: %d\r\n\r\n" % len(BODY), BODY[:7], BODY[7:]])
    answers.append([head + b"content-length: %d\r\n\r\n" % len(BODY) + BODY])
    connection = _connection(port)
    for _ in range(2):
        answer = connection.post(b'{"x":1}')
        assert (answer.status, answer.body, answer.will_close) == (200, BODY, False)
    assert received[0] == (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
        b'Content-Length: 7\r\n\r\n{"x":1}' % port
    )
    connection.close()


def test_a_chunked_answer_is_joined(node):
    port, answers, _ = node
    answers.append(
        [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", b"7\r\n", BODY[:7], b"\r\n"]
        + [b"%x;ext=1\r\n%s\r\n" % (len(BODY) - 7, BODY[7:]), b"0\r\nX-Trailer: 1\r\n\r\n"]
    )
    assert _connection(port).post(b"{}").body == BODY


def test_an_answer_without_a_length_ends_with_the_connection(node):
    port, answers, _ = node
    answers.append([b"HTTP/1.0 503 Service Unavailable\r\n\r\n", b"busy"])
    answers.append(CLOSE)
    answer = _connection(port).post(b"{}")
    assert (answer.status, answer.reason, answer.body, answer.will_close) == (
        503,
        "Service Unavailable",
        b"busy",
        True,
    )


def test_a_connection_close_header_is_kept(node):
    port, answers, _ = node
    answers.append([b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"])
    assert _connection(port).post(b"{}").will_close


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (b"SSH-2.0-OpenSSH_9.6\r\n\r\n", HTTPException),
        (b"HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", HTTPException),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", HTTPException),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{}", ConnectionError),
    ],
)
def test_what_is_not_a_whole_http_answer_is_a_fault(node, answer, error):
    port, answers, _ = node
    answers.append([answer])
    answers.append(CLOSE)
    with pytest.raises(error):
        _connection(port).post(b"{}")


@pytest.mark.parametrize(
    "params",
    [
        ["0x" + "ab" * 70_000],
        ["0x1", "latest"],
        [],
        ['a"b'],
        ["0x1", 5],
        ["é"],
        [{"from": "0x1"}],
    ],
)
def test_a_request_body_is_the_text_the_json_encoder_gives(params):
    request = {"jsonrpc": "2.0", "method": "eth_call", "params": params, "id": 12}
    assert _json_body(request) == json.dumps(request).encode()
