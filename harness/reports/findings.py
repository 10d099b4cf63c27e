"""The findings of a sweep in plain words: where the model is right, where it is wrong, by how
much, and why. Each finding is computed from the analysis, its verdict included: a verdict is
a measured figure against a threshold stated here and in the sentence. A finding whose data
the sweep did not collect (no set mode, one batch size, one fork) is left out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from harness.costmodel.decider import NO_AGGREGATION_REASON, TWO_LEVEL_MAX_PROOFS
from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.costmodel.presets import get_preset
from harness.costmodel.set_mode import SET_MODEL_LABEL
from harness.ethereum.calldata import NONZERO_BYTE_GAS, ZERO_BYTE_GAS
from harness.ethereum.limits import BLOCK_GAS, TX_GAS_CAP
from harness.reports.deviation import Deviation
from harness.reports.measured import ScenarioMeasurement
from harness.reports.numbers import decimal, percent, whole
from harness.reports.published import (
    BARE_CHECK_EXECUTION,
    BARE_TX_ANVIL,
    ROUTED_TX_ANVIL,
    ROUTED_TX_SEPOLIA,
)
from harness.reports.sweep_analysis import SweepAnalysis
from harness.reports.wording import (
    BLOCK_BUDGET,
    COLD_STORAGE,
    FIT_METHOD,
    HOLD_OUT,
    LEFT_OUT,
    MODEL_PRICE,
    MODEL_SETTLEMENT,
    MODEL_TPS,
    MODEL_TPS_COUNTS,
    PER_SETTLED_PROOF,
    REAL_RECEIPT,
    REAL_RECEIPT_PREFIX,
    SEED_MODEL,
    TX_CAP_POWER,
    floor_prices,
    share,
    split_need,
    versus,
)

Finding = Callable[[SweepAnalysis], str | None]

#: The model's gas per verification is "close" if a typical finalise is within this many percent.
CLOSE_PERCENT = 10.0
#: Aggregation depth "costs nothing" if trees of different depth settling the same proofs
#: differ by at most this share of their settlement gas, in percent.
FREE_DEPTH_PERCENT = 0.1
#: Settlement transactions "do not grow with N" if the largest at the largest N is within this
#: many percent of the largest at the smallest N, for every strategy.
FLAT_PERCENT = 1.0
#: Batch data is "most of the bill" above this share of all L1 gas, in percent.
MOST_PERCENT = 50.0


def _primary(analysis: SweepAnalysis, onchain: str) -> list[ScenarioMeasurement]:
    fork = analysis.manifest.plan.forks[0]
    return [s for s in analysis.main if s.fork == fork and s.onchain == onchain]


def _verify(analysis: SweepAnalysis, receipt_prefix: str, path: str) -> int | None:
    for cost in analysis.verify:
        if cost.receipt.startswith(receipt_prefix) and cost.path == path:
            return cost.gas_used
    return None


def _execution(analysis: SweepAnalysis, path: str) -> int | None:
    for cost in analysis.verify:
        if cost.path == path:
            return cost.execution_gas
    return None


def range_verification(analysis: SweepAnalysis) -> str | None:
    """How close the model's gas per verification is for range proofs, and what makes it up."""
    scenarios = _primary(analysis, "range")
    cost = next((c for c in analysis.finalize if c.onchain == "range"), None)
    bare, routed = _execution(analysis, "bare"), _execution(analysis, "routed")
    if not scenarios or cost is None or bare is None or routed is None:
        return None
    typical = cost.typical_gas
    error = (typical - GAS_PER_VERIFICATION) / GAS_PER_VERIFICATION * 100
    close = abs(error) <= CLOSE_PERCENT
    verdict = "close" if close else ("too low" if error > 0 else "too high")
    deviations = [s.deviation_percent for s in scenarios]
    text = (
        f"**Range proofs: the model's {whole(GAS_PER_VERIFICATION)} gas per verification is "
        f"{verdict}.** A finalise transaction measured {whole(typical)} gas "
        f"({share(error, MODEL_PRICE)}, {'within' if close else 'outside'} the "
        f"±{decimal(CLOSE_PERCENT, 0)} % of it this report calls close)"
    )
    first = cost.first_mean_gas
    if first is not None and cost.later_mean_gas is not None:
        text += (
            f"; a rollup's first one {whole(first)} "
            f"({versus(first, GAS_PER_VERIFICATION, MODEL_PRICE)}), since it writes the "
            "finalised counter from zero"
        )
    return text + (
        f". Per scenario the model's error on settlement gas runs from "
        f"{percent(min(deviations))} to {share(max(deviations), MODEL_SETTLEMENT)}"
        f"{_cold_clause(scenarios)}. Of a finalise, "
        f"{whole(bare)} gas is the Groth16 check itself, {whole(routed - bare)} the router → "
        f"emergency-stop hop, and {whole(typical - routed)} the transaction's base gas and "
        f"calldata with the rollup's range checks, journal hash and state writes."
    )


