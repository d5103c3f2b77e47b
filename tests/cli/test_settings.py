"""The environment is read once, by the command line's Settings, and only where a command uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.errors import InvalidInput
from pipeline.cli.app import app
from pipeline.cli.settings import MAX_BYTES_ENV, MODEL_ENV, THRESHOLD_ENV, Settings

runner = CliRunner()


def test_settings_read_the_given_environment() -> None:
    s = Settings.from_env({MODEL_ENV: " my_model ", THRESHOLD_ENV: "0.7", MAX_BYTES_ENV: "2048"}, db="x.db")
    assert (s.db, s.spacy_model, s.min_checkworthiness, s.max_bytes) == ("x.db", "my_model", 0.7, 2048)
    empty = Settings.from_env({MODEL_ENV: "", THRESHOLD_ENV: "  "})
    assert (empty.spacy_model, empty.min_checkworthiness, empty.max_bytes) == (None, None, None)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (THRESHOLD_ENV, "high", "is not a number between 0 and 1"),
        (THRESHOLD_ENV, "1.5", "must be between 0 and 1"),
        (MAX_BYTES_ENV, "lots", "is not a number of bytes"),
        (MAX_BYTES_ENV, "-3", "must be a positive number of bytes"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str, message: str) -> None:
    s = Settings.from_env({name: value})
    with pytest.raises(InvalidInput, match=f"{name}='{value}' {message}"):
        _ = s.min_checkworthiness if name == THRESHOLD_ENV else s.max_bytes


def test_a_bad_value_only_stops_the_commands_that_use_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "l.db")
    monkeypatch.setenv(MAX_BYTES_ENV, "lots")
    listed = runner.invoke(app, ["--db", db, "claims", "list", "--format", "json"])
    assert listed.exit_code == 0 and listed.stdout.strip() == "[]"
    (tmp_path / "a.txt").write_text("Title\n\nSome words.\n", encoding="utf-8")
    ingested = runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "a.txt")])
    assert ingested.exit_code == 1
    assert ingested.stderr.strip() == f"Error: {MAX_BYTES_ENV}='lots' is not a number of bytes"


def test_max_bytes_from_the_environment_and_the_option_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "l.db")
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 400, encoding="utf-8")
    monkeypatch.setenv(MAX_BYTES_ENV, "100")
    refused = runner.invoke(app, ["--db", db, "ingest", "--no-link", str(big)])
    assert refused.exit_code == 1 and "file is too large" in refused.stderr
    # An explicit option is never overridden by the environment.
    taken = runner.invoke(app, ["--db", db, "ingest", "--no-link", "--max-bytes", "100000", str(big)])
    assert taken.exit_code == 0, taken.output
    assert taken.stdout.startswith("sources added: 1")


def test_version() -> None:
    import pipeline

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimtrack {pipeline.__version__}"
    assert pipeline.__version__[0].isdigit()
