"""`find_dates` / `claimtrack dates`: reading files like ingest, one nlp.pipe call, JSON records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.data_regression import DataRegressionFixture
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from claims.dates import PartialDate
from pipeline.dates import DateInput, DateRecord, find_dates, read_files

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
ARTICLES = ["temporal_articles/harbour-timeline.txt", "temporal_articles/reactor-denial.txt"]


@pytest.fixture
def in_tests_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)  # file names in the records stay relative


def test_find_dates_snapshot(
    nlp_temporal: Language, in_tests_dir: None, data_regression: DataRegressionFixture
) -> None:
    found = find_dates(read_files(ARTICLES, "2023-03-22"), nlp=nlp_temporal)
    data_regression.check([r.model_dump(mode="json") for r in found])


def test_offsets_point_into_each_source_text(nlp_temporal: Language, in_tests_dir: None) -> None:
    items = read_files(ARTICLES, "2023-03-22")
    texts = {i.name: i.text for i in items}
    found = find_dates(items, nlp=nlp_temporal)
    assert found and all(texts[r.file][r.start : r.end] == r.text for r in found)
    # a pingback is its own source, resolved against its own date
    [pingback] = [r for r in found if r.file.endswith("#pingback-1")]
    assert (pingback.text, pingback.value, pingback.anchor) == ("this year", "2024", "publication date")


def test_many_texts_go_through_one_pipe_call(nlp_temporal: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real_pipe = nlp_temporal.pipe

    def counting_pipe(docs: Iterable[Doc], **kwargs: Any) -> Iterator[Doc]:
        calls.append(1)
        return real_pipe(docs, **kwargs)

    monkeypatch.setattr(nlp_temporal, "pipe", counting_pipe)
    found = find_dates(["It rained yesterday.", "Snow fell on Monday."], published="2023-03-22", nlp=nlp_temporal)
    assert calls == [1]
    assert [(r.file, r.value) for r in found] == [("<text 1>", "2023-03-21"), ("<text 2>", "2023-03-20")]


def test_front_matter_date_is_the_base(nlp_temporal: Language, tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text("---\ntitle: Council note\npublished: 2021-06-01\n---\n\nThe council met yesterday.\n")
    [record] = find_dates(read_files([str(page)]), nlp=nlp_temporal)
    assert (record.text, record.value) == ("yesterday", "2021-05-31")


def test_date_input_and_record_model(nlp_temporal: Language) -> None:
    [record] = find_dates([DateInput("x", "Prices fell in late 2021.", PartialDate("2022-01-10"))], nlp=nlp_temporal)
    assert record == DateRecord(
        file="x", text="late 2021", value="2021", modifier="end", vague=False, start=15, end=24, anchor=None
    )


def test_cli_dates_json_matches_find_dates(in_tests_dir: None, nlp_temporal: Language) -> None:
    from pipeline.cli.app import app

    result = CliRunner().invoke(app, ["dates", ARTICLES[1], "--published", "2023-03-22", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = find_dates(read_files([ARTICLES[1]], "2023-03-22"), nlp=nlp_temporal)
    assert data == [r.model_dump(mode="json") for r in expected]
    assert set(data[0]) == {"file", "text", "value", "modifier", "vague", "start", "end", "anchor"}


def test_cli_dates_bad_input_is_one_line_error(in_tests_dir: None) -> None:
    from pipeline.cli.app import app

    result = CliRunner().invoke(app, ["dates", "missing.txt"])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "Traceback" not in result.output
