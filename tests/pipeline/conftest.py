"""Pipeline test fixtures: spaCy models loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_base() -> Language:
    """The bare spaCy model (shared `load_model()` instance; do not add pipes to it)."""
    from pipeline.nlp.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def nlp_temporal() -> Language:
    """The spaCy model plus `ct_temporal` (its own instance, as `claimtrack dates` uses it)."""
    from pipeline.dates import temporal_nlp

    return temporal_nlp()


@pytest.fixture(scope="session")
def claims_nlp() -> Language:
    """The full claimtrack pipeline (`pipeline.nlp.build.build_nlp()`, cached once per process)."""
    from pipeline.nlp.build import build_nlp

    return build_nlp()
