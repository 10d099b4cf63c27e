"""Comparing two sweeps' outputs: what must not depend on where or how fast the units ran."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

#: A line of report.md that says when the sweep ran or how long something took.
TIMING = re.compile(r"\bin [\d,.]+ s\b|started \d{4}-")
#: Manifest fields that are times.
TIMING_FIELDS = ("seconds", "wall_seconds", "started_at")


def records(out: Path) -> list[dict]:
    """The lines of ``out/txs.jsonl``."""
    return [json.loads(line) for line in (out / "txs.jsonl").read_text().splitlines()]


def gas_by_scenario(out: Path) -> dict[str, list[int]]:
    """Every scenario's ``gasUsed`` figures, in the order they were recorded."""
    gas = defaultdict(list)
    for record in records(out):
        gas[record["scenario"]].append(record["gas_used"])
    return dict(gas)


def report_without_timing(out: Path) -> tuple[list[str], int]:
    """report.md's lines less its timing lines, and how many timing lines there were."""
    lines = (out / "report.md").read_text().splitlines()
    kept = [line for line in lines if not TIMING.search(line)]
    return kept, len(lines) - len(kept)


def manifest_without_timing(out: Path) -> dict:
    """manifest.json less its times."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in TIMING_FIELDS}
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    return strip(json.loads((out / "manifest.json").read_text()))


def assert_same_sweep(first: Path, second: Path) -> None:
    """The two sweeps recorded the same transactions and wrote the same reports."""
    assert gas_by_scenario(first) == gas_by_scenario(second)
    assert (first / "txs.jsonl").read_bytes() == (second / "txs.jsonl").read_bytes()
    assert manifest_without_timing(first) == manifest_without_timing(second)
    report, timing = report_without_timing(first)
    assert timing == 1, "the report's one timing line is its Run line"
    assert report == report_without_timing(second)[0]
    seals = sorted(path.name for path in (first / "receipts").iterdir())
    assert seals and seals == sorted(path.name for path in (second / "receipts").iterdir())


def assert_recorded_once(out: Path) -> None:
    """No transaction of the sweep is in its log twice: each batch sequence's commits are
    batches 1..N once, each scenario and probe is recorded by one unit."""
    lines = records(out)
    commits = defaultdict(list)
    for record in lines:
        if record["kind"] == "commit":
            commits[record["scenario"]].append(record["batches"][0])
    for scenario, batches in commits.items():
        assert batches == list(range(1, len(batches) + 1)), scenario
    manifest = json.loads((out / "manifest.json").read_text())
    names = [scenario["name"] for scenario in manifest["scenarios"]]
    assert len(names) == len(set(names))
    deploys = [r for r in lines if r["kind"] == "deploy"]
    assert len({r["label"] for r in deploys}) == len(deploys)
    verify = [(r["scenario"], r["label"]) for r in lines if r["kind"] == "verify"]
    assert len(verify) == len(set(verify)) == 4
