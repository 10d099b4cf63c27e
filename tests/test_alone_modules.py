"""The session of the tests marked ``alone`` collects only the modules ``ALONE_MODULES`` lists
(tests/alone_modules.py): a test marked ``alone`` anywhere else would run in neither session."""

from __future__ import annotations

import pytest
from alone_modules import ALONE_MODULES, CENSUS, AloneCensus


@pytest.fixture
def census(pytestconfig: pytest.Config) -> AloneCensus:
    """What this session collected; the checks need every test module collected."""
    census = pytestconfig.stash[CENSUS]
    if not census.whole_suite():
        pytest.skip("the session did not collect every test module")
    return census


def test_every_test_marked_alone_is_in_a_module_the_alone_session_collects(
    census: AloneCensus,
) -> None:
    stray = sorted(census.marked - ALONE_MODULES)
    assert not stray, f"tests marked alone in {stray}: add the modules to ALONE_MODULES"


def test_every_module_the_alone_session_collects_holds_a_test_marked_alone(
    census: AloneCensus,
) -> None:
    assert sorted(ALONE_MODULES - census.marked) == []
