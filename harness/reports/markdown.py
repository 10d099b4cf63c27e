"""``report.md``: the sweep's model-against-measurement report for a person to read."""

from __future__ import annotations

from harness.costmodel.estimator import GAS_PER_VERIFICATION, VERIFY_TIME_MS
from harness.costmodel.set_mode import SET_MODEL_LABEL
from harness.ethereum.calldata import TX_BASE_GAS
from harness.ethereum.limits import BLOCK_GAS, BLOCK_SECONDS, TX_GAS_CAP
from harness.l2.batch import TRANSFER_SIZE
from harness.reports.costs import cost_table
from harness.reports.deviation import Deviation
from harness.reports.findings import findings
from harness.reports.measured import (
    SCENARIO_KEY_COLUMNS,
    FinalizeCost,
    ScenarioMeasurement,
    VerifyCost,
)
from harness.reports.numbers import decimal, markdown_table, percent, whole
from harness.reports.published import (
    BARE_CHECK_EXECUTION,
    BARE_TX_ANVIL,
    ROUTED_TX_ANVIL,
    ROUTED_TX_SEPOLIA,
)
from harness.reports.sweep_analysis import SweepAnalysis
from harness.reports.sweep_da import da_section
from harness.reports.wording import (
    BEHIND_ROUTER,
    BLOCK_BUDGET,
    FIT_METHOD,
    HOLD_OUT,
    LEFT_OUT,
    MODEL_TPS,
    MODEL_TPS_COUNTS,
    PER_SETTLED_PROOF,
    REAL_RECEIPT,
    REAL_RECEIPT_PREFIX,
    SEED_MODEL,
    TX_CAP_POWER,
    UNFITTED,
    floor_prices,
    split_need,
    versus,
)

DECIDER_MARK = " ★"


def render(analysis: SweepAnalysis) -> str:
    """The whole report."""
    sections = (
        header(analysis),
        scenario_table(analysis),
        verification_table(analysis),
        batch_data_table(analysis),
        cost_table(analysis),
        da_section(analysis),
        throughput_table(analysis),
        depth_table(analysis),
        limits_section(analysis),
        calibration_section(analysis),
        ["## Findings", ""] + [f"- {text}" for text in findings(analysis)],
    )
    return "\n".join(line for section in sections for line in [*section, ""]).rstrip() + "\n"


def header(analysis: SweepAnalysis) -> list[str]:
    """What the sweep ran on, how long it took, and where its figures come from."""
    m = analysis.manifest
    plan = m.plan
    chains = "; ".join(
        f"{c.backend} ({c.client}), fork {c.fork}, chain id {c.chain_id}, "
        f"block gas limit {whole(c.block_gas_limit)}, per-transaction limit "
        f"{whole(c.tx_gas_limit)}"
        for c in m.chains
    )
    extra = ", ".join(whole(size) for size in plan.extra_batch_sizes)
    proving = m.proving
    rollup = m.rollup
    origin = f"config `{rollup.config}`" if rollup.config else "the harness's own"
    lines = [
        "# Cost model against measurement: rollup-harness sweep",
        "",
        f"- **Rollup**: {rollup.name} (contract `{rollup.contract}`, {origin}), driven through "
        "its adapter.",
        f"- **Chain**: {chains}.",
        f"- **Batch data**: posted as {', '.join(plan.da)} (data-availability modes).",
        f"- **Prover**: {m.prover.name}; verifier {m.prover.verifier}, {BEHIND_ROUTER}; "
        f"{m.prover.workers} proving worker(s).",
        f"- **Workload**: batches of {whole(plan.txs_per_batch)} L2 transfers (seed "
        f"{plan.seed}), proof counts {', '.join(whole(n) for n in plan.proofs)}; "
        f"preset {plan.preset}."
        + (
            f" Also batches of {extra} transfers at up to {plan.extra_max_proofs} proofs, "
            "for the calibrated fit."
            if extra
            else ""
        ),
        f"- **Run**: rollup-harness {m.harness_version}, started {m.started_at}; "
        f"{len(analysis.scenarios)} scenarios and {analysis.record_count:,} transactions in "
        f"{decimal(m.wall_seconds)} s; {whole(proving.seals_made)} seals made in "
        f"{decimal(proving.seconds)} s ({decimal(proving.cache_hit_rate * 100, 0)} % "
        "of proof requests answered from the cache).",
        f"- **Fees**: {m.fees.describe()}.",
        "",
        "Every gas figure is a sum of `gasUsed` over lines of `txs.jsonl`. A scenario's "
        "settlement is its own lines (`finalize`, `submit_root`); its batch data is the commit "
        "lines of batches 1..N of the batch sequence it was settled on (each scenario was "
        "settled from a snapshot taken after those commits). `summary.json` names them.",
    ]
    return lines


