"""A synthetic sweep: the records and the manifest of a grid with a known cost structure.

A commit costs 21,000 + 2,100 gas per transfer; a range finalise 284,600 gas, a rollup's first
301,300; a set root 287,000 and an inclusion finalise 78,000 + 800 per path level.
"""

from __future__ import annotations

from harness.costmodel.decider import decide
from harness.costmodel.estimator import estimate
from harness.costmodel.fees import Fees
from harness.costmodel.presets import get_preset
from harness.records.sweep_manifest import SweepManifest
from harness.records.txlog import TxRecord

FORK = "prague"
PROOFS = (3, 10, 30, 100)
SIZES = (100, 400)
STRATEGIES = ("none", "single", "two", "three")
FIRST_FINALIZE, FINALIZE = 301_300, 284_600
ROOT, INCLUSION, PER_LEVEL = 287_000, 78_000, 800
FINALIZE_BYTES, ROOT_BYTES = 580, 388
#: The prices the synthetic sweep's reports reckon its cost at.
FEES = Fees(0.5, 0.001, 2_500.0, "given")


def commit_gas(size: int) -> int:
    return 21_000 + 2_100 * size


def _record(
    kind: str,
    scenario: str,
    gas: int,
    *,
    label: str = "",
    batches=None,
    size: int = FINALIZE_BYTES,
    floor: int = 0,
    intrinsic: int = 26_640,
) -> TxRecord:
    return TxRecord(
        kind=kind,
        label=label,
        scenario=scenario,
        strategy="",
        batches=batches,
        gas_used=gas,
        gas_limit=60_000_000,
        calldata_bytes=size,
        calldata_zero_bytes=size // 4,
        calldata_nonzero_bytes=size - size // 4,
        intrinsic_gas=intrinsic,
        floor_gas=floor,
        status=1,
        tx_hash="0x" + "00" * 32,
        block=1,
        backend="anvil",
        fork=FORK,
    )


def _roots(proofs: int, factor: int) -> list[tuple[int, int]]:
    return [(first, min(first + factor - 1, proofs)) for first in range(1, proofs + 1, factor)]


def _settle(name: str, mode: str, proofs: int, factor: int) -> list[TxRecord]:
    roots = _roots(proofs, factor)
    if mode == "range":
        return [
            _record(
                "finalize", name, FIRST_FINALIZE if first == 1 else FINALIZE, batches=(first, last)
            )
            for first, last in roots
        ]
    depth = (len(roots) - 1).bit_length()
    return [_record("submit_root", name, ROOT, size=ROOT_BYTES)] + [
        _record(
            "finalize",
            name,
            INCLUSION + PER_LEVEL * depth,
            batches=(first, last),
            size=FINALIZE_BYTES + 32 * depth,
        )
        for first, last in roots
    ]


def synthetic_document() -> tuple[list[TxRecord], dict]:
    """The records of a synthetic sweep, and its manifest as ``manifest.json`` holds it."""
    records: list[TxRecord] = []
    scenarios = []
    preset = get_preset("default")
    for size in SIZES:
        commits = f"{FORK}/t{size}/commits"
        records += [
            _record(
                "commit",
                commits,
                commit_gas(size),
                batches=(i, i),
                size=68 + 64 * size,
                floor=commit_gas(size),
            )
            for i in range(1, max(PROOFS) + 1)
        ]
        for proofs in PROOFS:
            for mode in ("range", "set"):
                for kind in STRATEGIES:
                    strategy = preset.strategy(kind)
                    name = f"{FORK}/t{size}/{mode}/n{proofs}/{kind}"
                    records += _settle(name, mode, proofs, strategy.aggregation_factor)
                    scenarios.append(
                        {
                            "name": name,
                            "fork": FORK,
                            "onchain": mode,
                            "da": "calldata",
                            "proofs": proofs,
                            "txs_per_batch": size,
                            "strategy": kind,
                            "strategy_description": strategy.description,
                            "aggregation_factor": strategy.aggregation_factor,
                            "decider_choice": decide(proofs) == strategy,
                            "model": estimate(proofs, strategy).to_json(),
                            "tree": {
                                "strategy": kind,
                                "leaves": proofs,
                                "depth": len(strategy.levels),
                                "max_fan_out": max(strategy.levels, default=0),
                                "node_count": proofs,
                                "roots": [
                                    list(root)
                                    for root in _roots(proofs, strategy.aggregation_factor)
                                ],
                                "set_depth": None,
                            },
                            "onchain_state_root": "0x" + "5e" * 32,
                            "proving": {
                                "requests": 1,
                                "seals_made": 1,
                                "seals_reused": 0,
                                "cache_hit_rate": 0.5,
                                "workers": 2,
                                "seconds": 0.1,
                            },
                            "seconds": 0.2,
                            "requested_proofs": proofs,
                            "requested_txs_per_batch": size,
                            "commit_scenario": commits,
                        }
                    )
    for receipt in ("synthetic", "risc0-3.0"):
        records += [
            _record("verify", f"{FORK}/verify/{receipt}", 244_788, label="bare", size=420),
            _record("verify", f"{FORK}/verify/{receipt}", 256_691, label="routed", size=420),
        ]
    depth_probes = {}
    for leaves in (1, 2, 4):
        name = f"{FORK}/t100/set-depth/k{leaves}"
        depth = (leaves - 1).bit_length()
        records += [
            _record("submit_root", name, ROOT),
            _record("finalize", name, INCLUSION + PER_LEVEL * depth, batches=(1, 1)),
        ]
        depth_probes[name] = leaves
    records.append(
        _record("finalize", f"{FORK}/t100/set-depth/range", FIRST_FINALIZE, batches=(1, 1))
    )
    depth_probes[f"{FORK}/t100/set-depth/range"] = 0
    manifest = {
        "format": "rollup-harness/sweep@1",
        "harness_version": "0.1.0",
        "started_at": "2026-01-01T00:00:00Z",
        "plan": {
            "proofs": list(PROOFS),
            "strategies": list(STRATEGIES),
            "onchain": ["range", "set"],
            "forks": [FORK],
            "da": ["calldata"],
            "backend": "anvil",
            "txs_per_batch": 100,
            "extra_batch_sizes": [400],
            "extra_max_proofs": 50,
            "seed": 0,
            "preset": "default",
            "block_gas_limit": 60_000_000,
            "set_depth_leaves": [1, 2, 4],
        },
        "rollup": {"name": "Rollup.sol", "contract": "Rollup", "config": None},
        "prover": {"name": "synthetic", "verifier": "synthetic key", "workers": 2},
        "chains": [
            {
                "fork": FORK,
                "backend": "anvil",
                "client": "anvil/v1",
                "chain_id": 1,
                "block_gas_limit": 60_000_000,
                "tx_gas_limit": 60_000_000,
                "tx_gas_limit_name": "the block gas limit",
            }
        ],
        "scenarios": scenarios,
        "verify_probes": [f"{FORK}/verify/synthetic", f"{FORK}/verify/risc0-3.0"],
        "set_depth_probes": depth_probes,
        "splits": [],
        "proving": {
            "requests": 10,
            "seals_made": 5,
            "seals_reused": 0,
            "cache_hit_rate": 0.5,
            "workers": 2,
            "seconds": 1.0,
        },
        "wall_seconds": 12.5,
        "fees": FEES.to_json(),
    }
    return records, manifest


def synthetic_sweep() -> tuple[list[TxRecord], SweepManifest]:
    """The records of the synthetic sweep, and its manifest."""
    records, document = synthetic_document()
    return records, SweepManifest.from_json(document)
