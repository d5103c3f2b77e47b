"""Fill a ledger with N synthetic but realistic claims by bulk insert (no NLP).

Claims look like what ingest stores: a claimant with a role, a dated statement
(days, months or years over 26 years), one to three normalised entities, content
lemmas, polarity, a source article per ~10 claims; a few percent are linked to
an earlier claim on the same entity (supports / contradicts / related, some
rejected later), about 1% carry verdicts. Statuses are derived with the real
rules (`claims.status.derive_status`) before the rows are written.

Speed: rows are plain dicts written with SQLAlchemy Core executemany in large
batches; on SQLite synchronous is off and a big page cache is used during the
load, and the secondary indexes are dropped and rebuilt afterwards (one sort
instead of a million random B-tree inserts). The retrieval index gets the terms
`claims.index.claim_terms_of` computes, so it matches what ingest writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

import sqlalchemy as sa

from claims import browse_indexes, index, schema
from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim
from claims.status import IncomingLink, claimant_key, derive_status

FIRST = [
    "Amina",
    "Boris",
    "Carla",
    "Dmitri",
    "Elif",
    "Farid",
    "Greta",
    "Hasan",
    "Ines",
    "Jonas",
    "Kamila",
    "Luca",
    "Marta",
    "Nuri",
    "Olga",
    "Pavel",
    "Rania",
    "Sergei",
    "Tamara",
    "Umar",
    "Vera",
    "Walid",
    "Ximena",
    "Yusuf",
    "Zara",
    "Aziz",
    "Bella",
    "Cem",
    "Daria",
    "Emil",
]
LAST = [
    "Aliyev",
    "Berg",
    "Castro",
    "Demir",
    "Eriksen",
    "Fofanah",
    "Gruber",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kaya",
    "Lindqvist",
    "Moreau",
    "Nazarov",
    "Okafor",
    "Petrov",
    "Quint",
    "Rahimov",
    "Sato",
    "Toure",
    "Usmanov",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zoric",
    "Abbas",
    "Novak",
    "Sorensen",
    "Tanaka",
]
ROLES = [
    "foreign minister",
    "defence minister",
    "government spokesperson",
    "opposition leader",
    "central bank governor",
    "analyst",
    "ambassador",
    "security committee chair",
    "company spokesperson",
    "mayor",
    "member of parliament",
    "union leader",
]
OUTLETS = ("Daily Ledger", "Evening Post", "Capital Wire", "Regional Herald", "Steppe Times", "Harbour News")
# (lemma, phrase) across the stance lexicon's event classes, so pairs land in
# different frames as real claims do (most share an entity and nothing else).
VERBS = tuple(
    tuple(pair.split(":"))
    for pair in (  # noqa: SIM905 - a word list reads better as one string
        "deliver:delivered|sell:sold|buy:bought|sign:signed a contract for|produce:produced|export:exported|"
        "suspend:suspended|approve:approved|pay:paid for|build:built|operate:operated|cancel:cancelled|"
        "increase:increased spending on|cut:cut spending on|ban:banned|meet:met officials about|hire:hired staff for|"
        "dismiss:dismissed the head of|arrest:arrested suspects over|release:released|deploy:deployed|"
        "withdraw:withdrew|attack:attacked|invest:invested in|import:imported|lease:leased|veto:vetoed"
    ).split("|")
)
NOUNS = (  # noqa: SIM905
    "drone tank loan vaccine pipeline turbine rifle satellite grain bond radar ferry reactor tariff railway bridge "
    "refinery subsidy pension hospital school port airport helicopter fighter missile truck bus cable licence"
).split()
SYLLABLES = [
    "ka",
    "ri",
    "sto",
    "vel",
    "mar",
    "dun",
    "ta",
    "os",
    "lin",
    "gra",
    "be",
    "zan",
    "tor",
    "ul",
    "mi",
    "ro",
    "sen",
    "ha",
    "pol",
    "ne",
]
ENTITY_KINDS = ("", "", " bank", " ministry", " holdings", " port", " airlines")


def _entity(i: int) -> str:
    rng = random.Random(i)
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return f"{name}{rng.choice(ENTITY_KINDS)}"


def _scramble(i: int, salt: int) -> str:
    """A unique, random-looking 10-hex-digit id part (a bijection on 40 bits)."""
    return f"{((i + salt) * 0x9E3779B97F % (1 << 40)):010x}"


@dataclass
class _Mini:
    """What linking needs to remember about a generated claim."""

    cid: str
    claimant: str
    start: str


@dataclass
class GenStats:
    claims: int = 0
    sources: int = 0
    links: int = 0
    verdicts: int = 0
    disputed: int = 0
    seconds: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)


class _Dates:
    """PartialDate values with their stored start/end strings, cached (a few thousand distinct)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cache: dict[str, tuple[str, str]] = {}
        self.base = dt.date(2000, 1, 1)
        self.days = (dt.date(2025, 12, 31) - self.base).days

    def pick(self) -> tuple[str | None, str | None, str | None]:
        roll = self.rng.random()
        if roll < 0.04:
            return None, None, None
        day = self.base + dt.timedelta(days=self.rng.randrange(self.days))
        value = day.isoformat() if roll < 0.84 else f"{day:%Y-%m}" if roll < 0.95 else f"{day:%Y}"
        if value not in self.cache:
            pd = PartialDate(value)
            self.cache[value] = (pd.start.isoformat(), pd.end.isoformat())
        start, end = self.cache[value]
        return value, start, end


