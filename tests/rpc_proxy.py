"""A proxy on 127.0.0.1 in front of a JSON-RPC node, whose behaviour a test decides per request:
forward it, answer HTTP 503 without forwarding, forward it and answer 503 anyway (the node
acted, the answer was lost), or answer "method not found" as a node without the method does.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FORWARD, FAIL, LOSE_ANSWER, NO_METHOD = "forward", "fail", "lose-answer", "no-method"


class Proxy:
    """An HTTP proxy to a JSON-RPC node whose behaviour a test decides per request."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.decide: Callable[[str, int], str] = lambda method, number: FORWARD
        self.seen: Counter[str] = Counter()
        #: When the proxy first failed a request (monotonic clock), if it has.
        self.first_failure: float | None = None
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                request = json.loads(body)
                method = request.get("method", "?")
                with proxy.lock:
                    proxy.seen[method] += 1
                    action = proxy.decide(method, sum(proxy.seen.values()))
                    if action != FORWARD and proxy.first_failure is None:
                        proxy.first_failure = time.monotonic()
                if action == NO_METHOD:
                    error = {"code": -32601, "message": f"Method not found: {method}"}
                    answer = json.dumps(
                        {"jsonrpc": "2.0", "id": request.get("id"), "error": error}
                    ).encode()
                else:
                    answer = proxy.forward(body) if action != FAIL else b""
                if action in (FORWARD, NO_METHOD):
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                else:
                    self.send_error(503, "Service Unavailable")

            def log_message(self, *args: object) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Polled every 50 ms for a shutdown (the default half second is a test's idle wait).
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def forward(self, body: bytes) -> bytes:
        """The upstream node's answer to ``body``."""
        request = urllib.request.Request(
            self.upstream, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
