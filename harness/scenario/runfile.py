"""``run.json``: what a run is and how far it got, so that ``run --resume DIR`` can finish it.

Written when the run starts and again (atomically: a temporary file renamed over it) whenever
a contract is deployed or a scenario finishes. It holds the run's options, the chain it runs
on (never a key), each scenario's deployed contracts and, once done, its summary.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from harness.aggregation.choice import StrategyChoice
from harness.common.errors import UsageError
from harness.common.files import atomic_write_text
from harness.common.jsonfields import load_json, problem
from harness.costmodel.fees import DEFAULT_FEES, Fees
from harness.records.txlog import MAIN_SCENARIO
from harness.scenario.config import RunConfig

FORMAT = "rollup-harness/run@2"
RUN_FILE = "run.json"


@dataclass(frozen=True)
class RunSetup:
    """What a run is: its scenario options and the chain it runs on.

    ``start_block`` and ``start_nonce`` are the chain's block number and the sender's nonce
    before the run sent anything: every transaction of the run is after them. ``persistent``
    says whether the chain outlives the harness (so that the run can be resumed).
    """

    config: RunConfig
    compare: StrategyChoice | None
    backend: str
    fork: str
    chain_id: int
    sender: str
    rpc_url: str | None
    manifest: Path | None
    start_block: int
    start_nonce: int
    persistent: bool
    #: The config file naming the rollup the run drives (None: the harness's own).
    config_file: Path | None = None
    #: The prices the run's cost is reckoned at.
    fees: Fees = DEFAULT_FEES

    def scenarios(self) -> dict[str, RunConfig]:
        """The run's scenarios by name, in the order they run: ``main``, then the comparison
        (the same options with the compared strategy)."""
        scenarios = {MAIN_SCENARIO: self.config}
        if self.compare is not None:
            scenarios[f"compare-{self.compare.name}"] = replace(self.config, strategy=self.compare)
        return scenarios

    def to_json(self) -> dict[str, Any]:
        """The setup as a JSON object."""
        return asdict(self) | {
            "config": self.config.to_json(),
            "compare": self.compare.name if self.compare else None,
            "manifest": _path_text(self.manifest),
            "config_file": _path_text(self.config_file),
            "fees": self.fees.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunSetup:
        """The setup a ``run.json`` records."""
        return cls(
            **(
                data
                | {
                    "config": RunConfig.from_json(data["config"]),
                    "compare": StrategyChoice.parse(data["compare"]) if data["compare"] else None,
                    "manifest": Path(data["manifest"]) if data.get("manifest") else None,
                    "config_file": Path(data["config_file"]) if data.get("config_file") else None,
                    "fees": Fees.from_json(data["fees"]) if data.get("fees") else DEFAULT_FEES,
                }
            )
        )


def _path_text(path: Path | None) -> str | None:
    return str(path) if path is not None else None


@dataclass(frozen=True)
class ScenarioProgress:
    """How far one scenario got: the contracts it deployed, by label, and its summary once
    it finished."""

    name: str
    contracts: dict[str, str] = field(default_factory=dict)
    summary: dict[str, Any] | None = None

    @property
    def complete(self) -> bool:
        """Whether the scenario finished (its summary is known)."""
        return self.summary is not None


class RunFile:
    """The ``run.json`` of one run directory; every change is written through at once."""

    def __init__(
        self,
        directory: Path,
        setup: RunSetup,
        scenarios: dict[str, ScenarioProgress],
        *,
        finished: bool = False,
    ) -> None:
        self.directory = directory
        self.setup = setup
        self.scenarios = scenarios
        self.finished = finished

    @property
    def path(self) -> Path:
        """Where the file lives."""
        return self.directory / RUN_FILE

    @classmethod
    def create(cls, directory: Path, setup: RunSetup) -> RunFile:
        """Start the run file of a new run in ``directory``."""
        scenarios = {name: ScenarioProgress(name) for name in setup.scenarios()}
        run = cls(directory, setup, scenarios)
        run.save()
        return run

    @classmethod
    def read(cls, directory: Path) -> RunFile:
        """The run file in ``directory``; a missing or malformed one is a usage error."""
        path = directory / RUN_FILE
        if not path.is_file():
            raise UsageError(
                f"{directory} holds no {RUN_FILE}, so it is not a run this harness can resume"
            )
        try:
            data = load_json(path.read_bytes())
            if data.get("format") != FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
            scenarios = {
                item["name"]: ScenarioProgress(item["name"], item["contracts"], item["summary"])
                for item in data["scenarios"]
            }
            setup = RunSetup.from_json(data["setup"])
            run = cls(directory, setup, scenarios, finished=data["finished"])
        except (OSError, AttributeError, KeyError, TypeError, ValueError) as exc:
            detail = problem(exc)
            raise UsageError(f"{path} is not a run file of this harness ({detail})") from None
        if tuple(scenarios) != tuple(setup.scenarios()):
            raise UsageError(f"{path} lists scenarios {', '.join(scenarios)}, not the run's")
        return run

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object."""
        return {
            "format": FORMAT,
            "setup": self.setup.to_json(),
            "scenarios": [asdict(progress) for progress in self.scenarios.values()],
            "finished": self.finished,
        }

    def save(self) -> None:
        """Write the file atomically: whatever happens, it holds the old or the new text."""
        atomic_write_text(self.path, json.dumps(self.to_json(), indent=1) + "\n")

    def deployed(self, scenario: str, label: str, address: str) -> None:
        """Note that ``scenario`` deployed ``label`` at ``address``."""
        progress = self.scenarios[scenario]
        if progress.contracts.get(label) != address:
            contracts = progress.contracts | {label: address}
            self.scenarios[scenario] = replace(progress, contracts=contracts)
            self.save()

    def completed(self, scenario: str, summary: dict[str, Any]) -> None:
        """Note that ``scenario`` finished with ``summary``."""
        self.scenarios[scenario] = replace(self.scenarios[scenario], summary=summary)
        self.save()

    def reopen(self, scenario: str) -> None:
        """Note that ``scenario`` is not finished after all (the chain lost its last blocks)."""
        if self.scenarios[scenario].complete:
            self.scenarios[scenario] = replace(self.scenarios[scenario], summary=None)
            self.save()

    def finish(self) -> None:
        """Note that the run is over and its summary written."""
        self.finished = True
        self.save()
