"""The pytest plugin's surface: the README lists every fixture, and ``rollup_run`` names a keyword
it does not take in one line."""

from __future__ import annotations

import ast
import inspect
import re

import pytest

from harness import pytest_plugin
from harness.common.errors import UsageError
from harness.common.paths import ROOT


def _fixtures() -> set[str]:
    """The functions of the plugin module decorated with ``pytest.fixture``."""
    tree = ast.parse(inspect.getsource(pytest_plugin))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d).startswith("pytest.fixture") for d in node.decorator_list)
    }


def test_the_readme_lists_every_fixture():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Using it from pytest") :]
    section = section[: section.index("\n## ", 1)]
    listed = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))
    assert listed == _fixtures() and "harness_txlog" in listed


def test_the_plugins_docstring_lists_every_fixture():
    listed = set(re.findall(r"^ {4}(\w+) {2,}", pytest_plugin.__doc__ or "", flags=re.MULTILINE))
    assert _fixtures() <= listed


def test_rollup_run_names_a_keyword_it_does_not_take(rollup_run):
    with pytest.raises(UsageError) as raised:
        rollup_run(1, stratgy="single")
    message = str(raised.value)
    assert "'stratgy'" in message and "\n" not in message
    assert "strategy" in message.split("takes", 2)[-1]


def test_verifier_stack_routes_the_provers_selector_to_a_deployed_verifier(
    verifier_stack, prover_pool, harness_txlog
):
    selector = prover_pool.source.verifier().selector
    assert set(verifier_stack.verifiers) == {selector}
    chain = verifier_stack.chain
    assert chain.code_at(verifier_stack.router.address)
    assert chain.code_at(verifier_stack.verifiers[selector].address)
    assert harness_txlog.path.read_text().count('"kind": "deploy"') >= 3
