"""Start-up time of the commands that need no NLP model: `--help`, `claims list`, `show`, `verdict`, `report`.

Each command runs as a fresh process of the installed `claimtrack` console script
(what a user runs; `--module` runs `python -m pipeline.cli.app` instead) against a
small ledger made for the run, several times; the best and median wall times are
printed, with `python -c pass` as the floor the interpreter alone costs, and the
best CPU time (user + system), which a loaded machine distorts far less than wall
time. The goal is under 0.5 s per command (issue 17). Nothing here is asserted:
the machines are shared and noisy, so `tests/cli/test_startup.py` checks what is
imported instead of timing it.

Every command runs once before it is timed with bytecode caching on, even where
PYTHONDONTWRITEBYTECODE is set (as in some CI and sandbox shells): an installed
claimtrack compiles its modules once, and compiling them on every run is not what
a user waits for.

    python bench/startup.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE = [sys.executable, "-m", "pipeline.cli.app"]
SCRIPT = Path(sys.executable).with_name("claimtrack")
CLI = [str(SCRIPT)] if SCRIPT.exists() else MODULE
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """(best wall, median wall, best CPU) seconds of `cmd` over `runs` runs.

    CPU time (user + system of the child) is printed too: on a shared, loaded
    machine the wall time mostly measures the other processes, the CPU time much less.
    """
    walls, cpus = [], []
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, env=ENV)  # compiles what is not yet compiled
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, env=ENV)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), statistics.median(walls), min(cpus)


def _setup(cli: list[str], db: str) -> str:
    """A ledger with one rated claim; returns the claim's id."""
    add = [*cli, "--db", db, "claims", "add", "--text", "The bridge opened in May", "--claimant", "A. Person"]
    claim = subprocess.run(add, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([*cli, "--db", db, "verdict", claim, "false"], cwd=ROOT, capture_output=True, check=True)
    return claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--module", action="store_true", help="run `python -m pipeline.cli.app`, not the script")
    args = parser.parse_args()
    cli = MODULE if args.module else CLI
    print(f"running: {' '.join(cli)}")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        claim = _setup(cli, db)
        commands = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "--help": [*cli, "--help"],
            "claims list": [*cli, "--db", db, "claims", "list"],
            "claims show": [*cli, "--db", db, "claims", "show", claim],
            "verdict": [*cli, "--db", db, "verdict", claim, "mostly false"],
            "report status": [*cli, "--db", db, "report", "status"],
            "report disputed": [*cli, "--db", db, "report", "disputed"],
        }
        print(f"{'command':<26} {'best':>7} {'median':>7} {'cpu':>7}   (seconds; goal < 0.5 s, {args.runs} runs)")
        for name, cmd in commands.items():
            best, median, cpu = _time(cmd, args.runs)
            print(f"{name:<26} {best:7.3f} {median:7.3f} {cpu:7.3f}")


if __name__ == "__main__":
    main()
