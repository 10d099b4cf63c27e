"""The real-receipt corpus file: JSON with ``groth16_receipts`` and ``set_inclusion_receipts``.

Only this module knows the file's shape. Each entry is read into a frozen dataclass and checked
for internal consistency (journal against journal digest, claim digest against image id and
journal, Merkle path against root) without any pairing. Only receipts of the 1.0+ on-chain format
are accepted: seals that carry their selector and ``risc0.ReceiptClaim`` claims of successful runs.

:func:`read_corpus_entries` judges entries one by one: an entry that cannot be read becomes a
:class:`RejectedEntry` saying why, in its place among the others. :func:`read_corpus` takes a
corpus whole or not at all: its first rejected entry raises :class:`ReceiptError` naming the file
and entry. Either way a file that is not a corpus (not JSON, no receipt list) raises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.common.errors import ReceiptError
from harness.common.hexcodec import to_hex
from harness.common.jsonfields import (
    FieldError,
    entry_object,
    hex_bytes,
    items,
    load_json,
    optional_hex,
    text,
)
from harness.risc0.digests import (
    DIGEST_SIZE,
    RECEIPT_CLAIM_TAG,
    SYSTEM_STATE_ZERO_DIGEST,
    journal_digest,
    ok_claim_digest,
    sha256,
)
from harness.risc0.merkle import fold_path, leaf_hash, root_claim_digest, root_journal
from harness.risc0.params import SELECTOR_SIZE
from harness.risc0.seal import GROTH16_SEAL_SIZE, SetInclusionSeal

GROTH16_KEY = "groth16_receipts"
SET_INCLUSION_KEY = "set_inclusion_receipts"


@dataclass(frozen=True)
class Groth16Receipt:
    """A Groth16 receipt: ``verify(seal, image_id, journal_digest)`` accepts it on the verifier
    named ``verifier_id`` (a version-table id)."""

    id: str
    verifier_id: str
    seal: bytes
    image_id: bytes
    journal_digest: bytes
    claim_digest: bytes
    journal: bytes | None = None


@dataclass(frozen=True)
class SetInclusionReceipt:
    """A set-inclusion receipt: ``seal`` proves ``claim_digest`` is a leaf under ``root`` on the
    set verifier with ``set_verifier_selector``."""

    id: str
    set_verifier_selector: bytes
    set_builder_image_id: bytes
    seal: bytes
    image_id: bytes
    journal_digest: bytes
    claim_digest: bytes
    root: bytes
    journal: bytes | None = None


@dataclass(frozen=True)
class RejectedEntry:
    """A corpus entry that could not be read as a receipt, and why."""

    source: str
    #: Where the entry is in its file, e.g. ``groth16_receipts[4]``.
    position: str
    #: The entry's ``id``, when it states one as a string.
    stated_id: str | None
    reason: str

    @property
    def id(self) -> str:
        """The entry's id, or its position when it states none."""
        return self.stated_id if self.stated_id is not None else self.position

    @property
    def message(self) -> str:
        """One line naming the file, the entry and what is wrong with it."""
        named = f" ({self.stated_id})" if self.stated_id is not None else ""
        return f"{self.source}: {self.position}{named}: {self.reason}"


Receipt = Groth16Receipt | SetInclusionReceipt
#: One entry of a corpus file as read: a receipt, or why it is not one.
CorpusEntry = Groth16Receipt | SetInclusionReceipt | RejectedEntry


@dataclass(frozen=True)
class ReceiptCorpus:
    """Every receipt of one corpus file."""

    source: str
    groth16: tuple[Groth16Receipt, ...]
    set_inclusion: tuple[SetInclusionReceipt, ...]


def _check_stated(entry: Mapping[str, Any], key: str, computed: bytes) -> None:
    """If ``entry`` states ``key``, it must equal ``computed``."""
    stated = optional_hex(entry, key, len(computed))
    if stated is not None and stated != computed:
        raise FieldError(f"{key} {to_hex(stated)} does not match the computed {to_hex(computed)}")


def _journal(entry: Mapping[str, Any]) -> tuple[bytes | None, bytes]:
    """The journal (if given) and the journal digest, which must agree."""
    journal = optional_hex(entry, "journal")
    if journal is None:
        digest = optional_hex(entry, "journal_digest", DIGEST_SIZE)
        if digest is None:
            raise FieldError("needs a journal or a journal_digest")
        return None, digest
    digest = journal_digest(journal)
    _check_stated(entry, "journal_digest", digest)
    return journal, digest


def _ok_claim(entry: Mapping[str, Any], image_id: bytes, digest: bytes) -> bytes:
    """The successful-run claim digest, checked against what the entry states about it."""
    if entry.get("seal_has_selector", True) is not True:
        raise FieldError("seals without a selector (pre-1.0 format) are not supported")
    if entry.get("claim_tag", RECEIPT_CLAIM_TAG) != RECEIPT_CLAIM_TAG:
        raise FieldError(f"only {RECEIPT_CLAIM_TAG} claims are supported")
    _check_stated(entry, "post_state_digest", SYSTEM_STATE_ZERO_DIGEST)
    claim = ok_claim_digest(image_id, digest)
    _check_stated(entry, "claim_digest", claim)
    return claim


