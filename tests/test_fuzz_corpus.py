"""The real-receipt corpus reader under fuzzing: an edited corpus is refused, or every receipt
read from it is internally consistent, and no edit of a field the claim depends on gets through."""

from __future__ import annotations

import json
from pathlib import Path

from fuzz_strategies import Mutation, mutations, same_json
from hypothesis import given
from hypothesis import strategies as st

from harness.common.errors import ReceiptError
from harness.risc0.digests import ok_claim_digest, sha256
from harness.risc0.merkle import fold_path, leaf_hash
from harness.risc0.receipts import GROTH16_KEY, SET_INCLUSION_KEY, ReceiptCorpus, parse_corpus
from harness.risc0.seal import GROTH16_SEAL_SIZE, SetInclusionSeal

DOCUMENT = json.loads((Path(__file__).parent / "vectors" / "risc0-receipts.json").read_text())

#: Fields of an entry that the claim, the journal or the set root is computed from or checked
#: against: changing any of them to another value must make the reader refuse the corpus.
BOUND = {
    GROTH16_KEY: {
        "image_id",
        "journal",
        "journal_digest",
        "claim_digest",
        "post_state_digest",
        "claim_tag",
        "seal_has_selector",
    },
    SET_INCLUSION_KEY: {
        "image_id",
        "journal",
        "journal_digest",
        "claim_digest",
        "set_verifier_selector",
        "set_builder_image_id",
        "root",
        "root_journal",
        "root_journal_digest",
        "root_claim_digest",
    },
}


def _assert_consistent(corpus: ReceiptCorpus) -> None:
    for receipt in (*corpus.groth16, *corpus.set_inclusion):
        assert receipt.claim_digest == ok_claim_digest(receipt.image_id, receipt.journal_digest)
        assert receipt.journal is None or sha256(receipt.journal) == receipt.journal_digest
    for receipt in corpus.groth16:
        assert len(receipt.seal) == GROTH16_SEAL_SIZE
    for receipt in corpus.set_inclusion:
        seal = SetInclusionSeal.decode(receipt.seal)
        assert seal.selector == receipt.set_verifier_selector
        assert fold_path(leaf_hash(receipt.claim_digest), seal.path) == receipt.root


def _changes_a_bound_field(mutation: Mutation) -> bool:
    if len(mutation.path) != 3 or mutation.deleted or mutation.new is None:
        return False
    kind, _, key = mutation.path
    return key in BOUND[kind] and not same_json(mutation.old, mutation.new)


@given(
    st.sampled_from([GROTH16_KEY, SET_INCLUSION_KEY]).flatmap(
        lambda kind: mutations(DOCUMENT, within=(kind,))
    )
)
def test_an_edited_corpus_is_refused_or_read_consistently(mutation: Mutation):
    try:
        corpus = parse_corpus(json.dumps(mutation.document), "corpus.json")
    except ReceiptError as exc:
        assert str(exc).startswith("corpus.json: ") and "\n" not in str(exc)
        return
    assert not _changes_a_bound_field(mutation), mutation
    _assert_consistent(corpus)