def _cold_clause(scenarios: list[ScenarioMeasurement]) -> str:
    """How much of the deviations from the seed's model the first finalise's cold storage
    accounts for, and the deviations without it ("" where it was not measured)."""
    measured = [s for s in scenarios if s.first_finalize_cold_gas is not None]
    if not measured:
        return ""
    deviations = [
        Deviation(s.settlement_gas, s.model_gas, s.first_finalize_cold_gas) for s in measured
    ]
    mean = sum(d.cold_storage or 0 for d in deviations) / len(deviations)
    most = max(d.cold_storage_points or 0.0 for d in deviations)
    without = [d.percent_without_cold_storage or 0.0 for d in deviations]
    spread = (
        share(without[0], MODEL_SETTLEMENT)
        if min(without) == max(without)
        else f"from {percent(min(without))} to {share(max(without), MODEL_SETTLEMENT)}"
    )
    return (
        f"; in the {whole(len(measured))} scenario(s) with later finalises to set it against, "
        f"{COLD_STORAGE} ({whole(mean)} gas on average, measured per scenario) accounts for up "
        f"to {most:+.2f} pp of it, and without it the error is {spread}"
    )


def set_mode(analysis: SweepAnalysis) -> str | None:
    """Set-inclusion settlement against the seed's model and against set mode's own line."""
    scenarios = _primary(analysis, "set")
    cost = next((c for c in analysis.finalize if c.onchain == "set"), None)
    if not scenarios or cost is None:
        return None
    deviations = [s.deviation_percent for s in scenarios]
    root = sum(s.submit_root_gas for s in scenarios) / len(scenarios)
    lines = [(s, line) for s in scenarios if (line := analysis.set_line(s)) is not None]
    set_deviations = [
        Deviation(s.settlement_gas, line.settlement_gas, s.first_finalize_cold_gas)
        for s, line in lines
    ]
    widest = max(set_deviations, key=lambda d: abs(d.percent))
    largest, line = max(lines, key=lambda pair: pair[1].settled)
    text = (
        f"**Set-inclusion mode has its own model line.** {SEED_MODEL.capitalize()}, "
        f"k × {whole(GAS_PER_VERIFICATION)}, is off by {percent(min(deviations))} to "
        f"{share(max(deviations), MODEL_SETTLEMENT)} here: one set root is submitted per "
        f"scenario ({whole(root)} gas, a Groth16 verification), then each proof finalises with "
        f"an inclusion seal for {whole(cost.typical_gas)} gas on average "
        f"({whole(cost.min_gas)}–{whole(cost.max_gas)}, longer paths cost more), not "
        f"{whole(GAS_PER_VERIFICATION)}. The {SET_MODEL_LABEL}, the root at "
        f"{whole(line.root_gas)} + k × {whole(line.inclusion_gas)} per inclusion "
        f"({line.inclusion_source}), is within "
        f"{share(abs(widest.percent), 'its settlement gas', signed=False)} of every set "
        f"scenario measured"
    )
    if widest.cold_storage_points is not None:
        text += (
            f" ({widest.cold_storage_points:+.2f} pp of that from {COLD_STORAGE}; "
            f"{percent(widest.percent_without_cold_storage or 0.0)} without it)"
        )
    text += (
        f". {PER_SETTLED_PROOF.capitalize()}, it gives {whole(line.per_settled_proof)} gas at "
        f"k = {whole(largest.verifications)}, measured "
        f"{whole(largest.settlement_gas / largest.verifications)}."
    )
    single = [s for s in scenarios if s.verifications == 1]
    if single:
        over = max(s.deviation_percent for s in single)
        text += (
            f" With everything aggregated into one proof, set mode exceeds {SEED_MODEL} by "
            f"{share(over, MODEL_SETTLEMENT, signed=False)}: it pays the root's "
            f"verification and an inclusion finalise for a single proof, so it only pays off "
            f"when one root covers several proofs."
        )
    return text


