"""A receipt's logs as the node sent them, read as web3 formats them: each entry, a slice, and
equality with the tuple of formatted entries."""

from __future__ import annotations

from hexbytes import HexBytes

from harness.chain.direct import NodeLogs, web3_log

ENTRY = {
    "address": "0xb9816fc57977d5a786e654c7cf76767be63b966e",
    "topics": ["0x" + "2f" * 32, "0x" + "00" * 31 + "01"],
    "data": "0x" + "ab" * 64,
    "blockHash": "0x" + "66" * 32,
    "blockNumber": "0x6",
    "transactionHash": "0x" + "3a" * 32,
    "transactionIndex": "0x0",
    "logIndex": "0x1",
    "removed": False,
}


def test_entries_read_as_web3_formats_them():
    logs = NodeLogs([ENTRY, {**ENTRY, "logIndex": "0x2", "data": "0x"}])
    assert len(logs) == 2
    first = logs[0]
    assert first.address == "0xB9816fC57977D5A786E654c7CF76767be63b966e"
    assert first.topics == [HexBytes("0x" + "2f" * 32), HexBytes("0x" + "00" * 31 + "01")]
    assert isinstance(first.data, HexBytes) and first.data == b"\xab" * 64
    assert (first.blockNumber, first.logIndex, first.removed) == (6, 1, False)
    assert logs[1].data == b"" and logs[-1].logIndex == 2
    assert logs[1:] == (logs[1],)


def test_logs_equal_the_tuple_of_formatted_entries():
    formatted = (web3_log(ENTRY),)
    logs = NodeLogs([ENTRY])
    assert logs == formatted and formatted == logs and list(logs) == list(formatted)
    assert hash(logs) == hash(formatted)
    assert logs != (web3_log({**ENTRY, "logIndex": "0x2"}),) and logs != ()


def test_hex_of_other_forms_reads_as_hexbytes_reads_it():
    odd = NodeLogs([{**ENTRY, "data": "0xabc", "topics": ["0X" + "01" * 32]}])[0]
    assert odd.data == HexBytes("0xabc") and odd.topics == [HexBytes("0X" + "01" * 32)]
