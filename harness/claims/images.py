"""The image ids of the programs whose claims the rollup settles.

The batch and aggregator ids are the harness's own (no guest binary exists for them: the provers
attest to their claims); the set builder is RISC Zero's, so the set verifier deployed is
production's.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.risc0.digests import sha256
from harness.risc0.params import load_versions

BATCH_IMAGE_ID = sha256(b"rollup-harness/guest/batch")
AGGREGATOR_IMAGE_ID = sha256(b"rollup-harness/guest/aggregator")
#: The set-builder release whose image id (and so set-verifier selector) the harness uses.
SET_VERIFIER_VERSION = "0.9.0"


def set_builder_image_id() -> bytes:
    """The set-builder image id of :data:`SET_VERIFIER_VERSION`."""
    return load_versions().set_verifier_by_version(SET_VERIFIER_VERSION).set_builder_image_id


@dataclass(frozen=True)
class ImageIds:
    """The image ids of the two programs whose proofs a rollup accepts for a range of batches:
    the batch program (a leaf of the aggregation tree) and the aggregator (an inner node)."""

    batch: bytes
    aggregator: bytes

    def for_leaf(self, is_leaf: bool) -> bytes:
        """The image id of the program that proves a leaf (``is_leaf``) or an inner node."""
        return self.batch if is_leaf else self.aggregator


#: The image ids of the harness's own rollup.
HARNESS_IMAGE_IDS = ImageIds(batch=BATCH_IMAGE_ID, aggregator=AGGREGATOR_IMAGE_ID)
