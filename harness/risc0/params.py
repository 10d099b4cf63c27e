"""Groth16 verifying keys, verifier parameter sets, selectors, and the table of RISC Zero versions.

A verifier's selector is the first 4 bytes of its parameters digest
``tagged("risc0.Groth16ReceiptVerifierParameters", [control_root, reverse(bn254_id), vk_digest])``.
The version table (``harness/data/risc0_versions.json``) stores each selector; loading it
recomputes every one from the parameters and refuses a table where any differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from harness.bn254.curve import G1Affine, G2Affine
from harness.bn254.fields import BN254_BASE_FIELD
from harness.common.errors import ReceiptError, UsageError
from harness.common.hexcodec import to_hex
from harness.common.jsonfields import (
    FieldError,
    decimal,
    entry_object,
    field,
    hex_bytes,
    items,
    optional_hex,
    read_json_file,
    text,
)
from harness.risc0.digests import sha256, tagged_list, tagged_struct
from harness.risc0.inputs import PublicInputs, public_inputs
from harness.risc0.merkle import set_verifier_selector

VERSIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "risc0_versions.json"

VERIFYING_KEY_TAG = "risc0_groth16.VerifyingKey"
VERIFYING_KEY_IC_TAG = "risc0_groth16.VerifyingKey.IC"
GROTH16_PARAMETERS_TAG = "risc0.Groth16ReceiptVerifierParameters"
LEGACY_PARAMETERS_TAG = "risc0.CompactReceiptVerifierParameters"
"""Tag of the May-2024 development formula, which also left the BN254 id unreversed."""

SELECTOR_SIZE = 4

T = TypeVar("T")


def _point_digest(*coordinates: int) -> bytes:
    return sha256(b"".join(value.to_bytes(32, "big") for value in coordinates))


@dataclass(frozen=True)
class VerifyingKey:
    """A Groth16 verifying key; G2 points are ``(x_imag, x_real, y_imag, y_real)``."""

    alpha1: G1Affine
    beta2: G2Affine
    gamma2: G2Affine
    delta2: G2Affine
    ic: tuple[G1Affine, ...]

    @property
    def num_public_inputs(self) -> int:
        """How many public inputs the key takes: one fewer than its IC points."""
        return len(self.ic) - 1

    def digest(self) -> bytes:
        """The key's digest, as hashed into the verifier parameters."""
        ic_list = tagged_list(VERIFYING_KEY_IC_TAG, [_point_digest(*point) for point in self.ic])
        return tagged_struct(
            VERIFYING_KEY_TAG,
            [
                _point_digest(*self.alpha1),
                _point_digest(*self.beta2),
                _point_digest(*self.gamma2),
                _point_digest(*self.delta2),
                ic_list,
            ],
        )


def parameters_digest(control_root: bytes, bn254_control_id: bytes, vk: VerifyingKey) -> bytes:
    """The Groth16 verifier-parameters digest (BN254 id given in Solidity order)."""
    return tagged_struct(
        GROTH16_PARAMETERS_TAG, [control_root, bn254_control_id[::-1], vk.digest()]
    )


def groth16_selector(control_root: bytes, bn254_control_id: bytes, vk: VerifyingKey) -> bytes:
    """The selector a Groth16 verifier with these parameters expects in ``seal[0:4]``."""
    return parameters_digest(control_root, bn254_control_id, vk)[:SELECTOR_SIZE]


def legacy_groth16_selector(
    control_root: bytes, bn254_control_id: bytes, vk: VerifyingKey
) -> bytes:
    """The selector of the May-2024 development formula (other tag, BN254 id not reversed)."""
    digest = tagged_struct(LEGACY_PARAMETERS_TAG, [control_root, bn254_control_id, vk.digest()])
    return digest[:SELECTOR_SIZE]


