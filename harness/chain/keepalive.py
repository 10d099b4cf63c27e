"""JSON-RPC to a node on this machine over one kept-alive HTTP connection.

``requests`` spends milliseconds on every request before it reaches the socket (proxy
settings read from the environment, header and cookie merging, a connection pool): more than
anvil takes to mine a transaction. A node the harness started on 127.0.0.1 needs none of it,
so :class:`KeepAliveProvider` posts each request on one kept-alive connection
(:class:`~harness.chain.http11.Http11Connection`, leaner than ``http.client``), opened again
whenever the node closed it. It keeps the transport policy of
:class:`~harness.chain.transport.RetryingHTTPProvider`: every request has a timeout, a fault
(refused or dropped connection, timeout, HTTP error status) is retried with backoff for the
methods that are safe to repeat, and a request that runs out of retries raises
:class:`~harness.chain.transport.NodeUnavailable` with the same one line.
"""

from __future__ import annotations

import json
import select
import time
from collections.abc import Callable
from http.client import HTTPException
from typing import Any
from urllib.parse import urlsplit

from web3._utils.encoding import Web3JsonEncoder
from web3.providers import JSONBaseProvider
from web3.types import RPCEndpoint, RPCResponse

from harness.chain.http11 import Http11Connection
from harness.chain.transport import (
    AnswersOrNot,
    HTTPStatusError,
    RpcPolicy,
    is_retried,
    not_json_rpc,
    unavailable,
)
from harness.common.errors import ChainError

#: Faults after which a request may be tried again on a new connection.
TRANSPORT_FAULTS = (OSError, HTTPException, HTTPStatusError)


class KeepAliveProvider(AnswersOrNot, JSONBaseProvider):
    """A web3 provider for the plain-HTTP JSON-RPC node at ``url``, one connection kept open.

    ``diagnose`` may add what the harness knows about why the node is gone (anvil exited).
    """

    def __init__(
        self,
        url: str,
        policy: RpcPolicy | None = None,
        *,
        diagnose: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__()
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ChainError(f"{url} is not an http:// URL of a node")
        self.endpoint_uri = url
        self.policy = policy or RpcPolicy.from_env()
        self._diagnose = diagnose
        self._host, self._port = parts.hostname, parts.port or 80
        self._path = parts.path or "/"
        self._connection: Http11Connection | None = None

    def make_request(self, method: RPCEndpoint, params: Any) -> RPCResponse:
        """Send one JSON-RPC request; a transport failure raises
        :class:`~harness.chain.transport.NodeUnavailable`."""
        request = {
            "jsonrpc": "2.0",
            "method": method,
            "params": params or [],
            "id": next(self.request_counter),
        }
        body = _json_body(request)
        tries = self.policy.retries + 1 if is_retried(method) else 1
        started = time.monotonic()
        for attempt in range(tries):
            try:
                answer = self._post(body)
                break
            except TRANSPORT_FAULTS as exc:
                self.close()
                if attempt == tries - 1:
                    raise unavailable(
                        self.endpoint_uri,
                        method,
                        exc,
                        time.monotonic() - started,
                        self.policy,
                        self._diagnose,
                    ) from None
                time.sleep(self.policy.backoff * 2**attempt)
        try:
            return json.loads(answer.decode())  # JSON-RPC over HTTP is UTF-8
        except ValueError as exc:  # the body was not JSON (or UTF-8): not a JSON-RPC node
            raise not_json_rpc(self.endpoint_uri, method, exc) from None

    def _post(self, body: bytes) -> bytes:
        answer = self._open().post(body)
        if answer.will_close:
            self.close()
        if answer.status >= 400:
            raise HTTPStatusError(answer.status, answer.reason)
        return answer.body

    def _open(self) -> Http11Connection:
        """The open connection, or a new one if there is none or the node closed it."""
        connection = self._connection
        if connection is not None and connection.sock is not None and _closed(connection):
            self.close()
            connection = None
        if connection is None:
            connection = Http11Connection(
                self._host, self._port, self._path, timeout=self.policy.timeout
            )
            self._connection = connection
        return connection

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _json_body(request: dict[str, Any]) -> bytes:
    """``request`` as JSON: by the standard encoder when it holds only JSON's own types (the
    harness's requests do), else with web3's encoder, which also takes bytes, ``HexBytes``
    and ``AttributeDict`` (the standard one refuses them, so both give the same text).

    A request whose parameters are all letters and digits (hex, such as a signed transaction
    with its blobs: some 270 kB on osaka) is written out directly, the same text the encoder
    gives: the encoder takes some 1.5 ms to check such a string for what to escape."""
    params = request["params"]
    if params and all(isinstance(p, str) and p.isascii() for p in params):
        encoded = [p.encode("ascii") for p in params]
        if all(p.isalnum() for p in encoded):
            version, method, number = (
                json.dumps(request[key]).encode() for key in ("jsonrpc", "method", "id")
            )
            joined = b'", "'.join(encoded)
            return b'{"jsonrpc": %s, "method": %s, "params": ["%s"], "id": %s}' % (
                version,
                method,
                joined,
                number,
            )
    try:
        text = json.dumps(request)
    except TypeError:
        text = json.dumps(request, cls=Web3JsonEncoder)
    return text.encode()


def _closed(connection: Http11Connection) -> bool:
    """Whether the node closed an idle connection: its socket reads (end of stream) at once."""
    readable, _, _ = select.select([connection.sock], [], [], 0)
    return bool(readable)
