"""Transaction-level gas arithmetic: intrinsic gas and the EIP-7623 calldata floor."""

from __future__ import annotations

from dataclasses import dataclass

TX_BASE_GAS = 21_000
CREATE_GAS = 32_000
INITCODE_WORD_GAS = 2  # EIP-3860
ZERO_BYTE_GAS = 4
NONZERO_BYTE_GAS = 16
FLOOR_GAS_PER_TOKEN = 10  # EIP-7623: a zero byte is one token, a non-zero byte four
FLOOR_TOKENS_PER_NONZERO_BYTE = 4

#: Forks from which EIP-7623's calldata floor applies.
FLOOR_FORKS = frozenset({"prague", "osaka"})


@dataclass(frozen=True)
class CalldataCost:
    """What a transaction's calldata costs before any code runs."""

    zero_bytes: int
    nonzero_bytes: int
    intrinsic_gas: int
    floor_gas: int


def calldata_cost(data: bytes, fork: str, *, create: bool = False) -> CalldataCost:
    """Intrinsic gas and EIP-7623 floor of a transaction carrying ``data`` on ``fork``.

    The floor is 0 on forks before Prague, where it does not exist.
    """
    zeros = data.count(0)
    nonzeros = len(data) - zeros
    intrinsic = TX_BASE_GAS + ZERO_BYTE_GAS * zeros + NONZERO_BYTE_GAS * nonzeros
    if create:
        intrinsic += CREATE_GAS + INITCODE_WORD_GAS * ((len(data) + 31) // 32)
    floor = 0
    if fork in FLOOR_FORKS:
        tokens = zeros + FLOOR_TOKENS_PER_NONZERO_BYTE * nonzeros
        floor = TX_BASE_GAS + FLOOR_GAS_PER_TOKEN * tokens
    return CalldataCost(zeros, nonzeros, intrinsic, floor)
