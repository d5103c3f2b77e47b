"""claimtrack's pipeline: reading, NLP, linking and the library API over the ledger.

The notebook API (documented in the README, "Python API") is importable from
here: `build_nlp`, `extract_claims`, `Ledger`, `ingest_documents`, and the
models they take and return. The names load on first use (PEP 562), so
`import pipeline` (and the command line's start-up) does not pay for spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.api import (
        Claim,
        ClaimFilter,
        Document,
        IngestOptions,
        IngestResult,
        Ledger,
        annotate_claims,
        build_nlp,
        extract_claims,
        ingest_documents,
        ingest_paths,
        log_claim,
    )

__all__ = [
    "Claim",
    "ClaimFilter",
    "Document",
    "IngestOptions",
    "IngestResult",
    "Ledger",
    "__version__",
    "annotate_claims",
    "build_nlp",
    "extract_claims",
    "ingest_documents",
    "ingest_paths",
    "log_claim",
]


def _version() -> str:
    """The installed distribution's version; a source checkout that was never installed says so."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimtrack")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in __all__:
        from pipeline import api

        value = getattr(api, name)
    else:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