def _strategy(s: ScenarioMeasurement) -> str:
    return s.strategy_description + (DECIDER_MARK if s.decider_choice else "")


def _deviation_cell(deviation: Deviation) -> str:
    """A deviation, and beside it the same without the first finalise's cold storage."""
    text = percent(deviation.percent)
    without = deviation.percent_without_cold_storage
    return text if without is None else f"{text} ({percent(without)} without)"


def _scenario_row(analysis: SweepAnalysis, s: ScenarioMeasurement) -> tuple[str, ...]:
    cold = s.first_finalize_cold_gas
    line = analysis.set_line(s)
    set_cells = (
        (
            whole(line.settlement_gas),
            _deviation_cell(Deviation(s.settlement_gas, line.settlement_gas, cold)),
        )
        if line is not None
        else ("—", "—")
    )
    return (
        s.fork,
        s.da,
        s.onchain,
        whole(s.proofs),
        _strategy(s),
        whole(s.verifications),
        whole(s.model_gas),
        whole(s.settlement_gas),
        _deviation_cell(Deviation(s.settlement_gas, s.model_gas, cold)),
        whole(cold) if cold is not None else "—",
        *set_cells,
        whole(s.gas_per_verification),
        whole(s.commit_gas),
        whole(s.total_gas),
    )


def scenario_table(analysis: SweepAnalysis) -> list[str]:
    """Per scenario, the seed's model and (set mode) the harness's set model line beside the
    measured gas, with the first finalise's cold storage told apart."""
    rows = [_scenario_row(analysis, s) for s in analysis.main]
    return [
        "## Model against measurement, per scenario",
        "",
        f"{SEED_MODEL.capitalize()} prices settlement at {whole(GAS_PER_VERIFICATION)} gas per "
        "proof submitted; measured settlement is every finalise transaction plus, in set mode, "
        "the set root's submission. Deviation = (measured − model) / model, in percent of the "
        "model's gas; in brackets, the same without the cold storage a rollup's first finalise "
        "writes (its execution gas less the mean of the later finalises', measured per "
        f"scenario). Set mode also has the {SET_MODEL_LABEL}: the root at "
        f"{whole(GAS_PER_VERIFICATION)} + k inclusions at the calibrated inclusion cost "
        "(docs/model.md); divided by k, it is the cost "
        f"{PER_SETTLED_PROOF}. Batch data (commits) is not in either. ★ marks the model's "
        "decider's choice.",
        "",
        *markdown_table(
            [
                *SCENARIO_KEY_COLUMNS,
                ("proofs on chain", "r"),
                ("seed model gas", "r"),
                ("measured gas", "r"),
                ("deviation, % of seed model gas", "r"),
                ("1st finalise's cold storage gas", "r"),
                ("set model gas", "r"),
                ("deviation, % of set model gas", "r"),
                ("gas / verification", "r"),
                ("batch data gas", "r"),
                ("all L1 gas", "r"),
            ],
            rows,
        ),
    ]


def _verify_row(cost: VerifyCost) -> tuple[str, ...]:
    published = {
        ("bare", True): f"{whole(BARE_TX_ANVIL.gas)} ({BARE_TX_ANVIL.source})",
        ("routed", True): f"{whole(ROUTED_TX_ANVIL.gas)} ({ROUTED_TX_ANVIL.source}); "
        f"~{whole(ROUTED_TX_SEPOLIA.gas)} ({ROUTED_TX_SEPOLIA.source})",
    }.get((cost.path, cost.receipt.startswith(REAL_RECEIPT_PREFIX)), "")
    reference = BARE_TX_ANVIL.gas if cost.path == "bare" else ROUTED_TX_ANVIL.gas
    difference = _difference(cost.gas_used, reference, "RISC Zero's") if published else ""
    path = "verifier (bare)" if cost.path == "bare" else "router → estop → verifier"
    return (
        cost.fork,
        f"verify() to {path}",
        cost.receipt,
        whole(cost.gas_used),
        whole(cost.intrinsic_gas),
        whole(cost.execution_gas),
        published,
        difference,
    )


def _difference(measured: float, reference: float, whose: str) -> str:
    """``measured`` less ``reference`` in gas, and in percent of ``reference`` (``whose``
    figure it is)."""
    base = f"{whose} {whole(reference)}"
    return f"{measured - reference:+,.0f} ({versus(measured, reference, base)})"


