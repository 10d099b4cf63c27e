"""Run a piece of a sweep and undo its transactions, so the next one starts from the same state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from harness.chain.base import Chain


@contextmanager
def reverting(chain: Chain) -> Iterator[None]:
    """Snapshot the chain, run the ``with`` block, then revert every transaction it sent.

    On an exception nothing is reverted: the sweep stops there, and the chain with it.
    """
    snapshot = chain.snapshot()
    yield
    chain.revert(snapshot)
