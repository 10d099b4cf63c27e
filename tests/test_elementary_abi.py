"""Elementary ABI arguments encoded without the codec: the same bytes as web3's strict codec
for every value it takes, and None (the codec's turn) for any value it does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from web3 import Web3

from harness.chain.elementary_abi import elementary_encoder
from harness.chain.encoding import function_calldata

CODEC = Web3().codec


@st.composite
def typed_values(draw: st.DrawFn) -> tuple[str, object]:
    """An elementary ABI type and a value of it, edges of its range included."""
    kind = draw(st.sampled_from(["uint", "int", "bytesN", "bytes", "bool"]))
    if kind in ("uint", "int"):
        bits = draw(st.integers(1, 32)) * 8
        low, top = (0, 1 << bits) if kind == "uint" else (-(1 << (bits - 1)), 1 << (bits - 1))
        value = draw(st.integers(low, top - 1) | st.sampled_from([low, top - 1]))
        return f"{kind}{bits}", value
    if kind == "bytesN":
        size = draw(st.integers(1, 32))
        return f"bytes{size}", draw(st.binary(min_size=size, max_size=size))
    if kind == "bytes":
        return "bytes", draw(st.binary(max_size=100))
    return "bool", draw(st.booleans())


@given(st.lists(typed_values(), max_size=6))
def test_elementary_arguments_encode_as_the_codec_does(pairs):
    types = [abi_type for abi_type, _ in pairs]
    values = [value for _, value in pairs]
    encoder = elementary_encoder(types)
    assert encoder is not None
    assert encoder(values) == CODEC.encode(types, values)


@pytest.mark.parametrize(
    ("abi_type", "value"),
    [
        ("uint8", 256),
        ("uint256", -1),
        ("uint256", True),
        ("int8", 128),
        ("int8", -129),
        ("bytes32", b"\x01" * 31),
        ("bytes4", b"\x01" * 5),
        ("bytes", bytearray(b"\x01")),
        ("bytes", "0x01"),
        ("bool", 1),
        ("uint64", 1.0),
    ],
)
def test_a_value_it_does_not_take_as_it_is_goes_to_the_codec(abi_type, value):
    encoder = elementary_encoder([abi_type])
    assert encoder is not None and encoder([value]) is None


@pytest.mark.parametrize("abi_type", ["address", "string", "uint256[]", "(uint8,bytes)", "uint7"])
def test_other_types_have_no_elementary_encoder(abi_type):
    assert elementary_encoder(["uint8", abi_type]) is None


def test_a_call_encodes_as_web3_does_for_plain_and_normalised_arguments():
    abi = [
        {
            "type": "function",
            "name": "finalize",
            "inputs": [
                {"name": "first", "type": "uint64"},
                {"name": "root", "type": "bytes32"},
                {"name": "kind", "type": "uint8"},
                {"name": "seal", "type": "bytes"},
            ],
            "outputs": [],
            "stateMutability": "nonpayable",
        }
    ]
    contract = Web3().eth.contract(address="0x" + "11" * 20, abi=abi)
    for args in ([7, b"\x22" * 32, 1, b"\x33" * 70], [7, "0x" + "22" * 32, 1, "0x3333"]):
        expected = bytes.fromhex(contract.encode_abi("finalize", args=args)[2:])
        assert function_calldata(CODEC, contract, "finalize", args) == expected
