"""JSON-RPC over HTTP that retries transient faults a bounded number of times, then says so.

Every request carries a timeout. A refused connection, a timeout or an HTTP error status (a
5xx from a proxy in front of the node, say) is retried with exponential backoff; when the
retries run out the request fails with :class:`NodeUnavailable`, one line naming the node,
the fault and how long the harness kept trying. Only requests that are safe to repeat are
retried: reads, and sends (a synchronous send too), which always carry an explicit nonce (see
:meth:`harness.chain.base.Chain.send`), so a send repeated after a lost answer cannot be mined
twice.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any

import requests
from web3 import HTTPProvider
from web3.providers.rpc.utils import REQUEST_RETRY_ALLOWLIST, ExceptionRetryConfiguration
from web3.types import RPCEndpoint, RPCResponse

from harness.common.errors import ChainError, UsageError

RPC_TIMEOUT_ENV = "ROLLUP_HARNESS_RPC_TIMEOUT"
RPC_RETRIES_ENV = "ROLLUP_HARNESS_RPC_RETRIES"
RECEIPT_TIMEOUT_ENV = "ROLLUP_HARNESS_RECEIPT_TIMEOUT"
DEFAULT_RPC_TIMEOUT_S = 10.0
DEFAULT_RPC_RETRIES = 4
DEFAULT_RECEIPT_TIMEOUT_S = 120.0
#: The first retry waits this long; each later one twice as long as the one before.
BACKOFF_S = 0.25

#: Faults worth retrying: the node may be restarting, overloaded, or behind a flaky proxy.
TRANSIENT_ERRORS = (requests.ConnectionError, requests.Timeout, requests.HTTPError)

#: Methods repeated after a fault: web3's read-only list without ``evm_*`` (a repeated
#: ``evm_revert`` or ``evm_mine`` would act twice), plus the idempotent ones the harness uses.
RETRIED_METHODS = (
    *(method for method in REQUEST_RETRY_ALLOWLIST if method != "evm"),
    "evm_snapshot",
    "eth_sendTransaction",
    "eth_sendTransactionSync",
    # A signed transaction is the same bytes and hash however often it is sent.
    "eth_sendRawTransaction",
    "eth_sendRawTransactionSync",
    "web3_clientVersion",
    # Reads web3's list lacks, for --fees-from.
    "eth_feeHistory",
    "eth_blobBaseFee",
    "anvil_setBalance",
    "anvil_impersonateAccount",
)


class NodeUnavailable(ChainError):
    """The node stopped answering (or never answered) and the retries ran out.

    ``fault`` says what failed and for how long the harness tried.
    """

    def __init__(self, message: str, fault: str = "") -> None:
        super().__init__(message)
        self.fault = fault


class NotMined(ChainError):
    """A sent transaction was not mined within the receipt timeout."""


def env_seconds(name: str, default: float, *, minimum: float) -> float:
    """A duration in seconds from the environment variable ``name`` (``default`` if unset)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not minimum <= value < math.inf:
        raise UsageError(f"{name} must be a number of seconds >= {minimum:g}, got {text!r}")
    return value


def env_count(name: str, default: int) -> int:
    """A whole number >= 0 from the environment variable ``name`` (``default`` if unset)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise UsageError(f"{name} must be a whole number >= 0, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class RpcPolicy:
    """How long one request may take, and how often a failed one is tried again."""

    timeout: float = DEFAULT_RPC_TIMEOUT_S
    retries: int = DEFAULT_RPC_RETRIES
    backoff: float = BACKOFF_S

    @classmethod
    def from_env(cls) -> RpcPolicy:
        """The policy set by ``ROLLUP_HARNESS_RPC_TIMEOUT`` / ``ROLLUP_HARNESS_RPC_RETRIES``."""
        return cls(
            timeout=env_seconds(RPC_TIMEOUT_ENV, DEFAULT_RPC_TIMEOUT_S, minimum=0.05),
            retries=env_count(RPC_RETRIES_ENV, DEFAULT_RPC_RETRIES),
        )

    @property
    def worst_case_seconds(self) -> float:
        """The longest one request can take before it fails: every try times out."""
        waits = sum(self.backoff * 2**i for i in range(self.retries))
        return (self.retries + 1) * self.timeout + waits


def default_receipt_timeout() -> float:
    """Seconds to wait for a sent transaction to be mined (``ROLLUP_HARNESS_RECEIPT_TIMEOUT``)."""
    return env_seconds(RECEIPT_TIMEOUT_ENV, DEFAULT_RECEIPT_TIMEOUT_S, minimum=0.1)


class HTTPStatusError(Exception):
    """An HTTP answer with an error status (a proxy in front of the node failing, say)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status} {reason}".rstrip())
        self.status = status
        self.reason = reason


