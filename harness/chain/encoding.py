"""Calldata of a contract function call, encoded without web3's per-call function lookup.

web3's ``encode_abi`` matches the call against every function of the ABI, checks each
argument is encodable and then encodes it: several milliseconds for a batch of calldata.
:func:`function_calldata` encodes with the same strict ABI codec web3 uses, from a selector
looked up once per function; a call it cannot take as it is (an overloaded name, or arguments
that need web3's normalising, such as hex strings for bytes or ENS names) goes to web3's
``encode_abi``, which encodes or rejects it as always. A function whose parameters are all
elementary (integers, booleans, fixed and dynamic bytes) is encoded first by
:mod:`harness.chain.elementary_abi`, which takes plain values only and leaves the rest to
the codec.

:func:`lookup_function` also names the one return type of a function that returns a single
elementary value, which web3 hands back as the codec decodes it (an address checksummed): a
call to it can then be read from the node's answer without web3's call machinery (see
:meth:`harness.chain.base.Chain.call`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eth_abi.codec import ABICodec
from eth_abi.exceptions import EncodingError
from eth_utils import keccak
from web3.contract import Contract

from harness.chain.elementary_abi import ELEMENTARY_OUTPUT, Encoder, elementary_encoder
from harness.chain.reverts import canonical_type


@dataclass(frozen=True)
class Function:
    """What a call of one function needs of its ABI."""

    selector: bytes
    #: The canonical input types.
    types: tuple[str, ...]
    #: Their encoder, when all are elementary.
    encoder: Encoder | None
    #: The return type, when the function returns one value of an elementary type
    #: (:data:`~harness.chain.elementary_abi.ELEMENTARY_OUTPUT`).
    output: str | None


def function_calldata(codec: ABICodec, contract: Contract, fn: str, args: Sequence[Any]) -> bytes:
    """The calldata of ``contract.fn(*args)``: the same bytes as web3's ``encode_abi``."""
    function = lookup_function(contract.abi, fn, len(args))
    if function is not None:
        encoded = function.encoder(args) if function.encoder is not None else None
        if encoded is not None:
            return function.selector + encoded
        try:
            return function.selector + codec.encode(function.types, args)
        except EncodingError:
            pass
    return bytes.fromhex(contract.encode_abi(fn, args=list(args))[2:])


#: Functions already looked up, by (ABI object id, name, argument count); each entry holds
#: its ABI, so that id stays the ABI's for as long as the entry.
_FUNCTIONS: dict[tuple[int, str, int], tuple[Any, Function | None]] = {}


def lookup_function(abi: Any, fn: str, arity: int) -> Function | None:
    """The one function ``fn`` of ``abi`` taking ``arity`` arguments (None if the name is
    overloaded or takes another count)."""
    key = (id(abi), fn, arity)
    if key in _FUNCTIONS:
        return _FUNCTIONS[key][1]
    items = [i for i in abi if i.get("type") == "function" and i.get("name") == fn]
    found = None
    if len(items) == 1 and len(items[0]["inputs"]) == arity:
        types = tuple(canonical_type(param) for param in items[0]["inputs"])
        outputs = [canonical_type(param) for param in items[0].get("outputs", ())]
        found = Function(
            selector=keccak(text=f"{fn}({','.join(types)})")[:4],
            types=types,
            encoder=elementary_encoder(types),
            output=outputs[0]
            if len(outputs) == 1 and ELEMENTARY_OUTPUT.fullmatch(outputs[0])
            else None,
        )
    _FUNCTIONS[key] = (abi, found)
    return found
