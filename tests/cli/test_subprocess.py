"""One real run of the installed `claimtrack` entry point in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def claimtrack(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli.app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_real_process_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    added = claimtrack("claims", "add", "--text", "The dam holds 40% more water", "--claimant", "Water board", db=db)
    assert added.returncode == 0, added.stderr
    claim_id = added.stdout.strip()
    listed = claimtrack("claims", "list", "--format", "json", db=db)
    assert [c["id"] for c in json.loads(listed.stdout)] == [claim_id]
    bad = claimtrack("claims", "show", "cnothere000", db=db)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "Error: unknown claim id 'cnothere000'"
