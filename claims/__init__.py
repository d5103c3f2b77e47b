"""The claimtrack domain: models, dates, status rules and the ledger.

The public API is `__all__`: open a `Ledger`, store `Claim`s and `Source`s,
link and rate them, read them back with a `ClaimFilter`. Everything else in
the package (the store modules, `schema`, `sql`, `index`) is how the ledger
does it, and may change. This package imports none of the other claimtrack
packages, and no NLP library.

Its names load on first use (PEP 562), so importing a light module such as
`claims.errors` does not pull in SQLAlchemy through the ledger (the command
line's start-up depends on it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims.dates import (
        PartialDate,
    )
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
    from claims.ledger import (
        Ledger,
        resolve_url,
    )
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

_HOMES = {
    "PartialDate": "claims.dates",
    "AmbiguousId": "claims.errors",
    "ClaimtrackError": "claims.errors",
    "InvalidDate": "claims.errors",
    "InvalidInput": "claims.errors",
    "NotALedger": "claims.errors",
    "SchemaOutdated": "claims.errors",
    "SourceError": "claims.errors",
    "UnknownId": "claims.errors",
    "Ledger": "claims.ledger",
    "resolve_url": "claims.ledger",
    "RATINGS": "claims.models",
    "STANCES": "claims.models",
    "Appearance": "claims.models",
    "Claim": "claims.models",
    "ClaimDetail": "claims.models",
    "ClaimFilter": "claims.models",
    "Evidence": "claims.models",
    "Link": "claims.models",
    "LinkRef": "claims.models",
    "Origin": "claims.models",
    "Polarity": "claims.models",
    "QuoteKind": "claims.models",
    "Rating": "claims.models",
    "Source": "claims.models",
    "SourceRef": "claims.models",
    "Stance": "claims.models",
    "Status": "claims.models",
    "Verdict": "claims.models",
    "VerdictRef": "claims.models",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # `from claims import index` then imports the submodule
        raise AttributeError(f"module 'claims' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
