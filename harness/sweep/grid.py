"""The sweep's grid: which scenarios it runs, checked before any work starts.

A scenario is one proof count settled with one strategy in one on-chain mode on one fork, its
batch data posted in one data-availability mode. Scenarios that share a fork, a
data-availability mode and a batch size share one committed batch sequence: the sweep commits
it once, in rising proof-count order, and settles every scenario from a snapshot.

Names carry the data-availability mode after the fork (``osaka/blob/t100/range/n150/two``),
except calldata's, which keep the shorter form (``osaka/t100/range/n150/two``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from harness.aggregation.choice import StrategyChoice
from harness.aggregation.strategies import Strategy, StrategyKind
from harness.chain.backends import DEFAULT_BLOCK_GAS_LIMIT
from harness.chain.selection import check_forks, resolve_backend, run_fork
from harness.common.errors import UsageError
from harness.costmodel.decider import choose, decide
from harness.costmodel.presets import get_preset
from harness.l2.blob_batch import check_fits_one_transaction, transfers_per_blobs
from harness.l2.workload import DEFAULT_TXS_PER_BATCH
from harness.onchain.config import load_config
from harness.onchain.target import HARNESS_TARGET, RollupTarget
from harness.scenario.config import ONCHAIN_MODES

DEFAULT_PROOFS = (3, 6, 10, 25, 50, 100, 150, 500, 800, 1000)
#: ``auto`` is not among the defaults: the decider always picks one of these four.
DEFAULT_STRATEGIES = tuple(StrategyChoice(kind) for kind in StrategyKind)
DEFAULT_ONCHAIN = ONCHAIN_MODES
#: A batch that fills one blob: as many encoded transfers as one blob's data bytes hold.
BLOB_FILLING_BATCH_SIZE = transfers_per_blobs(1)
#: Other batch sizes run at the small proof counts, so that the calibrated fit can tell gas
#: per batch from gas per calldata byte (with one batch size the two move together), and so
#: that one sequence fills its blobs.
DEFAULT_EXTRA_BATCH_SIZES = (50, 400, BLOB_FILLING_BATCH_SIZE)
#: The data-availability mode whose scenario names keep the short form (no mode in them).
CALLDATA = "calldata"


def sequence_prefix(fork: str, da: str) -> str:
    """What names of a fork's sequences in data-availability mode ``da`` start with:
    ``osaka/blob``, or ``osaka`` for calldata."""
    return fork if da == CALLDATA else f"{fork}/{da}"


#: Largest proof count the extra batch sizes are run at.
EXTRA_MAX_PROOFS = 50
#: Leaves of the set-verifier trees whose per-batch inclusion cost is measured (depth 0 … 10).
SET_DEPTH_LEAVES = tuple(2**k for k in range(11))


@dataclass(frozen=True)
class ScenarioSpec:
    """One scenario: ``proofs`` batches of ``txs_per_batch`` transfers settled with ``strategy``."""

    fork: str
    onchain: str
    proofs: int
    txs_per_batch: int
    strategy: Strategy
    #: Whether the model's decider picks this strategy for this proof count.
    decider_choice: bool
    #: Where the batch data went: ``calldata``, ``blob`` or ``blob-kzg``.
    da: str = CALLDATA

    @property
    def name(self) -> str:
        """The scenario's label in ``txs.jsonl``: ``osaka/blob/t100/range/n150/two``
        (``prague/t100/range/n150/two`` in calldata mode)."""
        return (
            f"{sequence_prefix(self.fork, self.da)}/t{self.txs_per_batch}/{self.onchain}"
            f"/n{self.proofs}/{self.strategy.name}"
        )


@dataclass(frozen=True)
class BatchGroup:
    """Scenarios that share one committed batch sequence: one fork, one data-availability
    mode, one batch size."""

    fork: str
    txs_per_batch: int
    proofs: tuple[int, ...]
    da: str = CALLDATA


@dataclass(frozen=True)
class SweepPlan:
    """What a sweep runs; every field is checked when the plan is made, before any work."""

    proofs: tuple[int, ...] = DEFAULT_PROOFS
    strategies: tuple[StrategyChoice, ...] = DEFAULT_STRATEGIES
    onchain: tuple[str, ...] = DEFAULT_ONCHAIN
    #: Forks to run; None: the backend's default for a run (osaka on anvil, prague elsewhere).
    forks: tuple[str, ...] | None = None
    #: Data-availability modes to run; None: the rollup's preferred one (blob where its
    #: adapter commits blobs, else calldata).
    da: tuple[str, ...] | None = None
    backend: str = "auto"
    rpc_url: str | None = None
    txs_per_batch: int = DEFAULT_TXS_PER_BATCH
    extra_batch_sizes: tuple[int, ...] = DEFAULT_EXTRA_BATCH_SIZES
    seed: int = 0
    preset: str = "default"
    block_gas_limit: int = DEFAULT_BLOCK_GAS_LIMIT
    set_depth_leaves: tuple[int, ...] = SET_DEPTH_LEAVES
    #: The config file naming the rollup to drive (absolute; None: the harness's own
    #: ``Rollup.sol``). Units read it where they run (:func:`sweep_target`).
    config: Path | None = None

    def __post_init__(self) -> None:
        _require("proofs", self.proofs)
        if min(self.proofs) < 1:
            raise UsageError(f"proofs must all be at least 1, got {min(self.proofs)}")
        _require("strategies", self.strategies)
        _require("onchain", self.onchain, ONCHAIN_MODES)
        if self.txs_per_batch < 1 or any(size < 1 for size in self.extra_batch_sizes):
            raise UsageError("batch sizes (txs_per_batch, extra_batch_sizes) must be >= 1")
        if self.seed < 0:
            raise UsageError(f"seed must be >= 0, got {self.seed}")
        get_preset(self.preset)
        backend = resolve_backend(self.backend, self.rpc_url)
        object.__setattr__(self, "backend", backend)
        if self.config is not None:
            object.__setattr__(self, "config", Path(self.config).resolve())
        if self.forks is None:
            object.__setattr__(self, "forks", (run_fork(backend, self.rpc_url),))
        _require("forks", self.forks)
        target = sweep_target(self.config)
        if self.da is None:
            object.__setattr__(self, "da", (target.preferred_da,))
        _require("da", self.da)
        for mode in self.da:
            target.check_da(mode)
        for name in ("proofs", "strategies", "onchain", "forks", "da", "extra_batch_sizes"):
            object.__setattr__(self, name, _unique(getattr(self, name)))
        object.__setattr__(self, "proofs", tuple(sorted(self.proofs)))
        object.__setattr__(
            self,
            "extra_batch_sizes",
            tuple(size for size in self.extra_batch_sizes if size != self.txs_per_batch),
        )
        check_forks(backend, self.forks)
        self._check_blob_batches()

    def _check_blob_batches(self) -> None:
        """Refuse a batch size whose blobs one transaction cannot carry on a fork (a blob
        batch is committed by one transaction, never split)."""
        for fork in self.forks or ():
            for da in self.da or ():
                if da == CALLDATA:
                    continue
                for group in self.groups(fork, da):
                    check_fits_one_transaction(group.txs_per_batch, fork)

    def groups(self, fork: str, da: str = CALLDATA) -> list[BatchGroup]:
        """The batch sequences of ``fork`` in mode ``da``: the main batch size, then the extra
        ones."""
        groups = [BatchGroup(fork, self.txs_per_batch, self.proofs, da)]
        small = tuple(n for n in self.proofs if n <= EXTRA_MAX_PROOFS)
        if small:
            groups += [BatchGroup(fork, size, small, da) for size in self.extra_batch_sizes]
        return groups

    def strategies_for(self, proofs: int) -> list[Strategy]:
        """The strategies run at ``proofs``: ``auto`` resolved by the decider, no duplicates."""
        preset = get_preset(self.preset)
        resolved: dict[str, Strategy] = {}
        for choice in self.strategies:
            strategy = choose(choice, proofs, preset)
            resolved.setdefault(strategy.name, strategy)
        return list(resolved.values())

    def scenarios(
        self, fork: str, onchain: str, proofs: int, txs_per_batch: int, da: str = CALLDATA
    ) -> list[ScenarioSpec]:
        """Every scenario at one proof count, in strategy order."""
        chosen = decide(proofs, get_preset(self.preset))
        return [
            ScenarioSpec(fork, onchain, proofs, txs_per_batch, strategy, strategy == chosen, da)
            for strategy in self.strategies_for(proofs)
        ]

    def to_json(self) -> dict[str, object]:
        """The plan as recorded in the sweep's summary."""
        return {
            "proofs": list(self.proofs),
            "strategies": [choice.name for choice in self.strategies],
            "onchain": list(self.onchain),
            "forks": list(self.forks or ()),
            "da": list(self.da or ()),
            "backend": self.backend,
            "txs_per_batch": self.txs_per_batch,
            "extra_batch_sizes": list(self.extra_batch_sizes),
            "extra_max_proofs": EXTRA_MAX_PROOFS,
            "seed": self.seed,
            "preset": self.preset,
            "block_gas_limit": self.block_gas_limit,
            "set_depth_leaves": list(self.set_depth_leaves),
        }


@cache
def sweep_target(config: Path | None) -> RollupTarget:
    """The rollup a sweep of ``config`` drives, read (adapter imported, contracts compiled) once
    per process: in each worker process, on each cluster worker."""
    return HARNESS_TARGET if config is None else load_config(config).target


def _require(name: str, values: tuple, choices: tuple[str, ...] | None = None) -> None:
    if not values:
        raise UsageError(f"{name} is empty; give at least one value")
    for value in values:
        if choices is not None and value not in choices:
            raise UsageError(f"{name}: unknown value {value!r}; choose from {', '.join(choices)}")


def _unique(values: tuple) -> tuple:
    return tuple(dict.fromkeys(values))
