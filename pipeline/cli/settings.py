"""The command line's settings: the one place where claimtrack reads environment variables.

Everything below the command line takes its settings as parameters, so a
library caller (a notebook, the web desk) gets exactly what it asks for and an
explicitly configured value is never overridden by something in the
environment. The variables are read once, when a command starts; a bad value
is reported (one line, exit 1) only by the commands that use it, so a typo in
`CLAIMTRACK_MAX_BYTES` does not stop `claims list`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from claims.errors import InvalidInput

DB_ENV = "CLAIMTRACK_DB"  # read by typer as the --db option's envvar
MODEL_ENV = "CLAIMTRACK_SPACY_MODEL"
THRESHOLD_ENV = "CLAIMTRACK_MIN_CHECKWORTHINESS"
MAX_BYTES_ENV = "CLAIMTRACK_MAX_BYTES"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What the environment configures, as raw text; the accessors validate on use.

    A plain dataclass, not a pydantic model: it is built at every start-up.
    """

    db: str | None = None
    spacy_model: str | None = None
    min_checkworthiness_text: str | None = None
    max_bytes_text: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, db: str | None = None) -> Settings:
        """Read the variables once; `db` is the --db option (typer already folds CLAIMTRACK_DB into it)."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        return cls(
            db=db,
            spacy_model=get(MODEL_ENV),
            min_checkworthiness_text=get(THRESHOLD_ENV),
            max_bytes_text=get(MAX_BYTES_ENV),
        )

    @property
    def min_checkworthiness(self) -> float | None:
        """The claim threshold from the environment, or None to keep the pipeline's configured default."""
        raw = self.min_checkworthiness_text
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInput(f"{THRESHOLD_ENV}={raw!r} is not a number between 0 and 1") from None
        if not 0.0 <= value <= 1.0:
            raise InvalidInput(f"{THRESHOLD_ENV}={raw!r} must be between 0 and 1")
        return value

    @property
    def max_bytes(self) -> int | None:
        """The largest input file from the environment, or None for the library default (20 MB)."""
        raw = self.max_bytes_text
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            raise InvalidInput(f"{MAX_BYTES_ENV}={raw!r} is not a number of bytes") from None
        if value <= 0:
            raise InvalidInput(f"{MAX_BYTES_ENV}={raw!r} must be a positive number of bytes")
        return value
