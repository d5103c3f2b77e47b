"""Start-up time of the commands that need no NLP model: `--help`, `claims list`, `show`, `verdict`, `report`.

Each command runs as a fresh `python -m pipeline.cli.app` process against a small
ledger made for the run, several times; the best and median wall times are printed,
with `python -c pass` as the floor the interpreter alone costs, and the best CPU
time (user + system), which a loaded machine distorts far less than wall time. The goal is under
0.5 s per command (issue 17). Nothing here is asserted: the machines are shared and
noisy, so `tests/cli/test_startup.py` checks what is imported instead of timing it.

    python bench/startup.py --runs 7
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "pipeline.cli.app"]


def _time(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """(best wall, median wall, best CPU) seconds of `cmd` over `runs` runs.

    CPU time (user + system of the child) is printed too: on a shared, loaded
    machine the wall time mostly measures the other processes, the CPU time much less.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), statistics.median(walls), min(cpus)


def _setup(db: str) -> str:
    """A ledger with one rated claim; returns the claim's id."""
    add = [*CLI, "--db", db, "claims", "add", "--text", "The bridge opened in May", "--claimant", "A. Person"]
    claim = subprocess.run(add, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([*CLI, "--db", db, "verdict", claim, "false"], cwd=ROOT, capture_output=True, check=True)
    return claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        claim = _setup(db)
        commands = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "--help": [*CLI, "--help"],
            "claims list": [*CLI, "--db", db, "claims", "list"],
            "claims show": [*CLI, "--db", db, "claims", "show", claim],
            "verdict": [*CLI, "--db", db, "verdict", claim, "mostly false"],
            "report status": [*CLI, "--db", db, "report", "status"],
            "report disputed": [*CLI, "--db", db, "report", "disputed"],
        }
        print(f"{'command':<26} {'best':>7} {'median':>7} {'cpu':>7}   (seconds; goal < 0.5 s, {args.runs} runs)")
        for name, cmd in commands.items():
            best, median, cpu = _time(cmd, args.runs)
            print(f"{name:<26} {best:7.3f} {median:7.3f} {cpu:7.3f}")


if __name__ == "__main__":
    main()
