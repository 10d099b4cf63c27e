"""A team's gas gate: the transactions its config pins, run on its own rollup.

The ``[gas]`` table of the config (see :mod:`harness.onchain.config`) says which scenarios to run
and which of their transactions to compare::

    [gas]
    baseline = "gas-baseline.json"   # default; its receipts directory sits next to it
    snapshot = "gas-snapshot.json"   # default; the pytest ``gas_snapshot`` fixture's file
    tolerance = 0.0                  # percent an entry may rise (``--tolerance`` overrides)
    batches = 4                      # the scenarios' pins (these are the defaults)
    txs_per_batch = 100
    seed = 0
    fork = "osaka"                   # eth-tester has no osaka: a gate on it pins "prague"

    [[gas.entries]]
    name = "prove/two"               # the entry's name in the baseline and the tables
    strategy = "two"                 # the scenario: aggregation strategy (default none) ...
    onchain = "range"                # ... and on-chain mode (default range)
    kind = "finalize"                # which transactions: deploy, commit, finalize, submit_root
    label = "proveAggregated"        # optional: only those whose label starts so (before "(")
    index = 0                        # the first of them (default 0)
    what = "..."                     # optional: what the entry is, for a person

Each distinct (strategy, on-chain mode) pair is one scenario, run once on the team's rollup with
its own verifier stack, all on one fresh chain; the entries are picked from its transactions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.aggregation.choice import CHOICE_NAMES, StrategyChoice
from harness.chain.base import Chain
from harness.gasgate.scenarios import PINS, Measurement, Pick, select
from harness.onchain.config import ConfigError, HarnessConfig
from harness.provers.pool import ProverPool
from harness.records.txlog import TxLog, read_txlog
from harness.scenario.config import ONCHAIN_MODES, RunConfig
from harness.scenario.run import run_scenario

GAS_KEYS = frozenset(
    {"baseline", "snapshot", "tolerance", "batches", "txs_per_batch", "seed", "fork", "entries"}
)
ENTRY_KEYS = frozenset({"name", "strategy", "onchain", "kind", "label", "index", "what"})
ENTRY_KINDS = ("deploy", "commit", "finalize", "submit_root")
DEFAULT_BASELINE_NAME = "gas-baseline.json"
DEFAULT_SNAPSHOT_NAME = "gas-snapshot.json"

TEAM_DESCRIPTION = (
    "gasUsed of the transactions the [gas] table of the config pins, compared by "
    "'rollup-harness gas check --config FILE' and rewritten by 'rollup-harness gas update "
    "--config FILE'. The rollup's seals are replayed from the 'receipts' directory (recorded "
    "from the synthetic prover by 'gas update'), so every transaction is byte-identical from "
    "run to run and a moved number means the contracts (or the compiler) moved."
)


@dataclass(frozen=True)
class TeamEntry:
    """One pinned transaction: where it is sent and which of its kind it is."""

    name: str
    kind: str
    strategy: str = "none"
    onchain: str = "range"
    label: str | None = None
    index: int = 0
    what: str = ""

    @property
    def scenario(self) -> str:
        """The name of the scenario the entry's transaction belongs to."""
        return f"{self.onchain}-{self.strategy}"

    def pick(self) -> Pick:
        """How the entry is found in the scenarios' transaction log."""
        what = self.what or f"{self.kind} #{self.index} of the {self.scenario} scenario"
        return Pick(self.name, what, self.scenario, self.kind, self.label, self.index)


@dataclass(frozen=True)
class GasSettings:
    """What a config's ``[gas]`` table says (paths resolved against the config's folder)."""

    baseline: Path
    snapshot: Path
    tolerance: float
    batches: int
    txs_per_batch: int
    seed: int
    fork: str
    entries: tuple[TeamEntry, ...]


