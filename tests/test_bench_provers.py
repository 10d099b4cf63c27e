"""bench provers: synthetic proving with one worker and with every CPU, and the seal check."""

from __future__ import annotations

import os
import re

from command_line import invoke

from harness.bench.provers import bench_seal_checks

RATE = r"([\d,]+\.\d) seals/s"


def test_the_bench_proves_with_one_worker_and_every_cpu_and_times_the_check():
    result = invoke("bench", "provers", "--seals", "4")
    assert result.exit_code == 0, (result.stderr, result.exception)
    lines = result.stdout.splitlines()
    assert lines[0] == "synthetic prover: 4 distinct claims (worker start-up not timed)"
    workers = sorted({1, os.cpu_count() or 1})
    for line, count in zip(lines[1:-1], workers, strict=True):
        assert re.fullmatch(rf"  {count} worker\(s\): +{RATE} \([\d.]+ s\)", line), line
    check = re.fullmatch(rf"seal check \(.*\), one process: {RATE} \(([\d.]+) ms each\)", lines[-1])
    assert check, lines[-1]
    assert float(check[1].replace(",", "")) > 0 and float(check[2]) > 0


def test_the_check_bench_passes_the_synthetic_seals_it_times():
    result = bench_seal_checks(3)
    assert (result.workers, result.seals) == (1, 3) and result.seconds > 0
