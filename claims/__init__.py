"""The claimtrack domain: models, dates, status rules and the ledger.

This package imports none of the other claimtrack packages.
"""

from claims.dates import PartialDate
from claims.errors import (
    AmbiguousId,
    ClaimtrackError,
    InvalidDate,
    InvalidInput,
    NotALedger,
    SourceError,
    UnknownId,
)
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter, Evidence, Link, Source, Verdict

__all__ = [
    "AmbiguousId",
    "Claim",
    "ClaimFilter",
    "ClaimtrackError",
    "Evidence",
    "InvalidDate",
    "InvalidInput",
    "Ledger",
    "Link",
    "NotALedger",
    "PartialDate",
    "Source",
    "SourceError",
    "UnknownId",
    "Verdict",
]
