"""The short Python API of the README ("Python API"): what a notebook, the CLI and the web desk call.

The texts are written for these tests (no corpus text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from claims.models import ClaimFilter
from pipeline import Document, Ledger, build_nlp, extract_claims, ingest_documents

ARTICLE = (
    "Harbourside, 10 March 2023. The transport minister, Ada Quill, said on Tuesday that the "
    "ferry line would reopen in May. Port engineers denied that the ferry line would reopen in May, "
    "saying the pier had been closed since January."
)


def test_the_api_names_load_from_the_package() -> None:
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None
    with pytest.raises(AttributeError):
        _ = pipeline.no_such_name  # type: ignore[attr-defined]
    assert pipeline.Ledger is Ledger


@pytest.mark.slow
def test_extract_claims_needs_no_ledger() -> None:
    claims = extract_claims(ARTICLE, published="2023-03-10", outlet="Harbour Herald")
    assert claims, "the minister's statement is a claim"
    minister = [c for c in claims if c.claimant and "Quill" in c.claimant]
    assert minister and str(minister[0].claim_date).startswith("2023-03")
    assert all(c.source_id is None for c in claims)
    again = extract_claims(ARTICLE, published="2023-03-10", outlet="Harbour Herald")
    assert [c.id for c in again] == [c.id for c in claims]  # stable for the same text


@pytest.mark.slow
def test_build_nlp_is_shared_and_takes_settings_as_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_nlp() is build_nlp()
    # The library never reads the environment: an explicit threshold is what the component uses.
    monkeypatch.setenv("CLAIMTRACK_MIN_CHECKWORTHINESS", "0.01")
    strict = build_nlp(min_checkworthiness=0.99)
    assert strict.get_pipe("ct_claims").min_checkworthiness == 0.99
    assert build_nlp().get_pipe("ct_claims").min_checkworthiness != 0.01


def test_ledger_from_a_url(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        said = ledger.add_claim(pipeline.Claim(text="The ferry line reopens in May", claimant="Ada Quill"))
        denied = ledger.add_claim(pipeline.Claim(text="The ferry line stays shut", claimant="Port engineers"))
        assert said.id and denied.id
        ledger.link(denied.id, said.id, "contradicts", by="desk")
        assert [c.id for c in ledger.claims(ClaimFilter(status="disputed"))] == [said.id]
        ledger.rate(said.id, "false", rationale="the pier is closed", by="desk")
        assert [c.id for c in ledger.claims(ClaimFilter(status="rated"))] == [said.id]
        assert {c.id for c in ledger.claims()} == {said.id, denied.id}


@pytest.mark.slow
def test_ingest_documents(db_url: str) -> None:
    document = Document(text=ARTICLE, published="2023-03-10", outlet="Harbour Herald", title="Ferry")
    with Ledger(db_url) as ledger:
        first = ingest_documents(ledger, [document])
        assert first.summary()["added"] == 1 and first.files[0].path == "<document 1>"
        stored = ledger.claims()
        assert stored and {c.id for c in stored} == {c.id for c in first.claims}
        assert any(c.claimant and "Quill" in c.claimant for c in stored)
        again = ingest_documents(ledger, [document.model_copy(update={"path": "ferry.txt"})])
        assert [(f.path, f.outcome) for f in again.files] == [("ferry.txt", "unchanged")]


@pytest.mark.slow
def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's "Python API" block, run as written on a text of ours."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Python API", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"text": ARTICLE}
    exec(compile(block, "README.md", "exec"), namespace)
    assert (tmp_path / "desk.db").is_file()
    mine = namespace["mine"]
    disputed = namespace["disputed"]
    assert isinstance(mine, pipeline.Claim) and isinstance(disputed, list)
    assert [c.id for c in disputed] == [mine.id], "the example's contradicting link disputes the hand-logged claim"
