"""Ethereum protocol facts: per-fork limits and transaction-level gas arithmetic (no I/O)."""
