"""The claimtrack domain: models, dates, status rules and the ledger.

This package imports none of the other claimtrack packages. Its names load on
first use (PEP 562), so importing a light module such as `claims.models` or
`claims.errors` does not pull in SQLAlchemy through the ledger (the command
line's start-up depends on it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "PartialDate": "claims.dates",
    "AmbiguousId": "claims.errors",
    "ClaimtrackError": "claims.errors",
    "InvalidDate": "claims.errors",
    "InvalidInput": "claims.errors",
    "NotALedger": "claims.errors",
    "SourceError": "claims.errors",
    "UnknownId": "claims.errors",
    "Ledger": "claims.ledger",
    "Claim": "claims.models",
    "ClaimFilter": "claims.models",
    "Evidence": "claims.models",
    "Link": "claims.models",
    "Source": "claims.models",
    "Verdict": "claims.models",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # `from claims import index` then imports the submodule
        raise AttributeError(f"module 'claims' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
