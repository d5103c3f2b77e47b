"""The pipeline's shape: component order, declared requires/assigns, one build per process."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.nlp.build import COMPONENTS, build_nlp

pytestmark = pytest.mark.slow


def test_components_in_order(claims_nlp: Language) -> None:
    names = claims_nlp.pipe_names
    assert [n for n in names if n.startswith("ct_")] == list(COMPONENTS)
    assert names.index("ct_sentences") < names.index("parser")
    assert names.index("ner") < names.index("ct_attribution")


# The model's attribute_ruler sets token.pos but does not declare it in its meta, so a component
# requiring "token.pos" is reported as unmet although the attribute is there (checked below).
UNDECLARED_BY_MODEL = {"token.pos"}


def test_analyze_pipes_finds_no_problems(claims_nlp: Language) -> None:
    analysis = claims_nlp.analyze_pipes(pretty=False)
    problems = {name: sorted(set(attrs) - UNDECLARED_BY_MODEL) for name, attrs in analysis["problems"].items()}
    assert problems == {name: [] for name in claims_nlp.pipe_names}
    assert claims_nlp("The minister said the port was closed.").has_annotation("POS")


def test_built_once_per_process(claims_nlp: Language) -> None:
    assert build_nlp() is claims_nlp
