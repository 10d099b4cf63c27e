"""One JSON-RPC request straight to a node, beside any connection the harness keeps to it."""

from __future__ import annotations

import json
import urllib.request


def rpc(url: str, method: str, params: list) -> object:
    """The result of ``method`` with ``params`` at the node at ``url``."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["result"]
