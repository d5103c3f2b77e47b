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


def test_analyze_pipes_finds_no_problems(claims_nlp: Language) -> None:
    """Every `requires` of every component is met by an earlier one's `assigns`: an order mistake fails here.

    `ct_attribute_table` declares the token.pos it sets (the model's attribute_ruler does not), so
    nothing needs excusing.
    """
    assert "attribute_table" in claims_nlp.pipe_names
    analysis = claims_nlp.analyze_pipes(pretty=False)
    problems = {name: attrs for name, attrs in analysis["problems"].items() if attrs}
    assert problems == {}
    assert claims_nlp("The minister said the port was closed.").has_annotation("POS")


def test_every_factory_is_an_entry_point_and_declares_its_contract() -> None:
    """`spacy.load` of a saved pipeline finds our factories through the installed entry points."""
    from importlib.metadata import entry_points

    points = {e.name: e.value for e in entry_points(group="spacy_factories")}
    for name in [*COMPONENTS, "ct_attribute_table"]:
        assert points.get(name, "").startswith("pipeline.nlp.factories:"), name
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
    for name in ("ct_temporal", "ct_attribution", "ct_claims"):
        assert "span_key" in Language.get_factory_meta(name).default_config
    assert Language.get_factory_meta("ct_claims").default_config["min_checkworthiness"] > 0


def test_built_once_per_process(claims_nlp: Language) -> None:
    assert build_nlp() is claims_nlp
