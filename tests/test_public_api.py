"""Each package states its public API in `__all__`, and importing `claims` stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_claims_exports_resolve() -> None:
    claims = importlib.import_module("claims")
    missing = [name for name in claims.__all__ if not hasattr(claims, name)]
    assert not missing
    assert {"Ledger", "Claim", "PartialDate", "ClaimFilter", "NotALedger"} <= set(claims.__all__)


def test_sources_exports_resolve() -> None:
    sources = importlib.import_module("sources")
    assert [name for name in sources.__all__ if not hasattr(sources, name)] == []


def test_reports_lists_real_submodules() -> None:
    exported = importlib.import_module("reports").__all__
    on_disk = {p.stem for p in (ROOT / "reports").glob("*.py") if p.stem != "__init__"}
    on_disk |= {p.parent.name for p in (ROOT / "reports").glob("*/__init__.py")}
    assert set(exported) <= on_disk


def test_pipeline_exports_the_notebook_api() -> None:
    pipeline = importlib.import_module("pipeline")
    assert {"build_nlp", "extract_claims", "Ledger", "ingest_documents"} <= set(pipeline.__all__)
    assert [name for name in pipeline.__all__ if not hasattr(pipeline, name)] == []


def test_importing_claims_loads_no_nlp() -> None:
    code = (
        "import sys, claims, claims.ledger\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'dateparser', 'pipeline', 'sources'})\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
