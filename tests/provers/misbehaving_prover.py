"""A test prover that answers like scripts/example-prover except where it is told to misbehave.

    misbehaving_prover.py MODE [--on KIND] [--pid-file PATH]

MODE is how it misbehaves:
    garbage           prints bytes that are not JSON
    wrong-claim       answers with a valid receipt for another journal
    forged-seal       answers with the requested claim but a seal proving another one
    exit              prints progress and an error on stderr and exits with status 3
    sleep             starts a child process and waits for it far past any test timeout
    unknown-selector  declares a selector no known verifier has
--on KIND limits the misbehaviour to requests of KIND (describe, batch, aggregator, set-root);
by default every proof request, and never the describe request, is answered badly.
--pid-file PATH makes ``sleep`` write its child's process id to PATH.
"""

from __future__ import annotations

import argparse
import json
import runpy
import subprocess
import sys
import time
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from harness.common.jsonfields import load_json
from harness.provers.protocol import DESCRIBE, describe_reply, parse_request

EXAMPLE_PROVER = Path(__file__).resolve().parents[2] / "scripts" / "example-prover"
MODES = ("garbage", "wrong-claim", "forged-seal", "exit", "sleep", "unknown-selector")


@cache
def example() -> dict[str, Any]:
    """scripts/example-prover's functions, loaded only by the answers that prove: the others
    start without its prover's imports and synthetic key."""
    return runpy.run_path(str(EXAMPLE_PROVER))


def misbehave(mode: str, message: Any, pid_file: str | None) -> int:
    """Answer ``message`` badly in the way ``mode`` names; returns the exit status."""
    request = parse_request(message)
    if mode == "garbage":
        sys.stdout.buffer.write(b"receipt: \x00\xff not json\n")
    elif mode == "exit":
        print("proving segment 1/3", file=sys.stderr)
        print("prover crashed: out of cycles", file=sys.stderr)
        return 3
    elif mode == "sleep":
        child = subprocess.Popen(["sleep", "300"])
        if pid_file:
            Path(pid_file).write_text(str(child.pid))
        time.sleep(300)
    elif mode == "unknown-selector":
        print(json.dumps(describe_reply(bytes.fromhex("deadbeef"))))
    else:
        assert request is not None, f"{mode} needs a proof request"
        other = replace(request, journal=request.journal + b"!")
        receipt = example()["prove"](other)
        if mode == "forged-seal":
            receipt = example()["prove"](request) | {"seal": receipt["seal"]}
        print(json.dumps(receipt))
    return 0


def main() -> int:
    """Read one request and answer it, badly where the arguments say so."""
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--on", default=None)
    parser.add_argument("--pid-file", default=None)
    args = parser.parse_args()
    message = load_json(sys.stdin.buffer.read())
    kind = message.get("kind")
    if kind == args.on or (args.on is None and kind != DESCRIBE):
        return misbehave(args.mode, message, args.pid_file)
    print(json.dumps(example()["answer"](message)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
