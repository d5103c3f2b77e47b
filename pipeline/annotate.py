"""Entities, lemmas and polarity for claims that did not come out of extraction (imports, hand-logged).

Retrieval and stance read `Claim.entities`, `Claim.lemmas` and `Claim.polarity`.
Extracted claims get them from `ct_claims`; an imported fact-check only has its
text, so it is parsed here the same way, with the bare spaCy model (the claim
text is already one proposition: no attribution or claim finding needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claims.models import Claim

if TYPE_CHECKING:
    from spacy.language import Language


def annotate_claims(claims: Sequence[Claim], *, nlp: Language | None = None, model: str | None = None) -> list[Claim]:
    """Copies of `claims` with entities, lemmas and polarity computed as extraction computes them.

    `nlp` is a loaded spaCy model to reuse; otherwise `model` (a package name or
    path, default the installed English model) is loaded once per process.
    """
    from pipeline.nlp.claims.component import ENTITY_LABELS, LEMMA_POS
    from pipeline.nlp.claims.polarity import polarity
    from pipeline.nlp.entities import normalise_all
    from pipeline.nlp.model import load_model

    if not claims:
        return []
    nlp = nlp or load_model(model)
    out = []
    for claim, doc in zip(claims, nlp.pipe(c.text for c in claims), strict=True):
        entities = normalise_all((e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS)
        lemmas = sorted({t.lemma_.lower() for t in doc if t.pos_ in LEMMA_POS and not t.is_stop})
        update = {"entities": entities, "lemmas": lemmas, "polarity": polarity(doc[:])}
        out.append(claim.model_copy(update=update))
    return out


__all__ = ["annotate_claims"]
