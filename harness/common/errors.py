"""The project's exception hierarchy.

Every error a user can cause or meet derives from :class:`HarnessError` and carries a message
they can act on; the command line prints it as one line and exits non-zero.
"""

from __future__ import annotations


class HarnessError(Exception):
    """Base of every error the harness reports to a user."""

    exit_code = 1


class UsageError(HarnessError):
    """A command-line value or input file is invalid."""

    exit_code = 2


class ToolchainError(HarnessError):
    """A compiler or node binary is missing or failed."""


class ChainError(HarnessError):
    """The chain backend could not be started, reached or used."""


class ReceiptError(HarnessError):
    """A receipt, seal or receipt file is malformed or does not verify."""


class ProverError(HarnessError):
    """A prover failed to produce a receipt."""
