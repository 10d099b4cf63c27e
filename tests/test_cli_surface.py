"""The command line as a whole: every command takes -h, documents every option, offers the same
--backend and --fork choices, and refuses a bad fork or URL in one line before doing anything."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from harness.chain.selection import BACKENDS, KNOWN_FORKS
from harness.cli import main


def _commands(
    command: click.Command = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and group of the CLI, with the words that invoke it."""
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            yield from _commands(command.get_command(context, name), (*path, name))


COMMANDS = list(_commands())
LEAVES = [(path, command) for path, command in COMMANDS if not isinstance(command, click.Group)]


def _ids(item: tuple[tuple[str, ...], click.Command]) -> str:
    return " ".join(item[0]) or "rollup-harness"


def _options(command: click.Command, name: str) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and name in p.opts]


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _assert_one_line_error(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and needle in line, line
    assert result.stdout == ""


def test_the_walk_finds_every_command():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"run", "replay", "gas check", "gas update", "bench gas", "devnet", "doctor"} <= names


@pytest.mark.parametrize("item", COMMANDS, ids=_ids)
def test_h_is_help(item):
    path, _ = item
    short, long = _invoke(*path, "-h"), _invoke(*path, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output and "Usage:" in short.output


@pytest.mark.parametrize("item", COMMANDS, ids=_ids)
def test_every_option_has_help_text(item):
    _, command = item
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{param.opts[0]} has no help text"


def test_every_backend_option_offers_the_same_choices():
    found = [option for _, command in LEAVES for option in _options(command, "--backend")]
    assert len(found) >= 6
    for option in found:
        assert isinstance(option.type, click.Choice)
        assert tuple(option.type.choices) == BACKENDS


def test_every_single_fork_option_offers_the_known_forks():
    found = [
        (path, option)
        for path, command in LEAVES
        for option in _options(command, "--fork")
        if option.name == "fork"
    ]
    assert {" ".join(path) for path, _ in found} >= {"run", "replay", "deploy", "devnet", "doctor"}
    for _, option in found:
        assert tuple(option.type.choices) == KNOWN_FORKS


@pytest.mark.parametrize("command", ["deploy", "doctor", "devnet", "run", "replay"])
def test_an_unknown_fork_is_one_line_before_anything_starts(command):
    _assert_one_line_error(_invoke(command, "--fork", "banana"), "'banana' is not one of")


LEAVES_BY_NAME = {" ".join(path): command for path, command in LEAVES}
RPC_URL_COMMANDS = [
    name for name, command in LEAVES_BY_NAME.items() if _options(command, "--rpc-url")
]


@pytest.mark.parametrize("command", RPC_URL_COMMANDS)
@pytest.mark.parametrize("url", ["banana", "127.0.0.1:8545", "ftp://host", "http://:8545"])
def test_an_rpc_url_that_is_not_a_url_is_one_line(command, url):
    result = _invoke(*command.split(), "--rpc-url", url)
    _assert_one_line_error(result, f"Invalid value for '--rpc-url': {url!r} is not a URL")


@pytest.mark.parametrize(
    "command", [name for name in RPC_URL_COMMANDS if _options(LEAVES_BY_NAME[name], "--backend")]
)
def test_backend_rpc_without_a_url_is_one_line_naming_both_options(command):
    arguments = ["receipts.json"] if command == "replay" else []  # replay's FILES come first
    result = _invoke(*command.split(), *arguments, "--backend", "rpc")
    _assert_one_line_error(result, "--backend rpc needs --rpc-url")


def test_every_command_that_reaches_a_node_takes_rpc_url():
    assert {"run", "replay", "sweep", "deploy", "doctor", "bench gas"} <= set(RPC_URL_COMMANDS)


def test_an_unknown_option_or_command_is_one_line_naming_where_to_look():
    _assert_one_line_error(_invoke("gas", "check", "--bogus"), "see 'rollup-harness gas check -h'")
    _assert_one_line_error(_invoke("banana"), "No such command 'banana'")


@pytest.mark.anvil
def test_doctor_describes_an_rpc_node_without_a_key(chain_factory, monkeypatch):
    url = chain_factory("anvil").url
    monkeypatch.delenv("ROLLUP_HARNESS_PRIVATE_KEY", raising=False)
    for backend in (("--backend", "rpc"), ()):  # --rpc-url alone means rpc
        result = _invoke("doctor", *backend, "--rpc-url", url)
        assert result.exit_code == 0, result.output
        assert "connected: rpc fork prague (as --fork says" in result.output
        assert "chain id 131277322940537" in result.output