@dataclass(frozen=True)
class VerifierParams:
    """One Groth16 verifier parameter set: a RISC Zero release, candidate, dev build, or the
    harness's synthetic key. ``bn254_control_id`` is in Solidity (``ControlID.sol``) order."""

    id: str
    version: str
    label: str
    status: str
    selector: bytes
    control_root: bytes
    bn254_control_id: bytes
    vk_id: str
    vk: VerifyingKey
    legacy_selector: bytes | None = None

    @property
    def accepted_selectors(self) -> tuple[bytes, ...]:
        """Selectors whose seals these parameters verify: the selector, then any legacy one."""
        if self.legacy_selector is None:
            return (self.selector,)
        return self.selector, self.legacy_selector

    def public_inputs(self, claim_digest: bytes) -> PublicInputs:
        """The five Groth16 public inputs for ``claim_digest`` under these parameters."""
        return public_inputs(self.control_root, self.bn254_control_id, claim_digest)


@dataclass(frozen=True)
class SetVerifierParams:
    """A set-verifier version: its selector is derived from the set-builder image id."""

    version: str
    selector: bytes
    set_builder_image_id: bytes

    @classmethod
    def for_image(cls, version: str, set_builder_image_id: bytes) -> SetVerifierParams:
        """Parameters of a set verifier for ``set_builder_image_id``, selector derived."""
        return cls(version, set_verifier_selector(set_builder_image_id), set_builder_image_id)


@dataclass(frozen=True)
class VersionTable:
    """Every known verifier, looked up by selector (as a router does) or by version name."""

    groth16: tuple[VerifierParams, ...]
    set_verifiers: tuple[SetVerifierParams, ...]

    def by_selector(self, selector: bytes) -> VerifierParams:
        """The Groth16 parameters that accept seals starting with ``selector``."""
        for params in self.groth16:
            if bytes(selector) in params.accepted_selectors:
                return params
        raise ReceiptError(f"no known RISC Zero Groth16 verifier has selector {to_hex(selector)}")

    def by_version(self, name: str) -> VerifierParams:
        """The Groth16 parameters named ``name``: a version ("3.0", "5.0-dev"), id or label."""
        wanted = name.strip().removeprefix("v")
        for params in self.groth16:
            if wanted in (params.version, params.id, params.label):
                return params
        known = ", ".join(params.version for params in self.groth16)
        raise UsageError(f"unknown RISC Zero verifier version {name!r}; known: {known}")

    def set_verifier_by_selector(self, selector: bytes) -> SetVerifierParams:
        """The set verifier whose selector is ``selector``."""
        for params in self.set_verifiers:
            if params.selector == bytes(selector):
                return params
        raise ReceiptError(f"no known RISC Zero set verifier has selector {to_hex(selector)}")

    def set_verifier_by_version(self, name: str) -> SetVerifierParams:
        """The set verifier of version ``name`` ("0.9.0")."""
        wanted = name.strip().removeprefix("v")
        for params in self.set_verifiers:
            if params.version == wanted:
                return params
        known = ", ".join(params.version for params in self.set_verifiers)
        raise UsageError(f"unknown RISC Zero set verifier version {name!r}; known: {known}")


def _coordinate(entry: Mapping[str, Any], key: str) -> int:
    value = decimal(entry, key)
    if value >= BN254_BASE_FIELD:
        raise FieldError(f"{key} is not below the BN254 base field modulus")
    return value


def _g1(entry: Mapping[str, Any]) -> G1Affine:
    return _coordinate(entry, "x"), _coordinate(entry, "y")


def _g2(entry: Mapping[str, Any]) -> G2Affine:
    return (
        _coordinate(entry, "x_imag"),
        _coordinate(entry, "x_real"),
        _coordinate(entry, "y_imag"),
        _coordinate(entry, "y_real"),
    )


def _verifying_key(entry: Mapping[str, Any]) -> VerifyingKey:
    ic = items(entry, "ic")
    if len(ic) < 2:
        raise FieldError("ic must be a list of at least two points")
    vk = VerifyingKey(
        alpha1=_g1(field(entry, "alpha1")),
        beta2=_g2(field(entry, "beta2")),
        gamma2=_g2(field(entry, "gamma2")),
        delta2=_g2(field(entry, "delta2")),
        ic=tuple(_g1(point) for point in ic),
    )
    stated = hex_bytes(entry, "digest", 32)
    if vk.digest() != stated:
        raise FieldError(
            f"stated digest {to_hex(stated)} but the key hashes to {to_hex(vk.digest())}"
        )
    return vk


