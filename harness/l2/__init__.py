"""The L2 reference model: accounts, transfers, batches and the state root.

Pure Python and independent of any chain: this is the logic a batch program runs, and the harness
runs it to know the true state roots and accumulators it expects the rollup contract to accept.
"""