def _finalize_basis(cost: FinalizeCost) -> str:
    """Which finalises :attr:`FinalizeCost.typical_gas` is the mean of."""
    first = cost.first_mean_gas
    if cost.later_mean_gas is None:
        return f"mean of {whole(cost.count)} finalise(s), none after a rollup's first"
    text = f"mean of the {whole(cost.later_count)} after a rollup's first"
    return text + (f", which costs {whole(first)}" if first is not None else "")


def verification_table(analysis: SweepAnalysis) -> list[str]:
    """The measured cost of one verification: bare, routed, and as a whole finalise."""
    rows = [_verify_row(cost) for cost in analysis.verify]
    prover = analysis.manifest.prover.name
    for cost in analysis.finalize:
        kind = "Groth16 seal" if cost.onchain == "range" else "set-inclusion seal"
        typical = cost.typical_gas
        rows.append(
            (
                cost.fork,
                f"finalize() with a {kind}, whole transaction ({_finalize_basis(cost)})",
                prover,
                whole(typical),
                "",
                "",
                f"model {whole(GAS_PER_VERIFICATION)}",
                _difference(typical, GAS_PER_VERIFICATION, "the model's"),
            )
        )
    return [
        "## What one verification costs",
        "",
        "`verify(seal, imageId, journalDigest)` sent as a transaction straight to the Groth16 "
        "verifier (bare) and through the router, which forwards it to the emergency stop and "
        "the verifier (routed); then the whole finalise transaction that settles a proof. "
        f"Execution = gas used − intrinsic gas ({whole(TX_BASE_GAS)} + calldata). The synthetic "
        f"seal and {REAL_RECEIPT} are each checked by a verifier with their own parameters. "
        f"Published: ~{whole(BARE_CHECK_EXECUTION.gas)} gas for the bare check's execution "
        f"({BARE_CHECK_EXECUTION.source}).",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("transaction", "l"),
                ("receipt", "l"),
                ("gas used", "r"),
                ("intrinsic", "r"),
                ("execution", "r"),
                ("published / model", "l"),
                ("measured − published", "r"),
            ],
            rows,
        ),
    ]


def batch_data_table(analysis: SweepAnalysis) -> list[str]:
    """What committing batch data costs, per batch size."""
    rows = [
        (
            c.fork,
            c.da,
            whole(c.txs_per_batch),
            whole(c.commits),
            whole(c.mean_gas),
            whole(c.gas_per_l2_tx),
            f"{whole(c.floor_priced)} of {whole(c.commits)}",
            decimal(c.blobs / c.commits, 2),
            whole(c.blob_gas / c.commits),
        )
        for c in analysis.commits
    ]
    rollup = analysis.manifest.rollup
    posting = (
        f"`commitBatch(data)` posts each batch's transfers ({TRANSFER_SIZE} bytes each) as "
        "calldata."
        if rollup.config is None
        else f"{rollup.name}'s adapter commits each batch of transfers ({TRANSFER_SIZE} bytes "
        "each); the gas is its `commit` transactions'."
    )
    return [
        f"## Batch data: {LEFT_OUT}",
        "",
        f"{posting} Since Prague, calldata-heavy transactions pay the EIP-7623 floor: "
        f"{whole(TX_BASE_GAS)} + {floor_prices(' + ')}, whenever that exceeds the standard cost. "
        "In blob modes (DA blob, blob-kzg) the transfers travel in blobs, each commit paying "
        "its blob gas beside its execution gas.",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("DA", "l"),
                ("transfers per batch", "r"),
                ("commits", "r"),
                ("gas per commit (mean)", "r"),
                ("gas per L2 transfer", "r"),
                ("commits priced at the floor", "r"),
                ("blobs per commit", "r"),
                ("blob gas per commit", "r"),
            ],
            rows,
        ),
    ]


