"""The gate itself: measure the pinned scenarios on a fresh local chain, then compare or record.

``check`` replays the baseline's receipts and compares; ``update`` proves the rollup claims with
the synthetic prover, records the receipts next to the baseline and rewrites it. Both run on a
fresh local chain (anvil or eth-tester: they give identical gas) on the pinned fork.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.chain.backends import open_chain
from harness.common.errors import ProverError, UsageError
from harness.gasgate.baseline import DEFAULT_RECEIPTS, Baseline, read_baseline, write_baseline
from harness.gasgate.compare import Comparison, check_tolerance, compare
from harness.gasgate.scenarios import PINS, Measurement, measure
from harness.provers.pool import ProverPool, SealSource
from harness.provers.sources import ReplaySource, SyntheticSource
from harness.toolchain.solc import compiler_version, project_artifacts

#: Backends the gate can run on: a fresh local chain, so every address (and claim) is pinned.
GATE_BACKENDS = ("auto", "anvil", "eth-tester")


@dataclass(frozen=True)
class CheckResult:
    """A comparison and the lines saying what it was measured on."""

    comparison: Comparison
    measurement: Measurement
    header: tuple[str, ...]
    baseline_path: Path

    def to_json(self) -> dict[str, Any]:
        """What ``gas check --json`` prints: the comparison, what it was measured on, and
        the baseline it was compared with."""
        return {
            "measured_on": dict(_measured_on(self.measurement)),
            "baseline": str(self.baseline_path),
        } | self.comparison.to_json()


def _measure(backend: str, source: SealSource, receipts_out: Path) -> Measurement:
    if backend not in GATE_BACKENDS:
        raise UsageError(
            f"the gas gate measures on a fresh local chain ({', '.join(GATE_BACKENDS)}), "
            f"not {backend!r}"
        )
    artifacts = project_artifacts()
    with (
        tempfile.TemporaryDirectory(prefix="rollup-harness-gas-") as workdir,
        open_chain(backend, fork=PINS.fork, block_gas_limit=PINS.block_gas_limit) as chain,
    ):
        return measure(
            chain, artifacts, ProverPool(source), workdir=Path(workdir), receipts_dir=receipts_out
        )


def _measured_on(measurement: Measurement) -> tuple[tuple[str, str], ...]:
    info = measurement.chain
    return (
        ("backend", info.backend),
        ("client", info.client),
        ("fork", info.fork),
        ("compiler", compiler_version()),
    )


def _header(measurement: Measurement, baseline_path: Path, receipts: Path) -> tuple[str, ...]:
    on = dict(_measured_on(measurement))
    return (
        f"chain     {on['backend']} ({on['client']}), fork {on['fork']}; compiler {on['compiler']}",
        f"seals     a real RISC Zero {PINS.verify_version} receipt; rollup receipts replayed "
        f"from {receipts}",
        f"baseline  {baseline_path}",
    )


def check(baseline_path: Path, *, tolerance: float = 0.0, backend: str = "auto") -> CheckResult:
    """Measure the pinned scenarios with the baseline's receipts and compare with it."""
    check_tolerance(tolerance)
    baseline = read_baseline(baseline_path)
    if baseline.pins != PINS.to_json():
        raise UsageError(
            f"{baseline_path} was measured with other pinned scenarios; "
            "run 'rollup-harness gas update'"
        )
    receipts = baseline.receipts_dir(baseline_path)
    source = ReplaySource.load(receipts)
    with tempfile.TemporaryDirectory(prefix="rollup-harness-gas-receipts-") as scratch:
        try:
            measurement = _measure(backend, source, Path(scratch))
        except ProverError as exc:
            raise ProverError(
                f"{receipts} does not cover the pinned scenarios ({exc}); "
                "run 'rollup-harness gas update'"
            ) from None
    comparison = compare(baseline.gas(), measurement.gas(), tolerance)
    header = _header(measurement, baseline_path, receipts)
    return CheckResult(comparison, measurement, header, baseline_path)


def _receipts_name(baseline_path: Path) -> str:
    """The receipts directory an existing baseline names, else the default."""
    try:
        return read_baseline(baseline_path).receipts
    except UsageError:
        return DEFAULT_RECEIPTS


def _replace_dir(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def update(baseline_path: Path, *, backend: str = "auto") -> Baseline:
    """Measure with freshly proved (synthetic) seals; record the receipts and the baseline."""
    name = _receipts_name(baseline_path)
    receipts = baseline_path.parent / name
    staging = receipts.with_name(f".{receipts.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        measurement = _measure(backend, SyntheticSource(), staging)
        _replace_dir(staging, receipts)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    baseline = Baseline(measurement.entries, PINS.to_json(), name, _measured_on(measurement))
    write_baseline(baseline_path, baseline)
    return baseline
