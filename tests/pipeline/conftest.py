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
    """The pipeline `claimtrack dates` runs: the ingest one (`build_nlp()`); it only reads the dates."""
    from pipeline.nlp.build import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def claims_nlp() -> Language:
    """The full claimtrack pipeline (`pipeline.nlp.build.build_nlp()`, cached once per process)."""
    from pipeline.nlp.build import build_nlp

    return build_nlp()
