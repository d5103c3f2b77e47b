"""Specific exceptions the library raises; the CLI turns each into a one-line message.

Every error a user can cause derives from `ClaimtrackError`, so the command line
can catch exactly these and let real bugs surface as bugs.
"""

from __future__ import annotations


class ClaimtrackError(Exception):
    """Base class for errors caused by input, not by a bug. Exit code 1."""

    exit_code: int = 1


class InvalidDate(ClaimtrackError, ValueError):
    """A date string is not a valid `PartialDate`."""


class InvalidInput(ClaimtrackError, ValueError):
    """A value given by the user is not acceptable (empty text, unknown rating...)."""


class UnknownId(ClaimtrackError, LookupError):
    """No claim or source has this id or id prefix."""


class AmbiguousId(ClaimtrackError, LookupError):
    """An id prefix matches more than one record."""


class NotALedger(ClaimtrackError):
    """The database path or URL does not hold a claimtrack ledger, or cannot be opened."""


class SourceError(ClaimtrackError):
    """A document could not be read (missing, empty, binary, too large...)."""


class SchemaOutdated(NotALedger):
    """The ledger was made by an older claimtrack; `claimtrack db migrate` upgrades it."""
