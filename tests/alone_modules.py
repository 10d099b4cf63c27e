"""Where the tests marked ``alone`` are: ``make pytest`` runs them in a session of their own,
which collects only :data:`ALONE_MODULES`, after the parallel session that deselects them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
#: The modules that hold the tests marked ``alone``.
ALONE_MODULES = frozenset(
    {"test_chain_backends.py", "test_deploy_devnet.py", "test_prover_pool.py", "test_resume.py"}
)


@dataclass(frozen=True)
class AloneCensus:
    """What a session's collection saw, before ``-m`` deselected anything."""

    #: The test modules it collected.
    collected: frozenset[str]
    #: The modules it found tests marked ``alone`` in.
    marked: frozenset[str]

    @classmethod
    def of(cls, items: list[pytest.Item]) -> AloneCensus:
        """The census of ``items``."""
        return cls(
            frozenset(item.path.name for item in items),
            frozenset(item.path.name for item in items if item.get_closest_marker("alone")),
        )

    def whole_suite(self) -> bool:
        """Whether the session collected a test of every test module."""
        return {path.name for path in TESTS.glob("test_*.py")} <= self.collected


CENSUS = pytest.StashKey[AloneCensus]()


def left_out(collection_path: Path, config: pytest.Config) -> bool | None:
    """True for a test module a session of the ``alone`` tests (``-m alone``) does not
    collect; None (pytest decides, ``--ignore`` and the like still apply) for anything else."""
    name = collection_path.name
    if config.getoption("markexpr") != "alone" or collection_path.suffix != ".py":
        return None
    return True if name.startswith("test_") and name not in ALONE_MODULES else None