def batch_data(analysis: SweepAnalysis) -> str | None:
    """The cost the model leaves out, and what it does to the model's savings."""
    scenarios = _primary(analysis, "range")
    stats = next((c for c in analysis.commits if c.txs_per_batch == analysis.txs_per_batch), None)
    if not scenarios or stats is None:
        return None
    largest = max(s.proofs for s in scenarios)
    at_largest = [s for s in scenarios if s.proofs == largest]
    none = next((s for s in at_largest if s.strategy == "none"), None)
    best = min(at_largest, key=lambda s: s.total_gas)
    data_share = best.commit_gas / best.total_gas * 100
    most = data_share > MOST_PERCENT
    text = (
        f"**Batch data is {LEFT_OUT}"
        f"{', and at scale most of the bill' if most else ''}.** "
        f"Committing a batch of {whole(stats.txs_per_batch)} transfers costs "
        f"{whole(stats.mean_gas)} gas ({whole(stats.gas_per_l2_tx)} per transfer); "
        f"{whole(stats.floor_priced)} of {whole(stats.commits)} commits paid exactly the "
        f"EIP-7623 calldata floor ({floor_prices(', ')}) rather than the standard "
        f"{ZERO_BYTE_GAS} / {NONZERO_BYTE_GAS}. At N = {whole(largest)} with "
        f"{best.strategy_description} (range "
        f"proofs), batch data is {decimal(data_share)} % of all L1 gas "
        f"({'more than' if most else 'at most'} half)."
    )
    if none is not None and none is not best:
        model_saving = best.model.gas_savings_percent
        settlement_saving = (1 - best.settlement_gas / none.settlement_gas) * 100
        total_saving = (1 - best.total_gas / none.total_gas) * 100
        text += (
            f" The model saves "
            f"{share(model_saving, 'the unaggregated settlement gas', signed=False)}"
            f"; measured, the saving is {percent(settlement_saving, signed=False)} of no "
            f"aggregation's settlement gas, but only {percent(total_saving, signed=False)} of "
            "its L1 gas (settlement and batch data)."
        )
    return text


def _depth_spread(group: list[ScenarioMeasurement]) -> float:
    """How far apart a group's settlement gas is, in percent of its cheapest."""
    gas = [s.settlement_gas for s in group]
    return (max(gas) - min(gas)) / min(gas) * 100


def aggregation_depth(analysis: SweepAnalysis) -> str | None:
    """Whether scenarios submitting the same proofs with trees of different depth pay the same."""
    groups: dict[tuple[str, str, int, int, int], list[ScenarioMeasurement]] = defaultdict(list)
    for s in analysis.scenarios:
        groups[(s.fork, s.onchain, s.txs_per_batch, s.proofs, s.verifications)].append(s)
    compared = [g for g in groups.values() if len({s.tree_depth for s in g}) > 1]
    if not compared:
        return None
    worst = max(compared, key=_depth_spread)
    spread = _depth_spread(worst)
    cheapest = min(worst, key=lambda s: s.settlement_gas)
    dearest = max(worst, key=lambda s: s.settlement_gas)
    depths = sorted({s.tree_depth for g in compared for s in g})
    free = spread <= FREE_DEPTH_PERCENT
    text = (
        f"**Aggregation depth {'costs nothing' if free else 'costs gas'} on chain.** In "
        f"{len(compared)} groups of scenarios that submitted the same number of proofs over the "
        f"same batches with trees of different depth ({', '.join(map(str, depths))} levels), "
        f"settlement gas differed by at most {percent(spread, signed=False)} "
        f"of the cheapest's settlement gas "
        f"({whole(dearest.settlement_gas - cheapest.settlement_gas)} gas; "
        f"{'within' if free else 'over'} the {decimal(FREE_DEPTH_PERCENT)} % of it this report "
        f"counts as nothing)"
    )
    if free:
        return text + ": the chain sees one proof per root, whatever it aggregates."
    return text + (
        f": at N = {whole(worst[0].proofs)} ({worst[0].onchain} proofs on {worst[0].fork}), "
        f"{dearest.strategy_description} settled for {whole(dearest.settlement_gas)} gas "
        f"against {whole(cheapest.settlement_gas)} for {cheapest.strategy_description}."
    )


