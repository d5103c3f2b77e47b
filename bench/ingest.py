"""Ingest benchmark: the full pipeline against raw spaCy on the same texts, in one run.

    python bench/ingest.py                      # 200 generated articles
    python bench/ingest.py --articles 2000 --polnear --workers 2

Measures, on one corpus:

(a) raw spaCy: `nlp.pipe` with the same model over the same texts (the floor);
(b) the full ingest: read -> temporal -> attribution -> claims -> linking -> stored,
    `pipeline.ingest.ingest_paths` into a fresh temporary ledger, linking on.

and prints words per second for both, the speed-up of `--workers N` over one
worker, peak memory (this process and its worker children, from getrusage), and
as its LAST line `ingest/spacy ratio: R` (b/a, two decimals) for scripts.
Model loading and dateparser's first call are warmed up before any clock runs.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runs from a checkout whether or not the project is installed
POLNEAR = REPO.parent / "shared" / "data" / "polnear" / "text"


def _words(text: str) -> list[str]:
    """A word list written as one string (reads better than a long list literal)."""
    return text.split("|") if "|" in text else text.split()


FIRST = _words("Amina Boris Carla Dmitri Elif Farid Greta Hasan Ines Jonas Kamila Luca Marta Nuri Olga Pavel")
LAST = _words("Aliyev Berg Castro Demir Eriksen Fofanah Gruber Haddad Ivanova Jensen Kaya Moreau Nazarov Okafor")
ROLES = _words(
    "the foreign minister|the defence minister|a government spokesperson|the opposition leader|"
    "the central bank governor|an independent analyst|the company's chief executive|the mayor"
)
GOODS = _words("drones|buses|turbines|patrol boats|vaccines|rail cars|radar systems|grain shipments")
MONTHS = _words("January February March April May June July August September October November December")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday")


SYLLABLES = _words("ka ri sto vel mar dun ta os lin gra be zan tor ul mi ro sen ha pol ne vi lo")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Topic:
    """One story: a few places, organisations and people that its articles keep returning to.

    Articles share a topic in small clusters (as follow-ups of one story do), so
    linking finds a handful of related claims, not the whole corpus.
    """

    def __init__(self, rng: random.Random) -> None:
        self.places = [_name(rng) for _ in range(3)]
        self.orgs = [f"{_name(rng)} {rng.choice(ORG_KINDS)}" for _ in range(2)]
        self.people = [(f"{rng.choice(FIRST)} {_name(rng)}", rng.choice(ROLES)) for _ in range(4)]
        self.goods = rng.sample(GOODS, 2)
        self.year = rng.randint(2015, 2025)


ORG_KINDS = _words("Motors Yards Power Aviation Holdings Bank Railways Telecom")


def _sentence(rng: random.Random, topic: Topic) -> str:
    who, role = rng.choice(topic.people)
    place, other = rng.sample(topic.places, 2)
    org = rng.choice(topic.orgs)
    goods = rng.choice(topic.goods)
    year = topic.year
    n = rng.randint(2, 400)
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    forms = (
        f'"{place} has received {n} {goods} from {org}," said {who}, {role}, on {rng.choice(DAYS)}.',
        f"{who}, {role}, told parliament on {month} {day}, {year} that {place} had sent {n} {goods} to {other}.",
        f"Three days later, on {month} {day}, {year}, {org} denied that it had concluded any contract with {place}.",
        f"According to {who}, {role}, the deal with {org} was signed in {month} {year} and is worth ${n} million.",
        f"{who} said the first deliveries to {other} would begin next month, but gave no figures.",
        f"Officials in {place} did not respond to requests for comment on {rng.choice(DAYS)}.",
        f"The agreement, first reported in {month}, covers maintenance and training for {n} staff in {other}.",
        f'"We have never discussed {goods} with {place}," {who} told reporters in {other} on {month} {day}.',
        f"Last year {place} spent about {n} million on {goods}, up from the year before, {role} said.",
        f"The weather in {other} delayed the ceremony, which drew a small crowd of residents.",
        f"Analysts expect prices in {place} to stay high until the end of {year}.",
    )
    return rng.choice(forms)


def make_article(rng: random.Random, i: int, topic: Topic) -> str:
    """A news-like article of 8-14 paragraphs with speakers, dates and quotes about one topic."""
    title = f"{topic.places[0]} and {topic.orgs[0]}: report {i}"
    paragraphs = [" ".join(_sentence(rng, topic) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(8, 14))]
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def build_corpus(directory: Path, articles: int, polnear: bool, seed: int) -> list[Path]:
    rng = random.Random(seed)
    topics = [Topic(rng) for _ in range(max(1, articles // 4))]
    paths = []
    for i in range(articles):
        path = directory / f"article-{i:05d}.txt"
        path.write_text(make_article(rng, i, rng.choice(topics)), encoding="utf-8")
        paths.append(path)
    if polnear:
        if POLNEAR.is_dir():
            for src in sorted(POLNEAR.glob("*.txt")):
                path = directory / f"polnear-{src.name}"
                path.write_text(src.read_text(encoding="utf-8", errors="replace"), encoding="utf-8")
                paths.append(path)
        else:
            print(f"--polnear: {POLNEAR} is not there; generated articles only")
    return paths


def prepared_run(work: Path, articles: int, polnear: bool, seed: int) -> tuple[Path, Any, Any]:
    """The benchmark corpus written under `work`, and the production pipeline warmed on one generated article.

    Shared by the scripts that look inside an ingest run (`ingest_stages.py`, `profile_ingest.py`,
    `ingest_digest.py`), so that each measures the same corpus after the same warm-up: model loading,
    dateparser's first call and the lexicons stay off their clocks. Returns (corpus, nlp, options).
    """
    from claims.ledger import Ledger
    from pipeline.ingest import IngestOptions, ingest_paths
    from pipeline.nlp.build import build_nlp

    corpus = work / "corpus"
    corpus.mkdir()
    build_corpus(corpus, articles, polnear, seed)
    warm = work / "warm.txt"
    rng = random.Random(0)
    warm.write_text(make_article(rng, 0, Topic(rng)), encoding="utf-8")
    nlp = build_nlp()
    options = IngestOptions(workers=1, link=True)
    with Ledger.open(str(work / "warm.db")) as ledger:
        ingest_paths(ledger, [str(warm)], options, nlp=nlp, keep=False)
    return corpus, nlp, options


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_spacy(texts: list[str], batch_size: int) -> tuple[float, float]:
    """Seconds (wall clock, CPU) for raw `nlp.pipe` over the texts with the same model ingest uses (loaded
    beforehand)."""
    from pipeline.nlp.model import model_name

    nlp = spacy.load(model_name())
    for _ in nlp.pipe(texts[:4]):
        pass
    began, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - began, time.process_time() - cpu


def time_ingest(corpus: Path, workdir: Path, workers: int, nlp: object, warm: Path) -> tuple[float, float, int, int]:
    """Seconds (wall clock, CPU of this process) for a full ingest of the corpus into a fresh ledger; also
    claims and links stored. With workers the CPU time is the main process's only."""
    from claims.ledger import Ledger
    from pipeline.ingest import IngestOptions, ingest_paths

    options = IngestOptions(workers=workers, link=True)
    with Ledger.open(str(workdir / f"warm-{workers}.db")) as warm_ledger:
        ingest_paths(warm_ledger, [str(warm)], options, nlp=nlp, keep=False)  # dateparser, lexicons, caches
    with Ledger.open(str(workdir / f"ledger-{workers}.db")) as ledger:
        began, cpu = time.perf_counter(), time.process_time()
        result = ingest_paths(ledger, [str(corpus)], options, nlp=nlp, keep=False)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
        claims = sum(f.claims for f in result.files)
        failed = result.failed
    if failed:
        print(f"warning: {len(failed)} inputs failed, e.g. {failed[0].path}: {failed[0].message}")
    return elapsed, cpu, claims, result.links


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its (waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--polnear", action="store_true", help=f"add the texts in {POLNEAR} when present")
    parser.add_argument("--workers", type=int, default=2, help="compare 1 worker with N (0 or 1: skip)")
    parser.add_argument(
        "--batch-size", type=int, default=8, help="raw spaCy's nlp.pipe batch (default 8, as ingest's parse uses)"
    )
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ct-ingest-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        paths = build_corpus(corpus, args.articles, args.polnear, args.seed)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        total = words(texts)
        print(f"corpus: {len(paths)} articles, {total} words")
        spacy_s, spacy_cpu = time_spacy(texts, args.batch_size)
        del texts
        gc.collect()  # the baseline's own model copy goes before ingest runs: peak memory is ingest's
        spacy_wps = total / spacy_s
        print(f"spacy words/s: {spacy_wps:.0f} ({spacy_s:.1f} s; CPU {spacy_cpu:.1f} s)")

        try:
            from pipeline.nlp.build import build_nlp
        except ImportError as exc:
            print(f"ingest: not available ({exc}); cannot measure the ratio")
            return
        warm = work / "warm.txt"
        warm_rng = random.Random(0)
        warm.write_text(make_article(warm_rng, 0, Topic(warm_rng)), encoding="utf-8")
        nlp = build_nlp()
        ingest_s, ingest_cpu, claims, links = time_ingest(corpus, work, 1, nlp, warm)
        ingest_wps = total / ingest_s
        print(
            f"ingest words/s: {ingest_wps:.0f} ({ingest_s:.1f} s; CPU {ingest_cpu:.1f} s; "
            f"{claims} claims, {links} links)"
        )
        if args.workers > 1:
            parallel_s, _, _, _ = time_ingest(corpus, work, args.workers, nlp, warm)
            print(
                f"workers 1 -> {args.workers}: {ingest_s:.1f} s -> {parallel_s:.1f} s, "
                f"speed-up: {ingest_s / parallel_s:.2f}x"
            )
        # On a loaded machine the wall clock of the two runs moves with other work; CPU time moves less.
        print(f"ingest/spacy CPU-time ratio: {spacy_cpu / ingest_cpu:.2f} (one process; not the goal's figure)")
        own, children = peak_mb()
        print(f"peak memory MB: {own:.0f} (workers: {children:.0f})")
        print(f"ingest/spacy ratio: {ingest_wps / spacy_wps:.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
