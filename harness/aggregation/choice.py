"""A strategy as a user names it: one of the four shapes, or ``auto`` for the decider's choice.

Parsed once, where the name comes in (a CLI option, a config, a run file), into a
:class:`StrategyChoice`; the cost model's decider turns ``auto`` into a strategy for a proof
count (:func:`harness.costmodel.decider.choose`).
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.aggregation.strategies import StrategyKind
from harness.common.errors import UsageError

AUTO = "auto"
#: Every name a strategy choice can be given by, ``auto`` first.
CHOICE_NAMES = (AUTO, *(kind.value for kind in StrategyKind))


@dataclass(frozen=True)
class StrategyChoice:
    """A named strategy shape, or the decider's choice when ``kind`` is None."""

    kind: StrategyKind | None = None

    @classmethod
    def parse(cls, name: str) -> StrategyChoice:
        """The choice ``name`` stands for (``auto``, ``none``, ``single``, ``two``, ``three``)."""
        if name == AUTO:
            return cls()
        if name not in CHOICE_NAMES:
            raise UsageError(f"unknown strategy {name!r}; choose one of {', '.join(CHOICE_NAMES)}")
        return cls(StrategyKind(name))

    @property
    def name(self) -> str:
        """The name the choice was given by."""
        return AUTO if self.kind is None else self.kind.value

    def __str__(self) -> str:
        return self.name
