"""The spaCy side done the spaCy way: save and reload, one facts object per span group, one pipeline for dates."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.dates import PartialDate
from pipeline.dates import DateInput, find_dates, records
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.context.docmeta import make_doc
from pipeline.nlp.extensions import AttributionFacts, ClaimFacts, DateFacts

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = Path(__file__).parent / "temporal_articles"
PUBLISHED = PartialDate("2023-05-10")
TEXT = (
    "The mayor, Jo Roe, said on Monday that the port closed in May 2021. "
    '"We will reopen it by next spring," she added on Tuesday.\n\n'
    "It was announced that the ferry company had sold two of its ships in 2022 for 30 million euros."
)


def _run(nlp: Language, text: str = TEXT, published: PartialDate | None = PUBLISHED) -> Doc:
    return nlp(make_doc(nlp, text, published=published, outlet="Test Wire", source_id="s1"))


def _everything(doc: Doc) -> dict[str, list[object]]:
    """All our outputs of a doc, comparable with ==."""
    return {
        "tokens": [(t.text, t.pos_, t.tag_, t.lemma_, t.dep_, t.ent_type_, t.is_sent_start) for t in doc],
        "dates": [(s.start, s.end, s._.date) for s in doc.spans["dates"]],
        "attributions": [(s.start, s.end, s._.attribution) for s in doc.spans["attributions"]],
        "claims": [c.model_dump() for c in doc_to_claims(doc)],
    }


@pytest.mark.slow
def test_save_and_reload_gives_identical_output(claims_nlp: Language, tmp_path: Path) -> None:
    claims_nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    assert reloaded.pipe_names == claims_nlp.pipe_names
    assert "attribute_ruler" not in reloaded.pipe_names and "lemmatizer" not in reloaded.pipe_names
    assert "lemma_table" in reloaded.pipe_names  # the memoising lemmatizer saves its tables and reloads
    texts = [TEXT, *(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))[:3])]
    for text in texts:
        assert _everything(_run(reloaded, text)) == _everything(_run(claims_nlp, text))


@pytest.mark.slow
def test_a_saved_pipeline_loads_in_a_fresh_process_through_the_entry_points(
    claims_nlp: Language, tmp_path: Path
) -> None:
    """No claimtrack import before `spacy.load`: the `spacy_factories` entry points find the factories."""
    claims_nlp.to_disk(tmp_path / "nlp")
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'nlp')!r})\n"
        "doc = nlp('The mayor said on Monday that the port closed in May 2021.')\n"
        "print(len(doc.spans['claims']), len(doc.spans['dates']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "2"]


@pytest.mark.slow
def test_claim_and_attribution_on_the_same_characters_keep_their_own_facts(claims_nlp: Language) -> None:
    doc = _run(claims_nlp)
    attrs = {(s.start_char, s.end_char): s._.attribution for s in doc.spans["attributions"]}
    same = [s for s in doc.spans["claims"] if (s.start_char, s.end_char) in attrs]
    assert same, "the fixture needs a claim covering exactly its attribution's characters"
    for span in same:
        attribution = attrs[(span.start_char, span.end_char)]
        assert isinstance(attribution, AttributionFacts) and isinstance(span._.claim, ClaimFacts)
        assert span._.claim.text[:1].isupper() and span._.claim.cue == attribution.cue


def test_facts_of_different_groups_never_overwrite_each_other() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["the", "port", "closed", "in", "May"])
    attr, claim, date = Span(doc, 0, 5, label="ATTRIBUTION"), Span(doc, 0, 5, label="CLAIM"), Span(doc, 0, 5)
    attr._.attribution = AttributionFacts("said", 7, "reported", "she", (40, 43), None, None, None)
    claim._.claim = ClaimFacts("The port closed in May", "Jo Roe", "mayor", "2023-05-08", "affirmed", "reported", 0.9)
    date._.date = DateFacts("DATE", "2021-05")
    assert attr._.attribution.claimant is None and not attr._.attribution.resolved
    assert claim._.claim.claimant == "Jo Roe"
    assert date._.date.partial_date == PartialDate("2021-05")
    with pytest.raises(TypeError):
        attr._.attribution = claim._.claim


def test_facts_survive_doc_serialisation() -> None:
    """`nlp.pipe(n_process=N)` ships docs as bytes: the frozen objects must come back equal."""
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["the", "port", "closed", "in", "May"])
    facts = AttributionFacts("said", 7, "reported", "she", (40, 43), "Jo Roe", "mayor", "person", ((1, 2),))
    Span(doc, 0, 5)._.attribution = facts
    back = Doc(vocab).from_bytes(doc.to_bytes())
    assert Span(back, 0, 5)._.attribution == facts
    assert isinstance(Span(back, 0, 5)._.attribution.exclude[0], tuple)


@pytest.mark.slow
def test_an_unresolved_speaker_is_never_the_outlet(claims_nlp: Language) -> None:
    doc = _run(claims_nlp)
    claims = {c.text: c for c in doc_to_claims(doc)}
    sold = next(c for t, c in claims.items() if "sold two of its ships" in t)
    assert sold.claimant is None
    span = next(s for s in doc.spans["claims"] if "sold two" in s.text)
    assert span._.claim.unresolved and span._.claim.claimant is None
    assert all(c.claimant != "Test Wire" for c in claims.values() if c.quote != "none")


@pytest.mark.slow
def test_dates_and_ingest_give_the_same_values(claims_nlp: Language) -> None:
    """`claimtrack dates` runs the ingest pipeline minus attribution and claims: same values, "Monday" too."""
    from pipeline.ingest import IngestOptions, nlp_for

    texts = [TEXT, *(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))]
    ingest_nlp = nlp_for(IngestOptions())
    assert ingest_nlp is claims_nlp
    for n, text in enumerate(texts):
        item = DateInput(f"t{n}", text, PUBLISHED)
        from_ingest = records(item, _run(ingest_nlp, text))
        from_dates = find_dates([item])
        assert from_dates == from_ingest
    monday = next(r for r in find_dates([DateInput("t", TEXT, PUBLISHED)]) if r.text == "Monday")
    assert monday.value == "2023-05-08"
    assert {"ct_attribution", "ct_claims"} <= set(claims_nlp.pipe_names)  # select_pipes restored them


def test_dates_uses_the_production_pipeline() -> None:
    source = (ROOT / "pipeline" / "dates.py").read_text(encoding="utf-8")
    assert "build_nlp" in source and "spacy.load" not in source and "add_pipe" not in source


NLP = ROOT / "pipeline" / "nlp"
OWNED_ELSEWHERE = {NLP / "temporal" / "resolve.py"}


@pytest.mark.parametrize("path", sorted(p for p in NLP.rglob("*.py") if p not in OWNED_ELSEWHERE), ids=str)
def test_nlp_modules_are_small_and_import_nothing_private_from_spacy(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 420
    for node in ast.parse(source).body:  # module level only; a function may reach for a private helper
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("spacy"):
            assert not any(part.startswith("_") for part in (node.module or "").split(".")), node.module
            assert not any(a.name.startswith("_") for a in node.names), node.module


def test_components_read_no_environment() -> None:
    """Settings come in through `build_nlp`'s arguments: the CLI's settings object reads the environment."""
    for path in NLP.rglob("*.py"):
        assert "os.environ" not in path.read_text(encoding="utf-8"), path


def test_an_uncompilable_ruler_stays_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    """A rule writing a lexeme attribute cannot become a per-token table: keep the ruler, log a warning."""
    from pipeline.nlp.build import _swap_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "port"}]], {"IS_STOP": True})
    with caplog.at_level("WARNING", logger="pipeline.nlp.build"):
        _swap_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert "keeping the model's attribute_ruler" in caplog.text


def test_the_attribute_table_saves_its_patterns(tmp_path: Path) -> None:
    from pipeline.nlp.tables.attributes import AttributeTable

    nlp = spacy.blank("en")
    table = nlp.add_pipe("ct_attribute_table", name="attribute_table")
    assert isinstance(table, AttributeTable)
    table.initialize(patterns=[{"patterns": [[{"LOWER": "port"}]], "attrs": {"LEMMA": "harbour"}, "index": 0}])
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    assert [t.lemma_ for t in reloaded("the port")] == [t.lemma_ for t in nlp("the port")] == ["", "harbour"]
    back = AttributeTable(nlp.vocab).from_bytes(table.to_bytes())
    assert back.patterns == table.patterns


def test_an_unresolved_claim_is_not_independent_of_its_own_source() -> None:
    """Without the outlet fallback, an unresolved claim must not "corroborate" the author's own sentences."""
    from claims.models import Claim
    from pipeline.linking.stance import may_relate

    def claim(text: str, claimant: str | None, cue: str | None, source: str = "s1") -> Claim:
        return Claim(text=text, claimant=claimant, cue=cue, source_id=source, entities=["kazakhstan"])

    unresolved = claim("Kazakhstan would build the drones", None, "announced")
    author = claim("Kazakhstan bought the drones", "Test Wire", None)
    named = claim("Kazakhstan ordered the drones", "Jo Roe", "said")
    assert not may_relate(unresolved, author) and not may_relate(author, unresolved)
    assert not may_relate(unresolved, claim("Kazakhstan wants drones", None, "reported"))
    assert may_relate(unresolved, named)
    assert may_relate(unresolved, claim("Kazakhstan bought the drones", "Other Wire", None, source="s2"))