def _groth16(entry: Mapping[str, Any]) -> Groth16Receipt:
    image_id = hex_bytes(entry, "image_id", DIGEST_SIZE)
    journal, digest = _journal(entry)
    return Groth16Receipt(
        id=text(entry, "id"),
        verifier_id=text(entry, "verifier_id"),
        seal=hex_bytes(entry, "seal", GROTH16_SEAL_SIZE),
        image_id=image_id,
        journal_digest=digest,
        claim_digest=_ok_claim(entry, image_id, digest),
        journal=journal,
    )


def _set_inclusion(entry: Mapping[str, Any]) -> SetInclusionReceipt:
    selector = hex_bytes(entry, "set_verifier_selector", SELECTOR_SIZE)
    set_builder_image_id = hex_bytes(entry, "set_builder_image_id", DIGEST_SIZE)
    seal_bytes = hex_bytes(entry, "seal")
    try:
        seal = SetInclusionSeal.decode(seal_bytes)
    except ReceiptError as exc:
        raise FieldError(f"seal: {exc}") from None
    if seal.selector != selector:
        raise FieldError(f"seal selector {to_hex(seal.selector)} is not {to_hex(selector)}")
    image_id = hex_bytes(entry, "image_id", DIGEST_SIZE)
    journal, digest = _journal(entry)
    claim = _ok_claim(entry, image_id, digest)
    root = fold_path(leaf_hash(claim), seal.path)
    _check_stated(entry, "root", root)
    journal_of_root = root_journal(set_builder_image_id, root)
    _check_stated(entry, "root_journal", journal_of_root)
    _check_stated(entry, "root_journal_digest", sha256(journal_of_root))
    _check_stated(entry, "root_claim_digest", root_claim_digest(set_builder_image_id, root))
    return SetInclusionReceipt(
        id=text(entry, "id"),
        set_verifier_selector=selector,
        set_builder_image_id=set_builder_image_id,
        seal=seal_bytes,
        image_id=image_id,
        journal_digest=digest,
        claim_digest=claim,
        root=root,
        journal=journal,
    )


def _entries(
    document: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], Receipt], source: str
) -> list[CorpusEntry]:
    """Every entry under ``key``, each read with ``read`` or rejected with the reason."""
    if key not in document:
        return []
    entries: list[CorpusEntry] = []
    for index, entry in enumerate(items(document, key)):
        try:
            entries.append(read(entry_object(entry)))
        except FieldError as exc:
            name = entry.get("id") if isinstance(entry, Mapping) else None
            stated = name if isinstance(name, str) else None
            entries.append(RejectedEntry(source, f"{key}[{index}]", stated, str(exc)))
    return entries


def parse_corpus_entries(content: str | bytes, source: str) -> tuple[CorpusEntry, ...]:
    """Every entry of corpus JSON text, Groth16 first, in file order, each a receipt or a
    :class:`RejectedEntry`; ``source`` names the text in messages. Text that is not a corpus
    raises :class:`ReceiptError`."""
    try:
        document = load_json(content)
    except ValueError as exc:
        raise ReceiptError(f"{source}: not JSON ({exc})") from None
    try:
        if GROTH16_KEY not in entry_object(document) and SET_INCLUSION_KEY not in document:
            raise FieldError(f"has neither {GROTH16_KEY!r} nor {SET_INCLUSION_KEY!r}")
        return (
            *_entries(document, GROTH16_KEY, _groth16, source),
            *_entries(document, SET_INCLUSION_KEY, _set_inclusion, source),
        )
    except FieldError as exc:
        raise ReceiptError(f"{source}: {exc}") from None


def parse_corpus(content: str | bytes, source: str) -> ReceiptCorpus:
    """Parse corpus JSON text whose every entry is a receipt; ``source`` names it in errors."""
    entries = parse_corpus_entries(content, source)
    for entry in entries:
        if isinstance(entry, RejectedEntry):
            raise ReceiptError(entry.message)
    return ReceiptCorpus(
        source=source,
        groth16=tuple(entry for entry in entries if isinstance(entry, Groth16Receipt)),
        set_inclusion=tuple(entry for entry in entries if isinstance(entry, SetInclusionReceipt)),
    )


def _read(path: Path | str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ReceiptError(f"cannot read receipt corpus {path}: {exc.strerror}") from None


def read_corpus_entries(path: Path | str) -> tuple[CorpusEntry, ...]:
    """Read a receipt corpus file entry by entry (see :func:`parse_corpus_entries`)."""
    return parse_corpus_entries(_read(path), str(path))


def read_corpus(path: Path | str) -> ReceiptCorpus:
    """Read a receipt corpus file whose every entry is a receipt."""
    return parse_corpus(_read(path), str(path))