def decider(analysis: SweepAnalysis) -> str | None:
    """Where the model's decider picks a strategy that settles for more than another."""
    scenarios = _primary(analysis, "range")
    by_proofs: dict[int, list[ScenarioMeasurement]] = defaultdict(list)
    for s in scenarios:
        by_proofs[s.proofs].append(s)
    misses = []
    for proofs, group in sorted(by_proofs.items()):
        chosen = next((s for s in group if s.decider_choice), None)
        cheapest = min(group, key=lambda s: (s.settlement_gas, s.tree_depth))
        if chosen is not None and cheapest.settlement_gas < chosen.settlement_gas:
            misses.append(
                f"N = {proofs}: {chosen.strategy} {whole(chosen.settlement_gas)}, "
                f"{cheapest.strategy} {whole(cheapest.settlement_gas)}"
            )
    if not misses:
        return None
    threshold = get_preset(analysis.manifest.plan.preset).min_proofs_for_aggregation
    return (
        f"**The decider leaves gas on the table.** Settlement is cheapest with the fewest "
        f"submitted proofs, but the decider keeps no aggregation below {threshold} proofs "
        f'("{NO_AGGREGATION_REASON}" — not on chain, where an aggregated proof '
        f"costs the same as any other) and two levels up to {whole(TWO_LEVEL_MAX_PROOFS)}. "
        f"Measured settlement gas, "
        f"decider's choice against the cheapest (range proofs): {'; '.join(misses)}. The "
        f"calibrated decider picks the cheapest, and of equals the shallowest tree."
    )


def throughput(analysis: SweepAnalysis) -> str | None:
    """L1-bound throughput against the model's "TPS"."""
    scenarios = _primary(analysis, "range")
    if not scenarios:
        return None
    largest = max(s.proofs for s in scenarios)
    at_largest = [s for s in scenarios if s.proofs == largest]
    none = next((s for s in at_largest if s.strategy == "none"), None)
    best = min(at_largest, key=lambda s: s.total_gas)
    best_rate = analysis.throughput(best)
    text = (
        f"**L1, not verification time, bounds throughput.** {BLOCK_BUDGET} absorbs "
        f"{decimal(best_rate.batches_per_block)} batches "
        f"({whole(best_rate.l2_tps)} L2 tx/s) settled with {best.strategy_description} at "
        f"N = {whole(largest)}"
    )
    if none is not None:
        rate = analysis.throughput(none)
        text += (
            f", {decimal(rate.batches_per_block)} ({whole(rate.l2_tps)} L2 tx/s) without "
            f"aggregation"
        )
    per_batch = best.commit_gas / best.proofs
    text += (
        f"; batch data alone caps it at {decimal(BLOCK_GAS / per_batch)} batches per block "
        f"however well proofs are aggregated. {MODEL_TPS} for the same scenario, "
        f"{whole(best.model_tps)}, counts {MODEL_TPS_COUNTS}: a different quantity, not a rate "
        f"L1 can sustain."
    )
    return text


