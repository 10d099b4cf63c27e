"""The gate itself: measure a suite of pinned scenarios on a fresh local chain, then compare or
record.

``check`` replays the baseline's receipts and compares; ``update`` proves the rollup claims with
the synthetic prover, records the receipts next to the baseline and rewrites it. Both run on a
fresh local chain (anvil or eth-tester: they give identical gas) on the suite's fork. The suite
is the harness's own (:data:`HARNESS_SUITE`) or a team's, declared in its config
(:class:`harness.gasgate.team.TeamSuite`).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from harness.chain.backends import open_chain
from harness.chain.base import Chain
from harness.common.errors import ProverError, UsageError
from harness.gasgate.baseline import (
    DEFAULT_RECEIPTS,
    DESCRIPTION,
    Baseline,
    read_baseline,
    write_baseline,
)
from harness.gasgate.compare import Comparison, check_tolerance, compare
from harness.gasgate.scenarios import PINS, Measurement, Pins, measure
from harness.provers.pool import ProverPool, SealSource
from harness.provers.sources import ReplaySource, SyntheticSource
from harness.toolchain.solc import compiler_version, project_artifacts

#: Backends the gate can run on: a fresh local chain, so every address (and claim) is pinned.
GATE_BACKENDS = ("auto", "anvil", "eth-tester")


class Suite(Protocol):
    """The pinned scenarios of one gate: what fixes them, and how to measure them."""

    @property
    def fork(self) -> str:
        """The fork the chain runs."""

    @property
    def block_gas_limit(self) -> int:
        """The chain's block gas limit."""

    @property
    def description(self) -> str:
        """What the baseline file is, written into it."""

    def pins(self) -> dict[str, Any]:
        """Everything that fixes the transactions, stored in the baseline and compared."""

    def seals(self, receipts: Path) -> str:
        """The header line saying what was measured and which seals were replayed."""

    def measure(
        self, chain: Chain, pool: ProverPool, *, workdir: Path, receipts_dir: Path
    ) -> Measurement:
        """Send the pinned transactions on the fresh ``chain`` and read each entry's gas."""


@dataclass(frozen=True)
class HarnessSuite:
    """The harness's own pinned scenarios (:func:`measure` over ``Rollup.sol``)."""

    pinned: Pins = PINS
    description: str = DESCRIPTION

    @property
    def fork(self) -> str:
        """The pinned fork."""
        return self.pinned.fork

    @property
    def block_gas_limit(self) -> int:
        """The pinned block gas limit."""
        return self.pinned.block_gas_limit

    def pins(self) -> dict[str, Any]:
        """The pins as stored in ``gas-baseline.json``."""
        return self.pinned.to_json()

    def seals(self, receipts: Path) -> str:
        """The real receipt and the replayed rollup receipts."""
        return (
            f"seals     a real RISC Zero {self.pinned.verify_version} receipt; rollup receipts "
            f"replayed from {receipts}"
        )

    def measure(
        self, chain: Chain, pool: ProverPool, *, workdir: Path, receipts_dir: Path
    ) -> Measurement:
        """The harness's stack, verify and rollup scenarios."""
        return measure(
            chain,
            project_artifacts(),
            pool,
            workdir=workdir,
            receipts_dir=receipts_dir,
            pins=self.pinned,
        )


#: The harness's own gate: what ``gas check`` runs without a config.
HARNESS_SUITE = HarnessSuite()


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


def _measure(suite: Suite, backend: str, source: SealSource, receipts_out: Path) -> Measurement:
    if backend not in GATE_BACKENDS:
        raise UsageError(
            f"the gas gate measures on a fresh local chain ({', '.join(GATE_BACKENDS)}), "
            f"not {backend!r}"
        )
    with (
        tempfile.TemporaryDirectory(prefix="rollup-harness-gas-") as workdir,
        open_chain(backend, fork=suite.fork, block_gas_limit=suite.block_gas_limit) as chain,
    ):
        return suite.measure(
            chain, ProverPool(source), workdir=Path(workdir), receipts_dir=receipts_out
        )


def _measured_on(measurement: Measurement) -> tuple[tuple[str, str], ...]:
    info = measurement.chain
    return (
        ("backend", info.backend),
        ("client", info.client),
        ("fork", info.fork),
        ("compiler", compiler_version()),
    )


def _header(
    suite: Suite, measurement: Measurement, baseline_path: Path, receipts: Path
) -> tuple[str, ...]:
    on = dict(_measured_on(measurement))
    return (
        f"chain     {on['backend']} ({on['client']}), fork {on['fork']}; compiler {on['compiler']}",
        suite.seals(receipts),
        f"baseline  {baseline_path}",
    )


def check(
    baseline_path: Path,
    *,
    tolerance: float = 0.0,
    backend: str = "auto",
    suite: Suite = HARNESS_SUITE,
) -> CheckResult:
    """Measure ``suite`` with the baseline's receipts and compare with it."""
    check_tolerance(tolerance)
    baseline = read_baseline(baseline_path)
    if baseline.pins != suite.pins():
        raise UsageError(
            f"{baseline_path} was measured with other pinned scenarios; "
            "run 'rollup-harness gas update'"
        )
    receipts = baseline.receipts_dir(baseline_path)
    source = ReplaySource.load(receipts)
    with tempfile.TemporaryDirectory(prefix="rollup-harness-gas-receipts-") as scratch:
        try:
            measurement = _measure(suite, backend, source, Path(scratch))
        except ProverError as exc:
            raise ProverError(
                f"{receipts} does not cover the pinned scenarios ({exc}); "
                "run 'rollup-harness gas update'"
            ) from None
    comparison = compare(baseline.gas(), measurement.gas(), tolerance)
    header = _header(suite, measurement, baseline_path, receipts)
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


def update(baseline_path: Path, *, backend: str = "auto", suite: Suite = HARNESS_SUITE) -> Baseline:
    """Measure ``suite`` with freshly proved (synthetic) seals; record the receipts and the
    baseline."""
    name = _receipts_name(baseline_path)
    receipts = baseline_path.parent / name
    staging = receipts.with_name(f".{receipts.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        measurement = _measure(suite, backend, SyntheticSource(), staging)
        _replace_dir(staging, receipts)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    baseline = Baseline(
        measurement.entries, suite.pins(), name, _measured_on(measurement), suite.description
    )
    write_baseline(baseline_path, baseline)
    return baseline
