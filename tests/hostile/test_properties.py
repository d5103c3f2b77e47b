"""Property-based tests: every parser of outside input gives a clean result or one of our own exceptions.

"Our own" means a `ClaimtrackError` subclass (which the command line prints as
one line) or, for parsers documented to return None on nonsense, None. A raw
ValueError, OverflowError, RecursionError or UnicodeError is a failure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.backup import import_ledger
from claims.dates import PartialDate
from claims.errors import ClaimtrackError
from claims.jsonsafe import loads
from claims.ledger import Ledger
from claims.models import Claim, Source
from claims.text import storable, visible
from claims.urls import host_of, http_url
from pipeline.importers import import_files
from reports.averitec import averitec_entries
from reports.claimreview_import import Skip, parse_api_claim, parse_claimreview
from reports.loosedates import parse_loose_date
from reports.ratings import rating_for
from sources.decoding import decode
from sources.markdown import strip_markdown
from sources.text import read_text
from sources.timestamps import parse_iso, parse_timestamp

# Text that hits the interesting corners: digits, separators, modifiers, NUL, surrogates, zero-width.
ALPHABET = st.sampled_from(list("0123456789-:TWQZ+ .,/[]()<>#*_`~|\\\"'\n\t\x00\ud800\u200b\ufeffé€aeinrst"))
WORDS = st.sampled_from(["before ", "after ", "end ", "approx ", "mid ", "http://", "https://", "[::1", "9999", "0001"])
TEXT = st.lists(st.one_of(ALPHABET, WORDS), max_size=40).map("".join) | st.text(max_size=60)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_partial_date(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except ClaimtrackError:
        return
    # A date that parses is usable everywhere: it sorts, prints and parses back to itself.
    assert PartialDate.parse(str(date)) == date
    assert date.sort_key()
    assert date.start <= date.end


@FAST
@given(st.one_of(TEXT, JSON))
def test_loose_dates_and_iso(value: Any) -> None:
    parse_loose_date(value)
    parse_iso(value)
    if isinstance(value, str):
        parse_timestamp(value)


@FAST
@given(JSON, JSON, JSON, JSON)
def test_ratings(label: Any, value: Any, best: Any, worst: Any) -> None:
    rating_for(label if isinstance(label, str) else None, value, best, worst)


@FAST
@given(TEXT, st.one_of(st.none(), TEXT))
def test_urls(value: str, base: str | None) -> None:
    url = http_url(value, base)
    if url is not None:
        assert url.startswith(("http://", "https://")) and host_of(url)


@FAST
@given(TEXT)
def test_text_normalisation(text: str) -> None:
    clean = storable(text)
    assert len(clean) == len(text) and "\x00" not in clean
    clean.encode("utf-8")  # no lone surrogate survives
    visible(text)


@FAST
@given(TEXT, st.one_of(st.none(), TEXT))
def test_models_never_raise_raw(text: str, claimant: str | None) -> None:
    try:
        claim = Claim(text=text, claimant=claimant)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError with our message
        assert "claim text is empty" in str(exc)
        return
    claim.text.encode("utf-8")
    Source(text=text, title=claimant).text.encode("utf-8")


@FAST
@given(st.dictionaries(st.sampled_from(["claimReviewed", "itemReviewed", "reviewRating", "url", "author",
                                        "datePublished", "reviewBody", "name", "mainEntityOfPage"]), JSON))
def test_claimreview_node(node: dict[str, Any]) -> None:
    node["@type"] = "ClaimReview"
    try:
        parse_claimreview(node, "https://example.org/page")
    except Skip:
        pass


@FAST
@given(st.dictionaries(st.sampled_from(["text", "claimant", "claimDate", "claimReview"]), JSON))
def test_fact_check_api_claim(node: dict[str, Any]) -> None:
    try:
        parse_api_claim(node)
    except Skip:
        pass


@FAST
@given(st.binary(max_size=200))
def test_decoding_and_readers(data: bytes) -> None:
    try:
        text = decode(data, "x")
    except ClaimtrackError:
        return
    read_text(text)
    strip_markdown(text)


@FAST
@given(TEXT)
def test_json_loading(text: str) -> None:
    try:
        loads(text)
    except ClaimtrackError:
        pass


@pytest.fixture(scope="module")
def shared_ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return Ledger.open(str(tmp_path_factory.mktemp("props") / "ledger.db"))


RECORD_KEYS = ["claim", "speaker", "claim_date", "label", "justification", "fact_checking_article", "questions"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(JSON, st.dictionaries(st.sampled_from(RECORD_KEYS), JSON)), max_size=4))
def test_averitec_file(shared_ledger: Ledger, tmp_path: Path, records: list[Any]) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = import_files(shared_ledger, [path], averitec_entries)  # what `import averitec` does
    assert result.imported + len(result.skipped) <= len(records)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(TEXT, JSON.map(json.dumps)), max_size=4))
def test_jsonl_rows(shared_ledger: Ledger, lines: list[str]) -> None:
    header = json.dumps({"type": "header", "format": "claimtrack-export", "version": 1})
    for given_lines in (lines, [header, *lines]):
        try:
            import_ledger(shared_ledger, given_lines)
        except ClaimtrackError:
            pass