def _check_selector(name: str, stated: bytes, computed: bytes) -> None:
    if stated != computed:
        raise FieldError(
            f"{name} states selector {to_hex(stated)} but its parameters give {to_hex(computed)}"
        )


def _verifier(entry: Mapping[str, Any], keys: Mapping[str, VerifyingKey]) -> VerifierParams:
    vk_id = text(entry, "vk_id")
    if vk_id not in keys:
        raise FieldError(f"unknown vk_id {vk_id!r}")
    legacy = optional_hex(entry, "legacy_selector", SELECTOR_SIZE)
    params = VerifierParams(
        id=text(entry, "id"),
        version=text(entry, "version"),
        label=text(entry, "label"),
        status=text(entry, "status"),
        selector=hex_bytes(entry, "selector", SELECTOR_SIZE),
        control_root=hex_bytes(entry, "control_root", 32),
        bn254_control_id=hex_bytes(entry, "bn254_control_id", 32),
        vk_id=vk_id,
        vk=keys[vk_id],
        legacy_selector=legacy,
    )
    if params.vk.num_public_inputs != 5:
        raise FieldError(f"{params.id} has a key with {params.vk.num_public_inputs} public inputs")
    _check_selector(
        params.id,
        params.selector,
        groth16_selector(params.control_root, params.bn254_control_id, params.vk),
    )
    if legacy is not None:
        _check_selector(
            f"{params.id} (legacy)",
            legacy,
            legacy_groth16_selector(params.control_root, params.bn254_control_id, params.vk),
        )
    return params


def _set_verifier(entry: Mapping[str, Any]) -> SetVerifierParams:
    params = SetVerifierParams.for_image(
        text(entry, "version"), hex_bytes(entry, "set_builder_image_id", 32)
    )
    stated = hex_bytes(entry, "selector", SELECTOR_SIZE)
    _check_selector(f"set verifier {params.version}", stated, params.selector)
    return params


def parse_versions(document: Any, source: str) -> VersionTable:
    """Build a :class:`VersionTable` from a parsed JSON document, checking every selector.

    Raises :class:`UsageError` naming ``source`` if the document is malformed or inconsistent.
    """
    try:
        return _parse(document)
    except FieldError as exc:
        raise UsageError(f"invalid RISC Zero version table {source}: {exc}") from None


def _each(document: Any, key: str, read: Callable[[Any], T]) -> tuple[T, ...]:
    """Read every entry of the list ``key``, naming the failing entry in any error."""
    entries = []
    for index, entry in enumerate(items(document, key)):
        try:
            entries.append(read(entry))
        except FieldError as exc:
            raise FieldError(f"{key}[{index}]: {exc}") from None
    return tuple(entries)


def _parse(document: Any) -> VersionTable:
    keys = {}
    for vk_id, entry in entry_object(field(document, "verifying_keys")).items():
        try:
            keys[vk_id] = _verifying_key(entry)
        except FieldError as exc:
            raise FieldError(f"verifying key {vk_id!r}: {exc}") from None
    table = VersionTable(
        groth16=_each(document, "groth16_verifiers", lambda entry: _verifier(entry, keys)),
        set_verifiers=_each(document, "set_verifiers", _set_verifier),
    )
    selectors = [s for params in table.groth16 for s in params.accepted_selectors]
    selectors += [params.selector for params in table.set_verifiers]
    if len(set(selectors)) != len(selectors):
        raise FieldError("two verifiers share a selector")
    return table


def load_versions(path: Path | None = None) -> VersionTable:
    """Load and check a version table; the default is the harness's own (loaded once)."""
    if path is None:
        return _default_table()
    return _load(Path(path))


@cache
def _default_table() -> VersionTable:
    return _load(VERSIONS_FILE)


def _load(path: Path) -> VersionTable:
    document = read_json_file(path, "RISC Zero version table", UsageError)
    return parse_versions(document, str(path))
