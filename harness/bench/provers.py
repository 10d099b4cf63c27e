"""How many synthetic seals per second the prover pool makes, with 1 worker and with all, and
how many seals per second the harness checks as it checks an external prover's.

Start-up is not timed: the synthetic key is built and the worker processes are started (and
have each taken a task) before the proving clock starts, as in a sweep, whose pool starts its
workers once and keeps them; the verifying key is prepared before the checking clock starts.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from harness.claims.request import ProofRequest
from harness.provers.external import check_seal
from harness.provers.pool import ProverPool
from harness.provers.sources import SyntheticSource


@dataclass(frozen=True)
class ProverBench:
    """Seals per second at a worker count."""

    workers: int
    seals: int
    seconds: float

    @property
    def seals_per_second(self) -> float:
        """Throughput."""
        return self.seals / self.seconds


#: Makes the checked claims other than the proved ones (whose salts are 0 and 1).
CHECK_SALT = 7


def _requests(count: int, salt: int) -> list[ProofRequest]:
    return [
        ProofRequest("batch", b"\x5a" * 32, salt.to_bytes(4, "big") + i.to_bytes(4, "big"))
        for i in range(count)
    ]


def bench_provers(seals: int = 400) -> list[ProverBench]:
    """Prove ``seals`` distinct claims with 1 worker, then with every CPU (fresh caches)."""
    results = []
    for salt, workers in enumerate(sorted({1, os.cpu_count() or 1})):
        with ProverPool(SyntheticSource(), workers=workers, capacity=seals) as pool:
            # The key and its tables, built before the timing: one worker proves in this
            # process, which would otherwise build them while timed.
            pool.source.prepare_workers()
            pool.warm_up()
            requests = _requests(seals, salt)
            started = time.perf_counter()
            pool.prove(requests)
            results.append(ProverBench(pool.workers, seals, time.perf_counter() - started))
    return results


def bench_seal_checks(seals: int = 20) -> ProverBench:
    """Check ``seals`` synthetic seals in this process, each as an external prover's seal is
    checked before it is accepted (the Groth16 pairing check of the verifier it names)."""
    source = SyntheticSource()
    spec = source.verifier()
    requests = _requests(seals, CHECK_SALT)
    made = [(source.seal(request), request.claim_digest) for request in requests]
    for seal, claim_digest in made:  # prepares the verifying key and builds its tables
        check_seal(spec, seal, claim_digest)
    started = time.perf_counter()
    for seal, claim_digest in made:
        check_seal(spec, seal, claim_digest)
    return ProverBench(1, seals, time.perf_counter() - started)