def gas_settings(config: HarnessConfig) -> GasSettings:
    """The ``[gas]`` table of ``config``, checked; a missing table means the defaults."""
    table, origin = config.gas, config.path or "the config"
    unknown = sorted(set(table) - GAS_KEYS)
    if unknown:
        raise ConfigError(f"{origin}: unknown key {unknown[0]!r} in [gas]")
    entries = table.get("entries", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{origin}: [gas] entries must be [[gas.entries]] tables")
    parsed = tuple(_entry(entry, origin) for entry in entries)
    names = [entry.name for entry in parsed]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(f"{origin}: two [[gas.entries]] are named {repeated[0]!r}")
    tolerance = table.get("tolerance", 0.0)
    if not _number(tolerance) or tolerance < 0:
        raise ConfigError(f"{origin}: [gas] tolerance must be a percentage >= 0")
    return GasSettings(
        baseline=config.folder / _text(table, "baseline", DEFAULT_BASELINE_NAME, origin),
        snapshot=config.folder / _text(table, "snapshot", DEFAULT_SNAPSHOT_NAME, origin),
        tolerance=float(tolerance),
        batches=_count(table, "batches", PINS.batches, origin, least=1),
        txs_per_batch=_count(table, "txs_per_batch", PINS.txs_per_batch, origin, least=1),
        seed=_count(table, "seed", PINS.seed, origin, least=0),
        fork=_text(table, "fork", PINS.fork, origin),
        entries=parsed,
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(table: dict[str, Any], key: str, default: str, origin: object) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{origin}: [gas] {key} must be a non-empty string")
    return value


def _count(table: dict[str, Any], key: str, default: int, origin: object, *, least: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise ConfigError(f"{origin}: [gas] {key} must be a whole number >= {least}")
    return value


def _entry(entry: dict[str, Any], origin: object) -> TeamEntry:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{origin}: every [[gas.entries]] needs a name")
    where = f"{origin}: gas entry {name!r}"
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise ConfigError(f"{where} has an unknown key {unknown[0]!r}")
    checks = (
        ("kind", entry.get("kind"), ENTRY_KINDS),
        ("strategy", entry.get("strategy", "none"), CHOICE_NAMES),
        ("onchain", entry.get("onchain", "range"), ONCHAIN_MODES),
    )
    for key, value, choices in checks:
        if value not in choices:
            raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, got {value!r}")
    index = entry.get("index", 0)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ConfigError(f"{where}: index must be a whole number >= 0")
    label, what = entry.get("label"), entry.get("what", "")
    if not (label is None or (isinstance(label, str) and label)) or not isinstance(what, str):
        raise ConfigError(f"{where}: label and what must be strings")
    return TeamEntry(name, entry["kind"], checks[1][1], checks[2][1], label, index, what)


@dataclass(frozen=True)
class TeamSuite:
    """The scenarios a team's config pins, run on its rollup (the gate's suite protocol)."""

    config: HarnessConfig
    settings: GasSettings
    block_gas_limit: int = PINS.block_gas_limit
    description: str = TEAM_DESCRIPTION

    @classmethod
    def of(cls, config: HarnessConfig) -> TeamSuite:
        """The suite of ``config``, which must pin at least one entry."""
        settings = gas_settings(config)
        if not settings.entries:
            raise ConfigError(
                f"{config.path} pins no transactions; declare them as [[gas.entries]] under [gas]"
            )
        return cls(config, settings)

    @property
    def fork(self) -> str:
        """The fork of ``[gas] fork``."""
        return self.settings.fork

    def pins(self) -> dict[str, Any]:
        """The scenario pins and every entry, as stored in the team's baseline."""
        settings = self.settings
        return {
            "rollup": self.config.target.name,
            "fork": settings.fork,
            "block_gas_limit": self.block_gas_limit,
            "batches": settings.batches,
            "txs_per_batch": settings.txs_per_batch,
            "seed": settings.seed,
            "entries": [asdict(entry) for entry in settings.entries],
        }

    def seals(self, receipts: Path) -> str:
        """The team's rollup and the replayed receipts."""
        return f"rollup    {self.config.target.name} ({self.config.path}); seals from {receipts}"

    def scenarios(self) -> dict[str, RunConfig]:
        """Each distinct scenario the entries name, by name, in the order first named."""
        settings, scenarios = self.settings, {}
        for entry in settings.entries:
            scenarios.setdefault(
                entry.scenario,
                RunConfig(
                    proofs=settings.batches,
                    strategy=StrategyChoice.parse(entry.strategy),
                    onchain=entry.onchain,
                    txs_per_batch=settings.txs_per_batch,
                    seed=settings.seed,
                ),
            )
        return scenarios

    def measure(
        self, chain: Chain, pool: ProverPool, *, workdir: Path, receipts_dir: Path
    ) -> Measurement:
        """Run every scenario on ``chain`` (fresh) and read each entry's gas from the log."""
        log_path = workdir / "txs.jsonl"
        with TxLog(log_path, backend=chain.info.backend, fork=chain.info.fork) as txlog:
            for name, config in self.scenarios().items():
                run_scenario(
                    chain,
                    config,
                    txlog=txlog,
                    receipts_dir=receipts_dir,
                    scenario=name,
                    target=self.config.target,
                    pool=pool,
                )
        picks = [entry.pick() for entry in self.settings.entries]
        return Measurement(tuple(select(read_txlog(log_path), picks)), chain.info)