def describe_fault(exc: BaseException, timeout: float) -> str:
    """A few words for a transport exception: what a user can act on, not a stack of causes."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code} {exc.response.reason or ''}".rstrip()
    if isinstance(exc, HTTPStatusError):
        return str(exc)
    if isinstance(exc, requests.Timeout | TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, requests.ConnectionError):
        return "connection refused or dropped"
    if isinstance(exc, OSError | HTTPException) and not isinstance(exc, requests.RequestException):
        return "connection refused or dropped"
    return type(exc).__name__


def is_retried(method: str) -> bool:
    """Whether a request of ``method`` is sent again after a transport fault."""
    return method in RETRIED_METHODS or method.split("_")[0] in RETRIED_METHODS


def unavailable(
    url: str,
    method: str,
    exc: BaseException,
    seconds: float,
    policy: RpcPolicy,
    diagnose: Callable[[], str | None] | None,
) -> NodeUnavailable:
    """The one-line failure of a request of ``method`` to ``url`` that ended with ``exc``
    after ``seconds`` of trying; ``diagnose`` may add why the node is gone."""
    tries = f"after {policy.retries} retries" if is_retried(method) else f"{method} is not retried"
    fault = f"{describe_fault(exc, policy.timeout)}, {tries} over {seconds:.1f} s"
    message = f"the node at {url} stopped answering ({fault})"
    hint = diagnose() if diagnose else None
    return NodeUnavailable(f"{message}; {hint}" if hint else message, fault)


def not_json_rpc(url: str, method: str, exc: BaseException) -> ChainError:
    """The failure of a request whose answer was not JSON."""
    return ChainError(
        f"the node at {url} answered {method} with something that is not JSON-RPC "
        f"({type(exc).__name__}); check the URL"
    )


class AnswersOrNot:
    """A provider mixin: ``is_connected`` says False, not raises, once the retries run out."""

    def is_connected(self, show_traceback: bool = False) -> bool:
        """Whether the node answers (False, not an exception, once the retries run out)."""
        try:
            return super().is_connected(show_traceback)  # type: ignore[misc]
        except NodeUnavailable:
            if show_traceback:
                raise
            return False


class RetryingHTTPProvider(AnswersOrNot, HTTPProvider):
    """web3's HTTP provider with a timeout, bounded retries and one-line failures.

    ``diagnose`` may add what the harness knows about why the node is gone (anvil exited).
    """

    def __init__(
        self,
        url: str,
        policy: RpcPolicy | None = None,
        *,
        diagnose: Callable[[], str | None] | None = None,
    ) -> None:
        self.policy = policy or RpcPolicy.from_env()
        self._diagnose = diagnose
        super().__init__(
            url,
            request_kwargs={"timeout": self.policy.timeout},
            exception_retry_configuration=ExceptionRetryConfiguration(
                errors=TRANSIENT_ERRORS,
                retries=self.policy.retries + 1,  # web3 counts tries, not retries
                backoff_factor=self.policy.backoff,
                method_allowlist=list(RETRIED_METHODS),
            ),
        )

    def make_request(self, method: RPCEndpoint, params: Any) -> RPCResponse:
        """Send one JSON-RPC request; a transport failure raises :class:`NodeUnavailable`."""
        started = time.monotonic()
        try:
            return super().make_request(method, params)
        except (requests.RequestException, OSError) as exc:
            raise unavailable(
                str(self.endpoint_uri),
                method,
                exc,
                time.monotonic() - started,
                self.policy,
                self._diagnose,
            ) from None
        except ValueError as exc:  # the body was not JSON: not a JSON-RPC node
            raise not_json_rpc(str(self.endpoint_uri), method, exc) from None
