"""Time of `claimtrack import averitec` on the AVeriTeC development set (about 500 records).

Moved here from tests/reports/test_reports_averitec.py, which asserted it
under 10 s: machines are shared and noisy, so no test is timed. This imports
../shared/data/averitec/dev.json into a fresh SQLite ledger (best of N runs)
and prints the time against that goal. What the import stores is a test
(tests/reports/test_reports_averitec.py).

Usage: python bench/import_averitec.py [--runs 3] [--file PATH] [--link]
Last line: averitec import time/goal ratio: R   (at most 1: the goal is met; the CPU ratio before it
is the steadier figure when the machine is busy)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # runs from a checkout whether or not the project is installed

from claims.ledger import Ledger  # noqa: E402
from pipeline.importers import import_items  # noqa: E402
from reports.averitec import averitec_entries  # noqa: E402

DEV = REPO.parent / "shared" / "data" / "averitec" / "dev.json"
GOAL_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, default=DEV)
    parser.add_argument("--link", action="store_true", help="annotate and link, as `import averitec` does by default")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"no AVeriTeC file at {args.file}", file=sys.stderr)
        return 2
    best = best_cpu = float("inf")
    imported = 0
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp, Ledger.open(str(Path(tmp) / f"av{run}.db")) as ledger:
            start, start_cpu = time.perf_counter(), time.process_time()
            result = import_items(ledger, averitec_entries(args.file), one_transaction=True, link=args.link)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)  # the steadier figure on a busy machine
            imported = result.imported
    what = f"{imported} records imported{' and linked' if args.link else ''}, best of {args.runs}"
    print(f"{what}: {best:.2f}s elapsed, {best_cpu:.2f}s of CPU in this process")
    print(f"averitec import CPU/goal ratio: {best_cpu / GOAL_SECONDS:.2f}")
    print(f"averitec import time/goal ratio: {best / GOAL_SECONDS:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