def throughput_table(analysis: SweepAnalysis) -> list[str]:
    """L1-bound throughput at the largest proof count, beside the model's "TPS"."""
    if not analysis.main:
        return []
    largest = max(s.proofs for s in analysis.main)
    rows = []
    for s in analysis.main:
        if s.proofs != largest:
            continue
        rate = analysis.throughput(s)
        rows.append(
            (
                s.fork,
                s.onchain,
                whole(s.proofs),
                _strategy(s),
                whole(rate.settlement_gas_per_batch),
                whole(s.commit_gas_per_batch),
                decimal(rate.batches_per_block),
                whole(rate.l2_tps),
                decimal(rate.settlement_only_batches_per_block),
                whole(rate.blocks),
                whole(s.model_tps),
            )
        )
    return [
        "## L1-bound throughput",
        "",
        f"{BLOCK_BUDGET}. Each batch costs its commit plus its share of the settlement; batches "
        "per block = block gas ÷ that, L2 tx/s = batches per block × transfers per batch ÷ "
        f"{BLOCK_SECONDS:g} s. {MODEL_TPS} is something else: {MODEL_TPS_COUNTS} "
        f"({VERIFY_TIME_MS} ms each), shown for contrast. Every scenario's figures are in "
        "`summary.json`; here the largest proof count.",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("mode", "l"),
                ("N", "r"),
                ("strategy", "l"),
                ("settlement gas / batch", "r"),
                ("commit gas / batch", "r"),
                ("batches / block", "r"),
                ("L2 tx/s", "r"),
                ("batches / block if data were free", "r"),
                ("blocks for all N", "r"),
                ('model "TPS" (proofs/s of verify time)', "r"),
            ],
            rows,
        ),
    ]


def depth_table(analysis: SweepAnalysis) -> list[str]:
    """Per-batch inclusion cost against the set tree's depth."""
    if not analysis.depth:
        return []
    rows = []
    previous: dict[str, int] = {}
    for row in analysis.depth:
        step = row.finalize_gas - previous[row.fork] if row.fork in previous else None
        previous[row.fork] = row.finalize_gas
        rows.append(
            (
                row.fork,
                whole(row.leaves),
                whole(row.depth),
                whole(row.finalize_gas),
                f"{step:+,}" if step is not None else "",
                whole(row.finalize_calldata_bytes),
                whole(row.submit_root_gas),
                whole(row.per_batch_gas),
                whole(row.range_finalize_gas),
                percent(
                    (row.per_batch_gas - row.range_finalize_gas) / row.range_finalize_gas * 100
                ),
            )
        )
    return [
        "## Set inclusion against range proofs, by tree depth",
        "",
        "Batch 1 finalised with an inclusion seal under a set-builder root over N claims, "
        "batch 1's and N − 1 others of the batch program that are only hashed into the tree "
        "(path of ⌈log2 N⌉ levels), after that root's `submitMerkleRoot`; and "
        "the same batch finalised with its own Groth16 seal (range). Per batch = inclusion "
        "finalise + the root's submission shared by its N batches.",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("leaves N", "r"),
                ("depth", "r"),
                ("inclusion finalise gas", "r"),
                ("per level", "r"),
                ("calldata bytes", "r"),
                ("submitMerkleRoot gas", "r"),
                ("per batch", "r"),
                ("range finalise gas", "r"),
                ("set vs range per batch, % of range", "r"),
            ],
            rows,
        ),
    ]


def _first_over_block(group: list[ScenarioMeasurement]) -> str:
    over = [s for s in group if s.total_gas > BLOCK_GAS]
    return whole(min(s.proofs for s in over)) if over else "—"


def _over_cap(scenarios: list[ScenarioMeasurement], enforced: bool, fork: str) -> str:
    parts = sorted({part for s in scenarios for part in s.cap_breakers})
    if not parts:
        return "no"
    return ", ".join(parts) + ("" if enforced else f" (no cap on {fork})")


