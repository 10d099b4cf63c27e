"""The sweep: every scenario of a grid (proof counts × strategies × on-chain modes × forks),
run for real from shared snapshots, recorded in one ``txs.jsonl``."""
