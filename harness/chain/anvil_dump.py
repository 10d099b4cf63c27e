"""Whether a state file anvil wrote holds one moment of its chain.

anvil writes its state file (on SIGTERM, and every few seconds) without stopping the miner: it
reads its blocks and transactions first and its accounts after. A block mined in between leaves
a file whose accounts already hold that block's transactions while its blocks lack them. Loaded,
such a chain has the effects of transactions no block or receipt records, and a resumed run
would send them again onto state that already has them.
"""

from __future__ import annotations

from typing import Any


def unfit_to_load(state: Any) -> str | None:
    """Why a parsed state file cannot be loaded as it is (worded to follow "the file"), or
    None: not the shape anvil writes, or torn between two blocks."""
    try:
        torn = torn_between_blocks(state)
    except (KeyError, TypeError, AttributeError, ValueError):
        return "is not one anvil wrote"
    return torn and f"is torn between two blocks: {torn}"


def torn_between_blocks(state: dict[str, Any]) -> str | None:
    """What makes ``state`` (a parsed anvil state file) inconsistent, or None if it is not.

    Every account without code must have sent exactly the transactions the file's blocks hold
    (its nonce counts them), and no transaction may sit in a block past the file's best block.
    """
    best = int(state.get("best_block_number") or 0)
    nonces: dict[str, set[int]] = {}
    for tx in state.get("transactions") or []:
        info = tx["info"]
        if int(tx["block_number"]) > best:
            return (
                f"transaction {info['transaction_hash']} is in block {tx['block_number']}, "
                f"past its best block {best}"
            )
        nonces.setdefault(info["from"].lower(), set()).add(int(info["nonce"]))
    for address, account in (state.get("accounts") or {}).items():
        if account.get("code") not in (None, "", "0x"):
            continue
        sent, mined = int(account.get("nonce") or 0), len(nonces.get(address.lower(), ()))
        if sent != mined:
            return (
                f"its accounts say {address} sent {sent} transaction(s), its blocks hold "
                f"{mined} (anvil was stopped while it mined)"
            )
    return None
