"""One very long article through the real `claimtrack ingest`: does it go in, and does memory stay flat?

    python bench/long_article.py --chars 1200000            # over spaCy's 1,000,000-character limit
    python bench/long_article.py --chars 300000,1200000 --no-link

Generates a news-like article of the given length (paragraphs of the
generated stories `bench/ingest.py` uses) plus five ordinary articles in a
temporary folder, runs `claimtrack ingest FOLDER --max-bytes ...` as a
subprocess into a fresh ledger, samples the process's resident memory from
/proc every 0.2 s, and prints one line per size: characters, seconds, peak
RSS, sources added and claims stored. Flat peak memory across sizes is the
point: the article is parsed in pieces (`pipeline/chunks.py`).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ingest import Topic, make_article  # noqa: E402  (the generator of bench/ingest.py)


def write_corpus(folder: Path, chars: int, seed: int = 7) -> Path:
    """Five ordinary articles and one of `chars` characters; returns the long one's path."""
    rng = random.Random(seed)
    topics = [Topic(rng) for _ in range(25)]
    for n in range(5):
        (folder / f"short-{n}.txt").write_text(make_article(rng, n, topics[n]), encoding="utf-8")
    parts: list[str] = []
    size = 0
    n = 5
    while size < chars:
        body = make_article(rng, n, topics[n % len(topics)]).split("\n", 1)[1].strip()
        parts.append(body)
        size += len(body) + 2
        n += 1
    path = folder / "long.txt"
    path.write_text("A very long report\n\n" + "\n\n".join(parts)[:chars], encoding="utf-8")
    return path


def rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def run(chars: int, link: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        long_path = write_corpus(folder, chars)
        args = [sys.executable, "-m", "pipeline.cli.app", "--db", str(Path(tmp) / "ledger.db"), "ingest", str(folder)]
        args += ["--max-bytes", str(long_path.stat().st_size * 2)]
        if not link:
            args.append("--no-link")
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, rss_mb(proc.pid))
            time.sleep(0.2)
        out, err = proc.communicate()
        seconds = time.perf_counter() - start
    summary = (out.strip().splitlines() or [""])[-1]
    if proc.returncode != 0:
        summary += f" | exit {proc.returncode}: {err.strip()[-300:]}"
    return f"{chars:>12,} chars  {seconds:7.0f} s  peak RSS {peak:6.0f} MB  {summary}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", default="1200000", help="comma-separated article lengths")
    parser.add_argument("--no-link", action="store_true", help="store claims without linking them")
    args = parser.parse_args()
    for chars in (int(c) for c in args.chars.split(",")):
        print(run(chars, link=not args.no_link), flush=True)


if __name__ == "__main__":
    main()
