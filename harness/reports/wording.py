"""Words and figures that more than one report states, each written once here.

The findings, the Markdown report and the console summary put these into their own sentences;
every figure in them comes from the constant it states.
"""

from __future__ import annotations

from harness.costmodel.estimator import GAS_PER_VERIFICATION
from harness.ethereum.calldata import FLOOR_GAS_PER_TOKEN, FLOOR_TOKENS_PER_NONZERO_BYTE
from harness.ethereum.limits import BLOCK_GAS, BLOCK_SECONDS, TX_GAS_CAP
from harness.records.sweep_manifest import SplitRecord
from harness.reports.deviation import Deviation
from harness.reports.numbers import percent, whole
from harness.risc0.reference import REFERENCE_VERSION

#: The path every verification takes to the verifier.
BEHIND_ROUTER = "behind router → emergency stop"
#: EIP-7825's per-transaction cap as a power of two: ``2^24``.
TX_CAP_POWER = f"2^{TX_GAS_CAP.bit_length() - 1}"
#: L1's budget, against which throughput is measured.
BLOCK_BUDGET = f"A {whole(BLOCK_GAS)}-gas block every {BLOCK_SECONDS:g} s"
#: What the cost model does not price: batch data.
LEFT_OUT = "the cost the model leaves out"
#: What the cost model's "TPS" counts (not L2 transactions, and nothing of L1 gas).
MODEL_TPS = 'The model\'s "TPS"'
MODEL_TPS_COUNTS = "proofs verified per second of off-chain verification time"
#: The receipt of RISC Zero's own release that the verification probes send.
REAL_RECEIPT = f"the real RISC Zero {REFERENCE_VERSION} receipt"
#: The start of that receipt's probe name (the pool's own seal is named after its prover).
REAL_RECEIPT_PREFIX = "risc0"
#: How the calibrated model is fitted, and how it is judged.
FIT_METHOD = "least squares on relative error"
HOLD_OUT = "fitted on every other proof count"
#: Why a fork and mode got no calibrated model.
UNFITTED = (
    "its scenarios measure one proof count, which does not tell how gas grows with the count; "
    "a grid needs two proof counts or more"
)
#: The base of a share of the model's price of one verification.
MODEL_PRICE = f"the model's {whole(GAS_PER_VERIFICATION)}"
#: The base of a deviation of settlement gas from the seed's model.
MODEL_SETTLEMENT = "the model's settlement gas"
#: The seed's model, so named where the harness's own model lines stand beside it.
SEED_MODEL = "the seed's model"
#: What set mode's figures per proof are: the root's verification is shared by the proofs.
PER_SETTLED_PROOF = "per settled proof, root shared"
#: The one-off cost of a rollup's first finalise, shown apart from the deviations it moves.
COLD_STORAGE = "the first finalise's cold storage"
#: The base of a deviation in a table row that holds the model's figure: ``-2.34 % of model``.
ROW_MODEL = "model"


def share(value: float, base: str, *, signed: bool = True) -> str:
    """``value`` percent naming what it is a share of: ``-2.34 % of the model's 600,000 gas``."""
    return f"{percent(value, signed=signed)} of {base}"


def points(value: float, base: str) -> str:
    """``value`` percentage points of ``base``: ``+2.85 pp of model``."""
    return f"{value:+.2f} pp of {base}"


def cold_split(deviation: Deviation, base: str) -> str:
    """A deviation with the first finalise's cold storage told apart where it was measured:
    ``-2.34 % of the model's 600,000 gas, of which the first finalise's cold storage
    +2.85 pp (-5.19 % without it)``."""
    text = share(deviation.percent, base)
    cold = deviation.cold_storage_points
    without = deviation.percent_without_cold_storage
    if cold is None or without is None:
        return text
    return f"{text}, of which {COLD_STORAGE} {cold:+.2f} pp ({percent(without)} without it)"


def floor_prices(separator: str) -> str:
    """EIP-7623's floor price of a zero and a non-zero calldata byte, joined by ``separator``."""
    nonzero = FLOOR_GAS_PER_TOKEN * FLOOR_TOKENS_PER_NONZERO_BYTE
    return f"{FLOOR_GAS_PER_TOKEN} gas per zero byte{separator}{nonzero} per non-zero byte"


def versus(measured: float, reference: float, base: str) -> str:
    """How far ``measured`` is from ``reference``, in signed percent of ``reference``, which
    ``base`` names: ``+0.62 % of RISC Zero's 39,596``."""
    return share((measured - reference) / reference * 100, base)


def split_need(split: SplitRecord, *, at_least: bool) -> str:
    """What committing one batch of the size a split was asked for needs, against the limit."""
    bound = "at least " if at_least else ""
    return (
        f"a batch of {whole(split.requested_txs_per_batch)} transfers needs {bound}"
        f"{whole(split.requested_gas)} gas to commit, over {split.limit_name}"
    )
