"""Snapshot of the claims extracted from our own test articles (pytest-regressions)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.pipeline.claims_helpers import article_claims

pytestmark = pytest.mark.slow


def test_extracted_claims_snapshot(claims_nlp: Language, data_regression) -> None:
    snapshot = {
        source: [
            {
                "text": c.text,
                "claimant": c.claimant,
                "role": c.claimant_role,
                "claim_date": str(c.claim_date) if c.claim_date else None,
                "event_dates": [str(d) for d in c.event_dates],
                "polarity": c.polarity,
                "quote": c.quote,
                "cue": c.cue,
                "entities": c.entities,
                "checkworthiness": round(c.checkworthiness, 2),
            }
            for c in claims
        ]
        for source, claims in sorted(article_claims(claims_nlp).items())
    }
    data_regression.check(snapshot)
