"""Dependencies follow the data flow: sources → pipeline → ledger → reports.

`claims/` imports none of the other packages; `sources/` and `reports/` import
only `claims/`; `pipeline/` imports `claims/` and `sources/`, and only
`pipeline/cli.py` ties all four together.
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
        if package == "pipeline" and path.name == "cli.py":
            continue
        extra = imported_packages(path) - ALLOWED[package]
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(extra)}")
    assert not offenders, "\n".join(offenders)
