"""A run's summary, as ``summary.json`` holds it: model against measurement for one scenario (and
for the scenario it is compared with, if any), every gas figure summed over its records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from harness.costmodel.fees import Fees, L1Cost
from harness.costmodel.set_mode import SetModeLine, set_mode_line
from harness.records.outcome import ScenarioOutcome

#: The keys of a run summary, in the order ``summary.json`` has them (``compared`` comes last).
_KEYS = (
    "proofs",
    "strategy",
    "strategy_description",
    "aggregation_factor",
    "onchain_mode",
    "da",
    "prover",
    "verifier",
    "backend",
    "fork",
    "chain_id",
    "client",
    "txs_per_batch",
    "seed",
    "rollup",
    "verifications",
    "batches_finalized",
    "reference_state_root",
    "onchain_state_root",
    "gas",
    "cost",
    "model",
    "measured_gas_per_verification",
    "deviation_percent",
    "tree",
    "proving",
    "seconds",
)


@dataclass(frozen=True)
class GasTotals:
    """A scenario's gas by what it paid for."""

    commit: int
    finalize: int
    submit_root: int
    #: Deploying and configuring the contracts; not part of :attr:`total`.
    deploy: int
    #: The finalise transactions' gas split into ``intrinsic`` (21,000 + calldata, or the
    #: EIP-7623 floor), ``verification`` (the verifier stack's frames) and ``rollup`` (the
    #: rollup's own execution); None where the backend could not trace them.
    finalize_breakdown: dict[str, int] | None = None
    #: How much more execution gas the rollup's first finalise used than a later one (the
    #: cold storage it writes; :mod:`harness.records.cold_storage`); None where the scenario
    #: has no later finalise to set it against.
    first_finalize_cold_storage: int | None = None
    #: Blob gas of every transaction (the commits' blobs in the blob modes); priced apart
    #: from execution gas, so not part of :attr:`total`.
    blob: int = 0
    #: The set root's submission split like :attr:`finalize_breakdown`; None in range mode
    #: and where the backend could not trace it.
    submit_root_breakdown: dict[str, int] | None = None

    @property
    def settlement(self) -> int:
        """Proof submission: every finalise plus the set root's submission."""
        return self.finalize + self.submit_root

    @property
    def total(self) -> int:
        """Settlement and batch data (the commits) together."""
        return self.commit + self.finalize + self.submit_root

    def to_json(self) -> dict[str, Any]:
        """The totals by kind, with their sum before the deploy gas, the finalise
        transactions' and the set root submission's split by call frame where they were
        traced, and the first finalise's cold storage where it could be measured."""
        totals: dict[str, Any] = {
            "commit": self.commit,
            "finalize": self.finalize,
            "submit_root": self.submit_root,
            "total": self.total,
            "deploy": self.deploy,
            "blob": self.blob,
        }
        if self.finalize_breakdown is not None:
            totals["finalize_breakdown"] = self.finalize_breakdown
        if self.first_finalize_cold_storage is not None:
            totals["first_finalize_cold_storage"] = self.first_finalize_cold_storage
        if self.submit_root_breakdown is not None:
            totals["submit_root_breakdown"] = self.submit_root_breakdown
        return totals

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GasTotals:
        """The totals of a summary's ``gas`` object (``total`` is recomputed)."""
        return cls(
            data["commit"],
            data["finalize"],
            data["submit_root"],
            data["deploy"],
            data.get("finalize_breakdown"),
            data.get("first_finalize_cold_storage"),
            data.get("blob", 0),
            data.get("submit_root_breakdown"),
        )


@dataclass(frozen=True)
class RunSummary:
    """One scenario of a run: what it settled and how, on which chain, and what it cost.

    ``verifications`` counts the proofs the chain accepted (one per forest root), as the
    model's ``aggregated_count`` does.
    """

    outcome: ScenarioOutcome
    onchain_mode: str
    prover: str
    verifier: str
    backend: str
    fork: str
    chain_id: int
    client: str
    seed: int
    rollup: str
    verifications: int
    batches_finalized: int
    reference_state_root: str
    gas: GasTotals
    #: How the batches' data reached L1: ``calldata``, ``blob`` or ``blob-kzg``.
    da: str = "calldata"
    #: The same batches settled with the strategy the run compares against.
    compared: RunSummary | None = None
    #: The prices its cost is reckoned at (None: not priced).
    fees: Fees | None = None

    @property
    def cost(self) -> L1Cost | None:
        """Settlement and batch data (:attr:`GasTotals.total`) at the base fee, and the run's
        blob gas at the blob base fee; None when not priced."""
        if self.fees is None:
            return None
        return L1Cost(self.fees, self.gas.total, self.gas.blob)

    def priced(self, fees: Fees) -> RunSummary:
        """This summary, and the one it is compared with, priced at ``fees``."""
        compared = self.compared.priced(fees) if self.compared is not None else None
        return replace(self, fees=fees, compared=compared)

    @property
    def measured_gas_per_verification(self) -> float:
        """Settlement gas per verification."""
        return self.gas.settlement / self.verifications

    @property
    def deviation_percent(self) -> float:
        """The model's error on settlement gas: (measured − model) / model, in percent."""
        model_gas = self.outcome.model.aggregated_gas
        return (self.gas.settlement - model_gas) / model_gas * 100

    @property
    def set_model(self) -> SetModeLine | None:
        """Set mode's model line for the proofs this run settled (None for range proofs)."""
        if self.onchain_mode != "set":
            return None
        return set_mode_line(self.verifications)

    def to_json(self) -> dict[str, Any]:
        """The summary as ``summary.json`` holds it (with set mode's model line in set
        mode)."""
        values = self.outcome.to_json() | {
            "onchain_mode": self.onchain_mode,
            "da": self.da,
            "prover": self.prover,
            "verifier": self.verifier,
            "backend": self.backend,
            "fork": self.fork,
            "chain_id": self.chain_id,
            "client": self.client,
            "seed": self.seed,
            "rollup": self.rollup,
            "verifications": self.verifications,
            "batches_finalized": self.batches_finalized,
            "reference_state_root": self.reference_state_root,
            "gas": self.gas.to_json(),
            "cost": self.cost.to_json() if self.cost is not None else None,
            "measured_gas_per_verification": self.measured_gas_per_verification,
            "deviation_percent": self.deviation_percent,
        }
        document = {key: values[key] for key in _KEYS if key != "cost" or values[key]}
        if self.set_model is not None:
            document["set_model"] = self.set_model.to_json()
        if self.compared is not None:
            document["compared"] = self.compared.to_json()
        return document

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunSummary:
        """The summary ``data`` holds (the derived figures are recomputed)."""
        compared = data.get("compared")
        return cls(
            outcome=ScenarioOutcome.from_json(data),
            onchain_mode=data["onchain_mode"],
            prover=data["prover"],
            verifier=data["verifier"],
            backend=data["backend"],
            fork=data["fork"],
            chain_id=data["chain_id"],
            client=data["client"],
            seed=data["seed"],
            rollup=data["rollup"],
            verifications=data["verifications"],
            batches_finalized=data["batches_finalized"],
            reference_state_root=data["reference_state_root"],
            gas=GasTotals.from_json(data["gas"]),
            da=data.get("da", "calldata"),
            compared=cls.from_json(compared) if compared is not None else None,
            fees=Fees.from_json(data["cost"]["fees"]) if data.get("cost") else None,
        )
