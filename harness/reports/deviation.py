"""A measured settlement against a model figure, with the first finalise's cold storage apart.

A rollup's first finalise writes cold storage that no later one pays again; a scenario that
settles few proofs carries it in a large share of its settlement, so it moves the deviation
from the model. :class:`Deviation` gives the deviation with it and without it, and its share.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Deviation:
    """``measured`` gas against ``model`` gas; ``cold_storage`` is the part of ``measured``
    that the first finalise's cold storage accounts for (None where it was not measured)."""

    measured: float
    model: float
    cold_storage: int | None = None

    @property
    def percent(self) -> float:
        """(measured − model) / model, in percent of the model's figure."""
        return (self.measured - self.model) / self.model * 100

    @property
    def cold_storage_points(self) -> float | None:
        """The cold storage in percentage points of the model's figure."""
        if self.cold_storage is None:
            return None
        return self.cold_storage / self.model * 100

    @property
    def without_cold_storage(self) -> float | None:
        """The measured gas less the cold storage."""
        if self.cold_storage is None:
            return None
        return self.measured - self.cold_storage

    @property
    def percent_without_cold_storage(self) -> float | None:
        """The deviation had the first finalise not written cold storage, in percent of the
        model's figure: :attr:`percent` less :attr:`cold_storage_points`."""
        if self.without_cold_storage is None:
            return None
        return (self.without_cold_storage - self.model) / self.model * 100
