"""The RISC Zero version table under fuzzing: an edited table is refused with one UsageError, or
read with every selector still its parameters' digest; no edit of a key, control root, BN254 id
or selector gets through."""

from __future__ import annotations

import json
from typing import Any

from fuzz_strategies import Mutation, json_values, mutations, same_json
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import UsageError
from harness.risc0.merkle import set_verifier_selector
from harness.risc0.params import VERSIONS_FILE, groth16_selector, parse_versions

DOCUMENT = json.loads(VERSIONS_FILE.read_text())
#: Free text: a change to these is no change to any verifier.
UNBOUND = {"id", "version", "label", "status"}


def _same_value(old: Any, new: Any) -> bool:
    decimals = isinstance(old, str) and isinstance(new, str) and old.isdecimal()
    if decimals and new.isascii() and new.isdecimal():
        return int(old) == int(new)
    return same_json(old, new)


def _changes_a_bound_field(mutation: Mutation) -> bool:
    """Whether the edit changed a value a verifier is derived from (dropping or adding whole
    entries is not: the table then knows fewer verifiers, or refuses a duplicate)."""
    if mutation.deleted or mutation.new is None or not isinstance(mutation.old, str):
        return False
    if mutation.path[0] in ("description", "conventions") or mutation.path[-1] in UNBOUND:
        return False
    return not _same_value(mutation.old, mutation.new)


@given(
    st.sampled_from(["verifying_keys", "groth16_verifiers", "set_verifiers"]).flatmap(
        lambda section: mutations(DOCUMENT, within=(section,))
    )
)
def test_an_edited_version_table_is_refused_or_read_with_true_selectors(mutation: Mutation):
    try:
        table = parse_versions(mutation.document, "versions.json")
    except UsageError as exc:
        assert str(exc).startswith("invalid RISC Zero version table versions.json: ")
        assert "\n" not in str(exc)
        return
    assert not _changes_a_bound_field(mutation), mutation
    for params in table.groth16:
        selector = groth16_selector(params.control_root, params.bn254_control_id, params.vk)
        assert params.selector == selector
    for params in table.set_verifiers:
        assert params.selector == set_verifier_selector(params.set_builder_image_id)


@given(json_values | st.dictionaries(st.sampled_from(sorted(DOCUMENT)), json_values))
def test_arbitrary_json_gives_a_table_or_one_usage_error(document):
    try:
        table = parse_versions(document, "versions.json")
    except UsageError as exc:
        assert "\n" not in str(exc)
        return
    assert table.groth16 == table.set_verifiers == ()
