"""A team's config file: which rollup the harness drives and how its gas is gated.

The file is ``rollup-harness.toml`` in the team's repository, or the ``[tool.rollup-harness]``
table of its ``pyproject.toml``; every path in it is relative to the file's folder::

    [rollup]
    adapter = "adapter:ADAPTER"            # module:attribute, importable from this folder
    contract = "Proposals"                 # the rollup contract's name
    sources = ["contracts"]                # Solidity files or folders, compiled by the harness
    # forge_out = "out"                    # ...or the output folder of `forge build`
    batch_image_id = "0x…"                 # the batch program's image id
    aggregator_image_id = "0x…"            # the aggregator's image id

    [gas]
    baseline = "gas-baseline.json"         # the gate's baseline, in the team's repo
    tolerance = 0.0                        # percent a transaction may rise before the gate fails

    [[gas.entries]]                        # one entry per transaction to pin
    name = "prove/two"                     # the entry's name in the baseline and the diff
    strategy = "two"                       # the scenario: strategy, on-chain mode, batches
    onchain = "range"
    kind = "finalize"                      # which of its transactions: kind and index
    index = 0

:mod:`harness.gasgate.team` reads the ``[gas]`` table and lists every key it takes. Without a
file the harness drives its own ``Rollup.sol``.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.claims.images import ImageIds
from harness.common.errors import HarnessError, UsageError
from harness.common.hexcodec import from_hex
from harness.onchain.adapter import RollupAdapter
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.toolchain.forge_artifact import load_forge_artifact
from harness.toolchain.solc import Artifact, compile_sources

CONFIG_FILE = "rollup-harness.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "rollup-harness"
#: Adapter modules are imported as submodules of a package of this prefix and their folder's
#: digest (see :func:`config_package`).
ADAPTER_PACKAGE_PREFIX = "rollup_harness_config_"
ROLLUP_KEYS = frozenset(
    {"adapter", "contract", "sources", "forge_out", "batch_image_id", "aggregator_image_id"}
)


class ConfigError(UsageError):
    """The config file is missing, malformed, or names something that does not work."""


@dataclass(frozen=True)
class HarnessConfig:
    """What a config file says: the rollup to drive and the raw ``[gas]`` table (read by the
    gas gate), with the file they came from (None: no file, the harness's own rollup)."""

    target: RollupTarget
    gas: dict[str, Any]
    path: Path | None

    @property
    def folder(self) -> Path:
        """Where the config's relative paths start (the working directory without a file)."""
        return self.path.parent if self.path is not None else Path.cwd()


#: No config file: the harness's own rollup and gas gate.
DEFAULT_CONFIG = HarnessConfig(HARNESS_TARGET, {}, None)


def find_config(folder: Path) -> Path | None:
    """The config file of ``folder``: ``rollup-harness.toml``, else a ``pyproject.toml`` with
    a ``[tool.rollup-harness]`` table, else None."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and TOOL_TABLE in _read_toml(pyproject).get("tool", {}):
        return pyproject
    return None


def load_config(path: Path | None = None) -> HarnessConfig:
    """Read the config at ``path`` (found in the working directory when None); without one,
    :data:`DEFAULT_CONFIG`."""
    path = path if path is not None else find_config(Path.cwd())
    if path is None:
        return DEFAULT_CONFIG
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    document = _read_toml(path)
    table = document.get("tool", {}).get(TOOL_TABLE) if path.name == PYPROJECT else document
    if not isinstance(table, dict):
        raise ConfigError(f"{path} has no [tool.{TOOL_TABLE}] table")
    rollup = table.get("rollup")
    if not isinstance(rollup, dict):
        raise ConfigError(f"{path}: the [rollup] table is missing")
    gas = table.get("gas", {})
    if not isinstance(gas, dict):
        raise ConfigError(f"{path}: [gas] must be a table")
    return HarnessConfig(_target(rollup, path), gas, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc})") from None


def _target(rollup: dict[str, Any], path: Path) -> RollupTarget:
    unknown = sorted(set(rollup) - ROLLUP_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} in [rollup]")
    folder = path.parent
    adapter = load_adapter(_text(rollup, "adapter", path), folder)
    contract = _text(rollup, "contract", path)
    images = ImageIds(
        batch=_image_id(rollup, "batch_image_id", path),
        aggregator=_image_id(rollup, "aggregator_image_id", path),
    )
    artifacts = _contracts(rollup, folder, path, contract)
    return RollupTarget(adapter, images, contract, lambda: artifacts, path)


def _text(table: dict[str, Any], key: str, path: Path) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{path}: [rollup] {key} must be a non-empty string")
    return value


def _image_id(table: dict[str, Any], key: str, path: Path) -> bytes:
    try:
        return from_hex(table.get(key), 32)
    except ValueError as exc:
        raise ConfigError(f"{path}: [rollup] {key} must be 32 bytes of 0x-hex ({exc})") from None


def load_adapter(spec: str, folder: Path) -> RollupAdapter:
    """The adapter ``module:attribute`` names, the module imported from ``folder`` (which is
    also put on the path, for the modules it imports); an attribute that is a class or function
    is called (with no arguments) first.

    The module is imported inside a package of ``folder``'s own (:func:`config_package`), so two
    configs whose adapter modules have the same name each get their own module.
    """
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ConfigError(f"adapter {spec!r} must be written module:attribute")
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    package = config_package(folder)
    try:
        module = importlib.import_module(f"{package}.{module_name}")
    except Exception as exc:  # noqa: BLE001 - whatever the team's module raises, say it in a line
        reason = f"{type(exc).__name__}: {exc}".replace(f"{package}.", "")
        raise ConfigError(
            f"cannot import adapter module {module_name!r} from {folder}: {reason}"
        ) from None
    try:
        adapter = getattr(module, attribute)
    except AttributeError:
        raise ConfigError(
            f"adapter module {module_name!r} has no attribute {attribute!r}"
        ) from None
    if isinstance(adapter, type) or (callable(adapter) and not isinstance(adapter, RollupAdapter)):
        adapter = adapter()
    if not isinstance(adapter, RollupAdapter):
        raise ConfigError(
            f"adapter {spec!r} is a {type(adapter).__name__}, not a rollup adapter (it needs a "
            "name, deploy(host, genesis) and attach(host, address))"
        )
    return adapter


def config_package(folder: Path) -> str:
    """The name of a package whose modules are the Python files of ``folder`` (registered on
    first use): adapter modules are imported as its submodules, so that a module name means
    one file per folder, whatever other folders hold."""
    folder = folder.resolve()
    name = f"{ADAPTER_PACKAGE_PREFIX}{hashlib.sha256(str(folder).encode()).hexdigest()[:16]}"
    if name not in sys.modules:
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = [str(folder)]
        sys.modules[name] = importlib.util.module_from_spec(spec)
    return name


def _contracts(
    rollup: dict[str, Any], folder: Path, path: Path, contract: str
) -> dict[str, Artifact]:
    """The team's contracts, compiled (or loaded from forge's output), holding ``contract``."""
    sources, forge_out = rollup.get("sources"), rollup.get("forge_out")
    if (sources is None) == (forge_out is None):
        raise ConfigError(f"{path}: [rollup] needs exactly one of sources and forge_out")
    if sources is not None:
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise ConfigError(f"{path}: [rollup] sources must be a path or a list of paths")
        files = _solidity_files([folder / source for source in sources], path)

        def load() -> dict[str, Artifact]:
            return compile_sources(files)

    else:
        if not isinstance(forge_out, str):
            raise ConfigError(f"{path}: [rollup] forge_out must be a path")
        out = folder / forge_out

        def load() -> dict[str, Artifact]:
            return _forge_artifacts(out, path)

    try:
        artifacts = load()
    except HarnessError as exc:
        raise ConfigError(f"{path}: the rollup's contracts do not build: {exc}") from None
    if contract not in artifacts:
        known = ", ".join(sorted(artifacts)) or "none"
        raise ConfigError(f"{path}: no contract {contract!r} among the rollup's ({known})")
    return artifacts


def _solidity_files(paths: list[Path], origin: Path) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.rglob("*.sol"))
        elif path.is_file():
            files.append(path)
        else:
            raise ConfigError(f"{origin}: source {path} does not exist")
    if not files:
        raise ConfigError(f"{origin}: no Solidity files under {', '.join(map(str, paths))}")
    return files


def _forge_artifacts(out: Path, origin: Path) -> dict[str, Artifact]:
    """Every contract with creation code in a ``forge build`` output folder."""
    if not out.is_dir():
        raise ConfigError(f"{origin}: forge output folder {out} does not exist")
    artifacts: dict[str, Artifact] = {}
    for file in sorted(out.glob("*.sol/*.json")):
        try:
            artifact = load_forge_artifact(file)
        except UsageError:
            continue  # interfaces, libraries without code, build info
        artifacts.setdefault(artifact.name, artifact)
    return artifacts
