"""The external prover's wire format under fuzzing: requests, answers, describe replies, timeout.

Whatever a prover prints, the harness either takes a seal that proves the requested claim or
raises one ProverError; whatever a request object holds, a prover written with
``parse_request`` either reads exactly that request or refuses it.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from fuzz_strategies import Mutation, json_values, mutations, same_json
from hypothesis import example, given, settings
from hypothesis import strategies as st

from harness.claims.images import BATCH_IMAGE_ID
from harness.claims.request import KINDS, ProofRequest
from harness.common.errors import ProverError, UsageError
from harness.provers.external import (
    MAX_TIMEOUT,
    TIMEOUT_ENV,
    ExternalSource,
    ProverCommand,
    prover_timeout,
)
from harness.provers.protocol import describe_message, parse_request, request_message
from harness.provers.receipt import ProvenReceipt
from harness.provers.sources import MockSource, SyntheticSource
from harness.provers.verifiers import MOCK_SELECTOR, synthetic_params

pytestmark = pytest.mark.slow

BATCH = ProofRequest("batch", BATCH_IMAGE_ID, b"journal of batches 3..4", batches=(3, 4))
FAKE = ProverCommand("fuzz-prover", ("fuzz-prover",))
MOCK_PROVER = ExternalSource(FAKE, MOCK_SELECTOR)
SYNTHETIC_PROVER = ExternalSource(FAKE, synthetic_params().selector)
MOCK_ANSWER = ProvenReceipt(BATCH, "mock", MockSource().seal(BATCH)).to_json()
SYNTHETIC_ANSWER = ProvenReceipt(BATCH, "synthetic", SyntheticSource().seal(BATCH)).to_json()

ANSWERED = "external prover 'fuzz-prover' answered the batch request for batches 3..4"

digests = st.binary(min_size=32, max_size=32)


@st.composite
def requests(draw: st.DrawFn) -> ProofRequest:
    kind = draw(st.sampled_from(KINDS))
    first = draw(st.integers(1, 2**64))
    return ProofRequest(
        kind=kind,
        image_id=draw(digests),
        journal=draw(st.binary(max_size=300)),
        batches=None if kind == "set-root" else (first, first + draw(st.integers(0, 2**20))),
        children=tuple(draw(st.lists(digests, max_size=4))),
    )


@given(requests())
def test_a_request_reads_back_as_itself(request):
    assert parse_request(request_message(request)) == request


def test_the_describe_request_reads_as_none():
    assert parse_request(describe_message()) is None


@given(requests().flatmap(lambda request: mutations(request_message(request))))
def test_an_edited_request_is_refused_or_read_exactly(mutation: Mutation):
    try:
        request = parse_request(mutation.document)
    except ProverError as exc:
        assert str(exc).startswith("not a rollup-harness proof request (")
        return
    if request is None:
        assert mutation.path == ("kind",) and mutation.new == "describe"
        return
    assert same_json(request_message(request), mutation.document), mutation


@given(json_values)
def test_arbitrary_json_is_not_a_request(value):
    with pytest.raises(ProverError):
        parse_request(value)


@given(mutations(MOCK_ANSWER))
def test_an_edited_answer_gives_the_requested_seal_or_an_error(mutation: Mutation):
    try:
        seal = MOCK_PROVER.accept(mutation.document, BATCH)
    except ProverError as exc:
        assert str(exc).startswith(ANSWERED)
        return
    assert seal == MockSource().seal(BATCH)


@given(json_values)
def test_arbitrary_json_is_not_an_answer(value):
    with pytest.raises(ProverError):
        MOCK_PROVER.accept(value, BATCH)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 259), st.integers(1, 255))
def test_a_synthetic_seal_with_one_byte_changed_is_refused(index, mask):
    seal = bytearray.fromhex(SYNTHETIC_ANSWER["seal"][2:])
    seal[index] ^= mask
    answer = SYNTHETIC_ANSWER | {"seal": "0x" + seal.hex(), "selector": "0x" + seal[:4].hex()}
    with pytest.raises(ProverError, match="bad seal"):
        SYNTHETIC_PROVER.accept(answer, BATCH)


@pytest.fixture(scope="module")
def stdout_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("prover") / "stdout"


#: Each example starts two prover processes; what the answer's bytes hold is fuzzed further,
#: in this process, by the answer tests above.
@settings(max_examples=50, deadline=None)
@given(content=st.binary(max_size=200) | json_values.map(lambda v: repr(v).encode()))
@example(content=b"[" * 100_000 + b"]" * 100_000)
@example(content=b'{"selector": "0x2559991b"}')
@example(content=b'{"selector": "0x2559991b00"}')
def test_whatever_a_prover_prints_is_a_seal_for_the_claim_or_one_error(stdout_file, content):
    stdout_file.write_bytes(content)
    command = f"cat {stdout_file}"
    try:
        source = ExternalSource.start(command, timeout=10)
    except ProverError as exc:
        assert "\n" not in str(exc) and command in str(exc)
    else:
        assert source.verifier().selector == source.selector
    try:
        seal = MOCK_PROVER.accept(ProverCommand.parse(command, timeout=10).ask({}, "x"), BATCH)
    except ProverError:
        return
    assert seal == MockSource().seal(BATCH)


@given(st.text(max_size=30) | st.floats().map(str) | st.integers().map(str))
@example("1e400")
@example("nan")
@example(str(MAX_TIMEOUT + 1))
def test_the_timeout_variable_is_a_usable_number_of_seconds_or_a_usage_error(text):
    try:
        value = prover_timeout({TIMEOUT_ENV: text})
    except UsageError as exc:
        assert "\n" not in str(exc) and TIMEOUT_ENV in str(exc)
        return
    assert math.isfinite(value) and 0 < value <= MAX_TIMEOUT
