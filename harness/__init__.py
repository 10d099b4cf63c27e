"""rollup-harness: measure what settling RISC Zero proofs on Ethereum costs, on a real EVM."""

__version__ = "0.1.0"