def published(analysis: SweepAnalysis) -> str | None:
    """Our verification costs beside RISC Zero's published figures."""
    bare_real, routed_real = (
        _verify(analysis, REAL_RECEIPT_PREFIX, "bare"),
        _verify(analysis, REAL_RECEIPT_PREFIX, "routed"),
    )
    bare_exec = _execution(analysis, "bare")
    if bare_real is None or routed_real is None or bare_exec is None:
        return None
    synthetic = _verify(analysis, "synthetic", "bare")
    same = (
        " A synthetic seal costs exactly the same, as the verifier does the same work."
        if synthetic == bare_real
        else ""
    )
    return (
        f"**Against published figures.** The bare Groth16 check executes in {whole(bare_exec)} "
        f"gas (published ~{whole(BARE_CHECK_EXECUTION.gas)}). With {REAL_RECEIPT}, a bare "
        f"verify() transaction costs {whole(bare_real)} gas "
        f"({versus(bare_real, BARE_TX_ANVIL.gas, 'the reference figure')} for RISC Zero's "
        f"own contracts on anvil prague, {whole(BARE_TX_ANVIL.gas)}) and a routed one "
        f"{whole(routed_real)} "
        f"({versus(routed_real, ROUTED_TX_ANVIL.gas, whole(ROUTED_TX_ANVIL.gas))}; "
        f"~{whole(ROUTED_TX_SEPOLIA.gas)} is quoted for Sepolia).{same}"
    )


def calibration(analysis: SweepAnalysis) -> str | None:
    """The calibrated model's coefficients and its hold-out error."""
    parts = []
    worst = 0.0
    for model in analysis.models:
        c = model.coefficients
        parts.append(
            f"{model.onchain} ({model.fork}, {model.scenarios} scenarios): "
            f"{whole(c.per_verification)} gas per verification + {whole(c.per_batch)} per "
            f"batch + {decimal(c.per_calldata_byte)} per calldata byte + {whole(c.fixed)} fixed"
        )
        if model.holdout is not None:
            worst = max(worst, model.holdout.max_abs_error_percent)
    if not parts:
        return None
    unpriced = [
        f"{m.onchain} ({m.fork})" for m in analysis.models if not m.coefficients.per_calldata_byte
    ]
    bytes_in_step = (
        f"; it is 0 for {', '.join(unpriced)}, whose commits' calldata does not grow apart from "
        "their count (batch data in blobs, or one batch size), so that the calldata's gas is in "
        "the other figures"
        if unpriced
        else ""
    )
    return (
        f"**The calibrated model** ({FIT_METHOD}): {'; '.join(parts)}. "
        f"{HOLD_OUT.capitalize()}, it predicts the scenarios it did not see within "
        f"{share(worst, 'their measured gas', signed=False)}. Settlement and batch data are "
        "each fitted to their own transactions' gas. The per-verification and per-batch "
        "figures leave out the calldata the per-byte price prices (with batch data as calldata, "
        f"about the EIP-7623 floor's average){bytes_in_step}."
    )


def limits(analysis: SweepAnalysis) -> str | None:
    """How far transactions are from the caps, and what would meet them."""
    if not analysis.scenarios:
        return None
    settlement = max(s.largest_settlement_tx_gas for s in analysis.scenarios)
    largest_n = max(s.proofs for s in analysis.scenarios)
    breakers = [s for s in analysis.scenarios if "settlement" in s.cap_breakers]
    growth = _settlement_growth(analysis.scenarios)
    text = "**Limits.** " + _growth_sentence(growth)
    text += (
        f"The largest settlement transaction used {whole(settlement)} gas "
        f"({decimal(settlement / TX_GAS_CAP * 100)} % of the EIP-7825 cap of {TX_CAP_POWER}), "
    )
    if breakers:
        first = min(breakers, key=lambda s: s.proofs)
        text += (
            f"so settlement breaks the cap in {whole(len(breakers))} scenario(s), from "
            f"{first.strategy_description} at N = {whole(first.proofs)}."
        )
    elif growth is not None and growth[0] <= FLAT_PERCENT:
        text += "so no strategy breaks the cap at any N."
    else:
        text += f"so none breaks the cap at the N measured (up to {whole(largest_n)})."
    over = [s for s in analysis.scenarios if "commit" in s.cap_breakers]
    if over:
        worst = max(over, key=lambda s: s.largest_commit_gas)
        forks = sorted({s.fork for s in over})
        text += (
            f" Batch data does: commits of {whole(worst.txs_per_batch)} transfers used "
            f"{whole(worst.largest_commit_gas)} gas on {', '.join(forks)}, over the cap, which "
            f"only Osaka enforces."
        )
    line = analysis.commit_lines[0] if analysis.commit_lines else None
    if line is not None:
        text += (
            f" One commit passes {TX_CAP_POWER} gas at about "
            f"{whole(line.transfers_at(TX_GAS_CAP))} transfers and a {whole(BLOCK_GAS)}-gas "
            f"block at about "
            f"{whole(line.transfers_at(BLOCK_GAS))}."
        )
    routed = _execution(analysis, "routed")
    if routed:
        text += (
            f" A contract verifying K proofs in one transaction would pass the cap at "
            f"K = {whole(TX_GAS_CAP // routed)}."
        )
    for split in analysis.manifest.splits:
        text += (
            f" On {split.fork}, {split_need(split, at_least=False)} (the node {split.refusal}); "
            f"the sweep committed the same transfers as batches of {whole(split.txs_per_batch)}."
        )
    return text


