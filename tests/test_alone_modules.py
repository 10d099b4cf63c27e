"""The session of the tests marked ``alone`` collects only the modules conftest lists: a test
marked ``alone`` anywhere else would run in neither session."""

from __future__ import annotations

import pytest
from conftest import STRAY_ALONE


def test_every_test_marked_alone_is_in_a_module_the_alone_session_collects(
    pytestconfig: pytest.Config,
) -> None:
    stray = pytestconfig.stash[STRAY_ALONE]
    assert not stray, f"tests marked alone in {stray}: add them to ALONE_MODULES in conftest.py"
