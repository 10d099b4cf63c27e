"""The first finalise's cold storage, derived from a scenario's own finalise transactions.

A rollup's first ``finalize`` (the one whose range starts at batch 1) writes storage slots
that are still zero, at the cold price of EIP-2929 and EIP-2200; every later one rewrites
slots already set. How much more it costs is measured, not assumed: the first finalise's
execution gas (``gasUsed`` less the intrinsic gas, so that the calldata's differences between
the two do not count) less the mean execution gas of the later finalises.
"""

from __future__ import annotations

from collections.abc import Iterable

from harness.records.txlog import TxRecord


def _execution(record: TxRecord) -> int:
    return record.gas_used - record.intrinsic_gas


def first_finalize_cold_gas(records: Iterable[TxRecord]) -> int | None:
    """How much more execution gas the rollup's first finalise among ``records`` used than the
    mean of the later ones, rounded to the gas unit; None unless there are both."""
    finalises = [r for r in records if r.kind == "finalize" and r.status == 1 and r.batches]
    first = [_execution(r) for r in finalises if r.batches and r.batches[0] == 1]
    later = [_execution(r) for r in finalises if r.batches and r.batches[0] > 1]
    if len(first) != 1 or not later:
        return None
    return round(first[0] - sum(later) / len(later))