def _settlement_growth(
    scenarios: list[ScenarioMeasurement],
) -> tuple[float, ScenarioMeasurement, ScenarioMeasurement] | None:
    """The most the largest settlement transaction grows from the smallest N to the largest,
    in percent, over every fork, mode, batch size and strategy run at two or more N (with the
    two scenarios compared); None if none was."""
    groups: dict[tuple[str, str, int, str], list[ScenarioMeasurement]] = defaultdict(list)
    for s in scenarios:
        groups[(s.fork, s.onchain, s.txs_per_batch, s.strategy)].append(s)
    growths = []
    for group in groups.values():
        smallest = min(group, key=lambda s: s.proofs)
        largest = max(group, key=lambda s: s.proofs)
        if largest.proofs > smallest.proofs:
            change = largest.largest_settlement_tx_gas / smallest.largest_settlement_tx_gas - 1
            growths.append((change * 100, smallest, largest))
    return max(growths, key=lambda g: g[0]) if growths else None


def _growth_sentence(
    growth: tuple[float, ScenarioMeasurement, ScenarioMeasurement] | None,
) -> str:
    if growth is None:
        return ""
    percent_grown, smallest, largest = growth
    if percent_grown <= FLAT_PERCENT:
        return (
            f"Settlement transactions do not grow with N: for every strategy the largest at the "
            f"largest N is within {decimal(FLAT_PERCENT, 0)} % of the largest at the smallest. "
        )
    return (
        f"Settlement transactions grow with N: with {largest.strategy_description} "
        f"({largest.onchain} proofs) the largest grew {percent(percent_grown, signed=False)} from "
        f"N = {whole(smallest.proofs)} to N = {whole(largest.proofs)} ("
        f"{whole(smallest.largest_settlement_tx_gas)} to "
        f"{whole(largest.largest_settlement_tx_gas)} gas). "
    )


def forks(analysis: SweepAnalysis) -> str | None:
    """Whether the forks run measured the same gas for the same scenario."""
    fork_names = analysis.manifest.plan.forks
    if len(fork_names) < 2:
        return None
    by_scenario: dict[tuple[str, int, int, str], dict[str, int]] = defaultdict(dict)
    for s in analysis.scenarios:
        key = (s.onchain, s.requested_txs_per_batch, s.requested_proofs, s.strategy)
        by_scenario[key][s.fork] = s.total_gas
    pairs = [gas for gas in by_scenario.values() if len(gas) == len(fork_names)]
    if not pairs:
        return None
    same = sum(1 for gas in pairs if len(set(gas.values())) == 1)
    text = (
        f"**Forks.** {' and '.join(fork_names)} measured identical gas in {same} of "
        f"{len(pairs)} scenarios run on each"
    )
    if analysis.manifest.splits:
        text += " (a scenario whose batches were split on one fork differs there by design)"
    return text + "."


FINDINGS: tuple[Finding, ...] = (
    range_verification,
    set_mode,
    batch_data,
    aggregation_depth,
    decider,
    throughput,
    published,
    calibration,
    limits,
    forks,
)


def findings(analysis: SweepAnalysis) -> list[str]:
    """Every finding the sweep's data supports, most important first."""
    return [text for finding in FINDINGS if (text := finding(analysis))]
