"""Dependencies follow the data flow: sources → pipeline → ledger → reports.

`claims/` imports none of the other packages; `sources/` and `reports/` import
only `claims/`; `pipeline/` imports `claims/` and `sources/`, and only
`pipeline/cli/` and the web desk `pipeline/desk/` tie all four together.

Inside `pipeline/`, the rooms follow the same rule: `nlp/` (the spaCy
components) knows nothing of linking, the command line or the library entry
points; `linking/` knows nothing of the NLP or the command line; only `cli/`
may import everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"claims", "sources", "pipeline", "reports"}
ALLOWED = {
    "claims": {"claims"},
    "sources": {"claims", "sources"},
    "reports": {"claims", "reports"},
    "pipeline": {"claims", "sources", "pipeline"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & PACKAGES


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_imports_follow_the_data_flow(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        # The command line and the web desk are the two front ends: they may tie all four together.
        if package == "pipeline" and {"cli", "desk"} & set(path.relative_to(ROOT).parts):
            continue
        extra = imported_packages(path) - ALLOWED[package]
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(extra)}")
    assert not offenders, "\n".join(offenders)


# pipeline subpackage -> pipeline subpackages it may import
PIPELINE_ROOMS = {
    "nlp": {"nlp", "lexicon"},
    "lexicon": {"lexicon"},
    "linking": {"linking", "lexicon"},
}


def _pipeline_rooms(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rooms: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "pipeline" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", sorted(PIPELINE_ROOMS))
def test_pipeline_rooms_keep_to_themselves(room: str) -> None:
    offenders = []
    for path in sorted((ROOT / "pipeline" / room).rglob("*.py")):
        extra = {r for r in _pipeline_rooms(path) if (ROOT / "pipeline" / r).is_dir()} - PIPELINE_ROOMS[room]
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports pipeline.{sorted(extra)}")
    assert not offenders, "\n".join(offenders)


# The library modules at pipeline/'s top level build on the rooms; the rooms never reach back up,
# and nothing below the command line imports it.
LIBRARY = {
    "api", "annotate", "chunks", "curation", "dates", "importers", "ingest", "ingest_parallel", "ingest_result",
    "manual", "revisions",
}


@pytest.mark.parametrize("room", sorted(PIPELINE_ROOMS))
def test_rooms_do_not_import_the_library(room: str) -> None:
    offenders = []
    for path in sorted((ROOT / "pipeline" / room).rglob("*.py")):
        extra = _pipeline_rooms(path) & (LIBRARY | {"cli"})
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports pipeline.{sorted(extra)}")
    assert not offenders, "\n".join(offenders)


def test_the_library_does_not_import_the_command_line() -> None:
    offenders = [
        f"pipeline/{name}.py"
        for name in sorted(LIBRARY)
        if (ROOT / "pipeline" / f"{name}.py").is_file() and "cli" in _pipeline_rooms(ROOT / "pipeline" / f"{name}.py")
    ]
    assert not offenders, offenders


# The ledger's tables and SQL helpers are private to `claims/`: everything else goes through `Ledger`.
LEDGER_PRIVATE = {"claims.schema", "claims.sql"}
LEDGER_CLIENTS = ["sources", "reports", "pipeline", "scripts"]


def _claims_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if any(name == p or name.startswith(p + ".") for p in LEDGER_PRIVATE)}


@pytest.mark.parametrize("package", LEDGER_CLIENTS)
def test_only_the_ledger_touches_its_tables(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        private = _claims_modules(path)
        if private:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(private)}: use Ledger methods")
    assert not offenders, "\n".join(offenders)


def test_the_private_module_check_sees_both_import_forms(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from claims import schema\nimport claims.sql\nfrom claims.models import Claim\n")
    assert _claims_modules(module) == {"claims.schema", "claims.sql"}