def generate(
    ledger: Ledger,
    n: int,
    *,
    seed: int = 7,
    link_rate: float = 0.02,
    verdict_rate: float = 0.01,
    batch: int = 20000,
    log: Callable[[str], None] = print,
) -> GenStats:
    """Insert `n` claims (plus sources, entities, links, verdicts) into an empty ledger."""
    rng = random.Random(seed)
    stats = GenStats()
    began = time.perf_counter()
    claimants = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(max(50, n // 200))]
    n_entities = max(200, n // 50)
    entities = [_entity(i) for i in range(n_entities)]
    dates = _Dates(rng)
    recent: dict[int, list[_Mini]] = {}
    links: list[tuple[_Mini, _Mini, str]] = []  # later, earlier, stance
    rated: set[str] = set()
    dropped = _drop_indexes(ledger)
    with ledger.engine.connect() as conn:
        _load_pragmas(conn)
        for lo in range(0, n, batch):
            hi = min(n, lo + batch)
            rows, ents, srcs, minis = _batch(rng, lo, hi, claimants, entities, dates, stats)
            with conn.begin():
                conn.execute(sa.insert(schema.sources), srcs)
                conn.execute(sa.insert(schema.claims), rows)
                conn.execute(sa.insert(schema.claim_entities), ents)
                _index_rows(conn, rows, lo)
            for mini, ent in minis:
                pool = recent.setdefault(ent, [])
                if pool and rng.random() < link_rate:
                    other = rng.choice(pool)
                    if other.claimant != mini.claimant:
                        later, earlier = (mini, other) if mini.start >= other.start else (other, mini)
                        stance = rng.choices(("contradicts", "supports", "related"), (0.3, 0.45, 0.25))[0]
                        links.append((later, earlier, stance))
                if rng.random() < verdict_rate:
                    rated.add(mini.cid)
                pool.append(mini)
                if len(pool) > 8:
                    pool.pop(0)
            stats.claims = hi
            if hi % (batch * 10) == 0 or hi == n:
                log(f"  generated {hi} claims ({time.perf_counter() - began:.0f} s)")
        with conn.begin():
            _write_links_and_verdicts(conn, rng, links, rated, stats)
    _restore_indexes(ledger, dropped)
    stats.links = len(links)
    stats.verdicts = len(rated)
    stats.seconds = time.perf_counter() - began
    return stats


def _batch(
    rng: random.Random,
    lo: int,
    hi: int,
    claimants: list[tuple[str, str]],
    entities: list[str],
    dates: _Dates,
    stats: GenStats,
) -> tuple[list[dict], list[dict], list[dict], list[tuple[_Mini, int]]]:
    rows: list[dict] = []
    ents: list[dict] = []
    srcs: list[dict] = []
    minis: list[tuple[_Mini, int]] = []
    created = "2026-01-01T00:00:00+00:00"
    source_id = ""
    for i in range(lo, hi):
        if i % 10 == 0:
            source_id = "s" + _scramble(i // 10, 11)
            text = f"Synthetic article {i // 10}: statements by officials and analysts."
            published, pub_start, _ = dates.pick()
            srcs.append(
                {
                    "id": source_id,
                    "title": f"Report {i // 10}",
                    "url": f"https://news.example/{i // 10}",
                    "outlet": OUTLETS[i % len(OUTLETS)],
                    "author": None,
                    "published": published,
                    "published_start": pub_start,
                    "parent_id": None,
                    "kind": "article",
                    "text": text,
                    "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                    "revision_of": None,
                    "path": None,
                    "created_at": created,
                }
            )
            stats.sources += 1
        who, role = claimants[int(len(claimants) * rng.random() ** 2)]
        picks = sorted({int(len(entities) * rng.random() ** 2) for _ in range(rng.randint(1, 3))})
        names = list(dict.fromkeys(entities[p] for p in picks))
        lemma, verb = rng.choice(VERBS)
        noun = rng.choice(NOUNS)
        negated = rng.random() < 0.12
        count = rng.randint(2, 400)
        obj = names[1] if len(names) > 1 else rng.choice(entities)
        text = f"{names[0].title()} {'did not ' + lemma if negated else verb} {count} {noun}s to {obj.title()}"
        value, start, end = dates.pick()
        cid = "c" + _scramble(i, 3)
        lemmas = [lemma, noun, *(w for n in names for w in n.split())]
        rows.append(
            {
                "id": cid,
                "text": text,
                "claimant": who,
                "claimant_key": claimant_key(who),
                "claimant_role": role,
                "claim_date": value,
                "date_start": start,
                "date_end": end,
                "event_dates": "[]",
                "polarity": "negated" if negated else "affirmed",
                "quote": rng.choice(("direct", "reported")),
                "source_id": source_id,
                "span_start": 0,
                "span_end": len(text),
                "entities": json.dumps(sorted(names)),
                "checkworthiness": round(rng.random(), 3),
                "cue": "said",
                "lemmas": " ".join(lemmas),
                "status": "unverified",
                "created_at": created,
            }
        )
        ents.extend({"entity": e, "claim_id": cid} for e in names)
        minis.append((_Mini(cid, who, start or ""), picks[0]))
    return rows, ents, srcs, minis


def _write_links_and_verdicts(
    conn: sa.Connection,
    rng: random.Random,
    links: list[tuple[_Mini, _Mini, str]],
    rated: set[str],
    stats: GenStats,
) -> None:
    """Link events (a few later rejected), current links, verdict events, then derived statuses."""
    events: list[dict] = []
    current: dict[tuple[str, str], dict] = {}
    incoming: dict[str, dict[str, IncomingLink]] = {}
    claimant_of: dict[str, str] = {}
    for later, earlier, stance in links:
        at = (later.start or "2026-01-01T00:00:00")[:19] + "+00:00"
        reason = json.dumps({"score": round(rng.uniform(0.5, 1), 2), "generated": True})
        row = {
            "from_id": later.cid,
            "to_id": earlier.cid,
            "stance": stance,
            "origin": "auto",
            "rejected": 0,
            "note": None,
            "reason": reason,
            "by": None,
            "at": at,
        }
        events.append(row)
        claimant_of[earlier.cid] = earlier.claimant
        into = incoming.setdefault(earlier.cid, {})
        into[later.cid] = IncomingLink(stance, later.claimant)
        if rng.random() < 0.03:
            row = {**row, "origin": "manual", "rejected": 1, "reason": None, "by": "editor"}
            events.append(row)
            del into[later.cid]
        current[(later.cid, earlier.cid)] = row
    verdicts = []
    for cid in sorted(rated):
        for k in range(rng.choice((1, 1, 2))):
            verdicts.append(
                {
                    "claim_id": cid,
                    "rating": rng.choice(("true", "false", "mixed", "misleading", "unproven")),
                    "label": None,
                    "rationale": f"review {k + 1}",
                    "by": "desk",
                    "at": f"2026-0{k + 1}-01T00:00:00+00:00",
                    "evidence": "[]",
                }
            )
    for chunk in _chunks(events):
        conn.execute(sa.insert(schema.link_events), chunk)
    for chunk in _chunks(list(current.values())):
        conn.execute(sa.insert(schema.links), chunk)
    for chunk in _chunks(verdicts):
        conn.execute(sa.insert(schema.verdicts), chunk)
    updates = []
    for cid in set(incoming) | rated:
        status = derive_status(claimant_of.get(cid), cid in rated, incoming.get(cid, {}).values())
        stats.by_status[status] = stats.by_status.get(status, 0) + 1
        if status != "unverified":
            updates.append({"b_id": cid, "b_status": status})
    t = schema.claims
    stmt = sa.update(t).where(t.c.id == sa.bindparam("b_id")).values(status=sa.bindparam("b_status"))
    for chunk in _chunks(updates):
        conn.execute(stmt, chunk)
    stats.disputed = stats.by_status.get("disputed", 0)


def _index_rows(conn: sa.Connection, rows: list[dict], first_doc: int) -> None:
    """Fill the retrieval index for generated rows in two executemany calls.

    `index.index_claims` inserts claim by claim (right for ingest's few claims);
    for a million rows the same terms are written in bulk, with explicit doc ids.
    """
    light = [SimpleNamespace(id=r["id"], entities=json.loads(r["entities"]), lemmas=r["lemmas"].split()) for r in rows]
    if conn.dialect.name != "sqlite":
        index.index_claims(light, conn=conn)  # type: ignore[arg-type]  # already one executemany on PostgreSQL
        return
    docs, fts = [], []
    for doc, claim in enumerate(light, start=first_doc + 1):
        entities, lemmas = index.claim_terms_of(claim)  # type: ignore[arg-type]
        docs.append({"doc": doc, "claim_id": claim.id})
        fts.append((doc, " ".join(entities), " ".join(lemmas)))
    conn.execute(sa.insert(index.claim_docs), docs)
    conn.exec_driver_sql("INSERT INTO claim_fts(rowid, entities, lemmas) VALUES (?, ?, ?)", fts)


def _chunks(items: list, size: int = 20000) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_DESK_INDEXES = "(the desk's indexes)"


def _secondary_indexes() -> list[sa.Index]:
    tables = (schema.claims, schema.claim_entities, schema.links, schema.link_events, schema.verdicts)
    return [ix for t in tables for ix in t.indexes]


def _drop_indexes(ledger: Ledger) -> list[sa.Index]:
    with ledger.transaction() as conn:
        present = {
            ix["name"]
            for t in ("claims", "claim_entities", "links", "link_events", "verdicts")
            for ix in sa.inspect(conn).get_indexes(t)
        }
        dropped = [ix for ix in _secondary_indexes() if ix.name in present]
        for ix in dropped:
            ix.drop(conn)
        # The desk's per-sort indexes are written per dialect (not `schema` objects): dropped and made alike.
        if browse_indexes.NAMES[0] in present:
            browse_indexes.drop_browse_indexes(conn)
            dropped.append(sa.Index(_DESK_INDEXES))
    return dropped


def _restore_indexes(ledger: Ledger, dropped: list[sa.Index]) -> None:
    with ledger.transaction() as conn:
        for ix in dropped:
            if ix.name == _DESK_INDEXES:
                browse_indexes.create_browse_indexes(conn)
            else:
                schema.create_index(ix, conn)
        conn.exec_driver_sql("ANALYZE")


def _load_pragmas(conn: sa.Connection) -> None:
    """Per-connection load settings, set outside any transaction (SQLite refuses some inside one)."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        for pragma in ("synchronous = OFF", "cache_size = -800000", "temp_store = MEMORY"):
            raw.execute(f"PRAGMA {pragma}")


def new_claims(ledger: Ledger, count: int, *, seed: int = 8) -> list[Claim]:
    """Fresh claims answering random stored ones: same entities, another claimant, a later date.

    Stored claims are sampled through the primary key (a random id, the next one
    up), so sampling stays cheap at any ledger size.
    """
    rng = random.Random(seed)
    t = schema.claims
    out: list[Claim] = []
    with ledger.read() as conn:
        while len(out) < count:
            probe = "c" + f"{rng.getrandbits(40):010x}"
            row = conn.execute(
                sa.select(t.c.entities, t.c.claim_date).where(t.c.id >= probe).order_by(t.c.id).limit(1)
            ).first()
            if row is None:
                continue
            names = json.loads(row.entities or "[]") or [_entity(rng.randrange(200))]
            lemma, verb = rng.choice(VERBS)
            noun = rng.choice(NOUNS)
            negated = rng.random() < 0.4
            obj = names[-1].title()
            text = f"{names[0].title()} {'did not ' + lemma if negated else verb} any {noun}s to {obj}"
            out.append(
                Claim(
                    text=text,
                    claimant=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    claimant_role=rng.choice(ROLES),
                    claim_date=PartialDate("2026-01-15"),
                    polarity="negated" if negated else "affirmed",
                    entities=names,
                    lemmas=[lemma, noun, *(w for n in names for w in n.split())],
                    cue="deny" if negated and rng.random() < 0.5 else "said",
                )
            )
    return out
