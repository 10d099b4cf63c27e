"""Numbers typed on the command line: any text gives a result or one clean error, never a
traceback; ``run`` refuses a value it cannot use, naming the option, before any chain is started
(it may refuse large values too, but it starts a chain only for whole numbers in range)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given
from hypothesis import strategies as st

import harness.scenario.runs as run_command
from harness.cli import main
from harness.common.errors import ChainError

CHAIN_REFUSED = "no chain in this test"

numbers = st.integers(-(10**6), 10**6).map(str) | st.integers(-(10**500), 10**500).map(str)
number_texts = (
    numbers
    | st.lists(numbers, min_size=1, max_size=4).map(",".join)
    | st.from_regex(r"[ 0-9,+\-_.e]{0,12}", fullmatch=True)
    | st.text(max_size=12)
)


def _assert_clean(result: Result) -> None:
    """Success, or one error line."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{type(result.exception).__name__}: {result.exception}")
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, result.stderr


@given(number_texts)
@example(str(10**400))
@example(f"1,{10**309}")
@example("9" * 5000)
def test_model_proofs_give_a_result_or_one_clean_error(text):
    _assert_clean(CliRunner().invoke(main, ["model", "--proofs", text]))


@given(
    option=st.sampled_from(["--gas-price-gwei", "--eth-usd"]),
    text=number_texts | st.sampled_from(["nan", "inf", "-inf", "1e400", "-0"]),
)
def test_model_prices_give_a_result_or_one_clean_error(option, text):
    _assert_clean(CliRunner().invoke(main, ["model", "--proofs", "6", option, text]))


@pytest.fixture(scope="module")
def chain_starts() -> Iterator[list[str]]:
    """Every backend ``run`` tried to open; opening any fails with a ChainError."""
    started: list[str] = []

    def refuse(backend: str, **_: object) -> None:
        started.append(backend)
        raise ChainError(CHAIN_REFUSED)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run_command, "open_chain", refuse)
        yield started


def _usable(text: str, minimum: int) -> bool:
    """Whether ``text`` is a whole number of at least ``minimum`` (as click and Python read it)."""
    try:
        return int(text) >= minimum
    except ValueError:
        return False


@given(
    option=st.sampled_from([("--proofs", 1), ("--txs-per-batch", 1), ("--seed", 0)]),
    text=number_texts,
)
@example(option=("--proofs", 1), text="0")
@example(option=("--seed", 0), text="-1")
def test_run_refuses_an_unusable_number_before_starting_a_chain(chain_starts, option, text):
    name, minimum = option
    arguments = {"--proofs": "3", "--txs-per-batch": "5", "--seed": "0", name: text}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        argv = ["run", *(item for pair in arguments.items() for item in pair), "--out", str(out)]
        before = len(chain_starts)
        result = CliRunner().invoke(main, argv)
        _assert_clean(result)
        assert result.exit_code != 0
        if len(chain_starts) > before:
            assert _usable(text, minimum), f"{name} {text!r} started a chain"
            assert CHAIN_REFUSED in result.stderr
        else:
            # Named as the option, or as the parameter where the library refuses it (a batch
            # too large for the fork's transactions).
            assert name in result.stderr or name[2:].replace("-", "_") in result.stderr
            assert not out.exists()
