"""`mypy claims` stays clean: the ledger is the API every other package builds on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_mypy_claims_is_clean() -> None:
    # mypy is a dev dependency: a missing one fails here rather than skipping the check.
    run = subprocess.run([sys.executable, "-m", "mypy", "claims"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