def limits_section(analysis: SweepAnalysis) -> list[str]:
    """Transaction and block limits: who comes near them, and what was split."""
    enforced = {c.fork: c.tx_gas_limit <= TX_GAS_CAP for c in analysis.manifest.chains}
    groups: dict[tuple[str, str, str], list[ScenarioMeasurement]] = {}
    for s in analysis.main:
        groups.setdefault((s.fork, s.onchain, s.strategy_description), []).append(s)
    rows = []
    for (fork, mode, strategy), group in groups.items():
        settlement = max(s.largest_settlement_tx_gas for s in group)
        commit = max(s.largest_commit_gas for s in group)
        worst = max(group, key=lambda s: s.proofs)
        rows.append(
            (
                fork,
                mode,
                strategy,
                whole(settlement),
                percent(settlement / TX_GAS_CAP * 100, signed=False),
                whole(commit),
                percent(commit / TX_GAS_CAP * 100, signed=False),
                _over_cap(group, enforced.get(fork, False), fork),
                _first_over_block(group),
                f"{whole(analysis.throughput(worst).blocks)} at N = {whole(worst.proofs)}",
            )
        )
    lines = [
        "## Limits",
        "",
        f"EIP-7825 (Osaka) caps a transaction at {TX_CAP_POWER} = {whole(TX_GAS_CAP)} gas; a "
        f"block holds {whole(BLOCK_GAS)}. Per strategy, the largest settlement transaction and "
        "the largest commit of any scenario, and the smallest N whose settlement and data no "
        "longer fit one block.",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("mode", "l"),
                ("strategy", "l"),
                ("largest settlement tx gas", "r"),
                ("of the cap", "r"),
                ("largest commit gas", "r"),
                ("of the cap", "r"),
                ("over the cap", "l"),
                ("smallest N over one block", "r"),
                ("blocks needed", "r"),
            ],
            rows,
        ),
    ]
    for line in analysis.commit_lines:
        lines += [
            "",
            f"Commit gas per batch on {line.fork} ≈ {whole(line.fixed)} + "
            f"{decimal(line.per_transfer)} × transfers (fitted over batch sizes "
            f"{', '.join(whole(size) for size in line.sizes)}): one commit passes the cap at "
            f"≈ {whole(line.transfers_at(TX_GAS_CAP))} transfers, the block at "
            f"≈ {whole(line.transfers_at(BLOCK_GAS))}.",
        ]
    for split in analysis.manifest.splits:
        lines += [
            "",
            f"**Split on {split.fork}**: {split_need(split, at_least=True)}; the node "
            f"{split.refusal}. The sweep committed the same transfers as {split.parts}× more "
            f"batches of {whole(split.txs_per_batch)} (each proved and finalised as its own "
            "batch; N counts them).",
        ]
    return lines


def calibration_section(analysis: SweepAnalysis) -> list[str]:
    """The calibrated model's coefficients and its hold-out evaluation."""
    rows = []
    for model in analysis.models:
        c = model.coefficients
        holdout = model.holdout
        rows.append(
            (
                model.fork,
                model.onchain,
                whole(model.scenarios),
                whole(c.per_verification),
                whole(c.per_batch),
                decimal(c.per_calldata_byte, 2),
                whole(c.fixed),
                f"{len(holdout.fitted_on)} / {len(holdout.predictions)}" if holdout else "—",
                percent(holdout.max_abs_error_percent, signed=False) if holdout else "—",
                percent(holdout.mean_abs_error_percent, signed=False) if holdout else "—",
            )
        )
    return [
        "## Calibrated model",
        "",
        "Total L1 gas of a scenario (settlement and batch data) = a × verifications + "
        f"b × batches + c × calldata bytes + d, fitted by {FIT_METHOD} per fork and mode "
        f"to the scenarios whose batch data went as {analysis.manifest.plan.da[0]} only (the "
        "plan's first data-availability mode: one fit never mixes modes) "
        "(`calibrated-model.json`; `rollup-harness model --calibrated FILE` uses it). "
        f"Hold-out: {HOLD_OUT}, judged on the rest; the published model is then fitted on "
        "every scenario.",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("mode", "l"),
                ("scenarios", "r"),
                ("a: per verification", "r"),
                ("b: per batch", "r"),
                ("c: per calldata byte", "r"),
                ("d: fixed", "r"),
                ("hold-out fitted / tested", "r"),
                ("hold-out max error, % of measured", "r"),
                ("hold-out mean error, % of measured", "r"),
            ],
            rows,
        ),
        *(
            [
                "",
                f"Not fitted: {', '.join(f'{fork}/{mode}' for fork, mode in analysis.unfitted)}: "
                f"{UNFITTED}.",
            ]
            if analysis.unfitted
            else []
        ),
        "",
        "Largest hold-out errors (scenarios left out of the fit):",
        "",
        *markdown_table(
            [
                ("fork", "l"),
                ("mode", "l"),
                ("scenario", "l"),
                ("measured gas", "r"),
                ("predicted gas", "r"),
                ("error, % of measured", "r"),
            ],
            _worst_predictions(analysis),
        ),
    ]


def _worst_predictions(analysis: SweepAnalysis, count: int = 3) -> list[tuple[str, ...]]:
    rows = []
    for model in analysis.models:
        if model.holdout is None:
            continue
        worst = sorted(model.holdout.predictions, key=lambda p: -abs(p.error_percent))[:count]
        rows += [
            (
                model.fork,
                model.onchain,
                f"`{p.name}`",
                whole(p.measured),
                whole(p.predicted),
                percent(p.error_percent),
            )
            for p in worst
        ]
    return rows
