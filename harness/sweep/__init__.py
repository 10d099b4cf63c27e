"""The sweep: every scenario of a grid (proof counts × strategies × on-chain modes × forks),
run for real from shared snapshots, recorded in one ``txs.jsonl``."""

from harness.sweep.grid import SweepPlan
from harness.sweep.runner import run_sweep

__all__ = ["SweepPlan", "run_sweep"]
