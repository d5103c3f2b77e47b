"""The claimtrack domain: models, dates, status rules and the ledger.

The public API is `__all__`: open a `Ledger`, store `Claim`s and `Source`s,
link and rate them, read them back with a `ClaimFilter`. Everything else in
the package (the store modules, `schema`, `sql`, `index`) is how the ledger
does it, and may change. This package imports none of the other claimtrack
packages, and no NLP library.
"""

from claims.dates import PartialDate
from claims.errors import (
    AmbiguousId,
    ClaimtrackError,
    InvalidDate,
    InvalidInput,
    NotALedger,
    SchemaOutdated,
    SourceError,
    UnknownId,
)
from claims.ledger import Ledger, resolve_url
from claims.models import (
    RATINGS,
    STANCES,
    Appearance,
    Claim,
    ClaimDetail,
    ClaimFilter,
    Evidence,
    Link,
    LinkRef,
    Origin,
    Polarity,
    QuoteKind,
    Rating,
    Source,
    SourceRef,
    Stance,
    Status,
    Verdict,
    VerdictRef,
)

__all__ = [
    "RATINGS",
    "STANCES",
    "AmbiguousId",
    "Appearance",
    "Claim",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimtrackError",
    "Evidence",
    "InvalidDate",
    "InvalidInput",
    "Ledger",
    "Link",
    "LinkRef",
    "NotALedger",
    "Origin",
    "PartialDate",
    "Polarity",
    "QuoteKind",
    "Rating",
    "SchemaOutdated",
    "Source",
    "SourceError",
    "SourceRef",
    "Stance",
    "Status",
    "UnknownId",
    "Verdict",
    "VerdictRef",
    "resolve_url",
]
