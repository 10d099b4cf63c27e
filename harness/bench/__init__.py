"""Benchmarks that print numbers: prover throughput, harness vs raw JSON-RPC, verifier gas."""
