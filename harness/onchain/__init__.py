"""What the harness puts on chain: the verifier stack and the rollup, and how it talks to them."""
