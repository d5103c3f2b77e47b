"""The desk's claim pages (`Ledger.browse`) against plain Python over the same claims, on both backends.

Each sort and filter is read page by page with a small page size, so the
index-ordered queries, the latest-evidence walk (in batches smaller than a
page) and the search's growing top-k all cross page and batch boundaries.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa

from claims import browse, browse_search
from claims.browse import BrowseFilter
from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter

N = 90
WORDS = ("harbour", "tariff", "ferry", "pension")


def _fill(ledger: Ledger) -> dict[str, Claim]:
    """N claims with varied dates (some undated), worth, text; random links, rejections, retractions, a merge."""
    rng = random.Random(11)
    claims = []
    for i in range(N):
        date = None if i % 9 == 0 else PartialDate(f"{2000 + i % 7}-{1 + i % 12:02d}" if i % 4 else f"{2001 + i % 5}")
        # Every text a different length, so full-text ranks never tie.
        text = f"{WORDS[i % 4]} claim {' '.join(['filler'] * i)} number {i}"
        claims.append(Claim(id=f"c{i:010d}", text=text, claimant=f"Person {i % 5}", claim_date=date,
                            entities=[f"e{i % 3}"], checkworthiness=round(rng.random(), 2),
                            created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)))
    ledger.add_claims(claims)
    stances = ("supports", "contradicts", "related")
    for _ in range(70):
        a, b = rng.sample(range(N), 2)
        origin = rng.choice(("auto", "manual", "suggested"))
        ledger.link(f"c{a:010d}", f"c{b:010d}", rng.choice(stances), origin=origin, by="t")
    for pair in list(_links(ledger))[:6]:
        ledger.reject_link(*pair, by="t", note="wrong")
    ledger.retract("c0000000003", by="t", reason="test")
    ledger.merge("c0000000004", "c0000000005", by="t")
    pairs = _links(ledger)
    with ledger.engine.begin() as conn:  # distinct link times, so "latest evidence" has one right order
        for k, (f, t) in enumerate(pairs):
            conn.execute(sa.text("UPDATE links SET at = :at WHERE from_id = :f AND to_id = :t"),
                         {"at": f"2024-05-01T00:{k // 60:02d}:{k % 60:02d}+00:00", "f": f, "t": t})
    return {c.id: c for c in ledger.claims(ClaimFilter())}


def _links(ledger: Ledger) -> list[tuple[str, str]]:
    with ledger.engine.connect() as conn:
        return [(r[0], r[1]) for r in conn.execute(sa.text("SELECT from_id, to_id FROM links ORDER BY from_id, to_id"))]


def _pages(ledger: Ledger, **fields: object) -> list[str]:
    """Every page of a filter, 7 claims a page, joined."""
    out: list[str] = []
    for page in range(40):
        got, more = ledger.browse(BrowseFilter(limit=7, offset=7 * page, **fields))  # type: ignore[arg-type]
        out.extend(c.id for c in got)
        if not more:
            return out
    raise AssertionError("more than 40 pages")


def _newest_key(c: Claim) -> tuple[int, str, str]:
    start = c.claim_date.start.isoformat() if c.claim_date else ""
    return (c.claim_date is not None, start, c.id)


@pytest.fixture
def filled(ledger: Ledger) -> tuple[Ledger, dict[str, Claim]]:
    return ledger, _fill(ledger)


def test_date_and_worth_orders_and_status(filled: tuple[Ledger, dict[str, Claim]]) -> None:
    ledger, live = filled
    assert "c0000000003" not in live and "c0000000005" not in live
    assert _pages(ledger) == [c.id for c in sorted(live.values(), key=_newest_key, reverse=True)]
    by_worth = sorted(live.values(), key=lambda c: (c.checkworthiness, *_newest_key(c)), reverse=True)
    assert _pages(ledger, sort="checkworthiness") == [c.id for c in by_worth]
    for status in {c.status for c in live.values()}:
        want = [c.id for c in sorted(live.values(), key=_newest_key, reverse=True) if c.status == status]
        assert _pages(ledger, status=status) == want


@pytest.mark.parametrize("dense", [0, 10**9])  # read the date index and test each claim, or sort the candidates
def test_link_filters_and_latest_evidence(
    filled: tuple[Ledger, dict[str, Claim]], dense: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, live = filled
    monkeypatch.setattr(browse, "DENSE", dense)
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT from_id, to_id, stance, origin, rejected, at FROM links")).all()
    current = [r for r in rows if not r.rejected and r.stance]
    latest: dict[str, str] = {}
    contradicted: set[str] = set()
    pending: set[str] = set()
    for r in current:
        for cid in (r.from_id, r.to_id):
            latest[cid] = max(latest.get(cid, ""), r.at)
            if r.origin == "suggested":
                pending.add(cid)
            elif r.stance == "contradicts":
                contradicted.add(cid)
    newest = [c.id for c in sorted(live.values(), key=_newest_key, reverse=True)]
    assert _pages(ledger, contradicted=True) == [i for i in newest if i in contradicted]
    assert _pages(ledger, pending=True) == [i for i in newest if i in pending]
    want = sorted((i for i in latest if i in live), key=lambda i: (latest[i], i), reverse=True)
    assert _pages(ledger, sort="evidence") == want
    with ledger.read() as conn:  # batches smaller than a page, and a filter on top
        flt = BrowseFilter(sort="evidence", status=live[want[0]].status, limit=4)
        assert browse.evidence_page(flt, conn=conn, batch=2) == [
            i for i in want if live[i].status == flt.status][:5]


@pytest.mark.parametrize("fields", [{}, {"claimant": "Person 2"}, {"entity": "E1", "since": PartialDate("2003")},
                                    {"status": "unverified"}, {"status": "disputed"}])
def test_search_pages_match_the_full_join(
    filled: tuple[Ledger, dict[str, Claim]], fields: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, _live = filled
    flt = BrowseFilter(text="harbour", sort="relevance", limit=3, **fields)
    with ledger.read() as conn:
        whole = [r[0] for r in conn.execute(browse.browse_query(flt.model_copy(update={"limit": 500}), conn=conn))]
    assert whole
    assert _pages(ledger, text="harbour", sort="relevance", **fields) == whole
    # The command line's search is the same function.
    hits = ledger.search("harbour", ClaimFilter(**{k: v for k, v in fields.items() if k != "entity"}), limit=500)
    if "entity" not in fields:
        assert [c.id for c, _ in hits] == whole


@pytest.mark.parametrize("fields", [{}, {"claimant": "Person 2"}, {"status": "unverified"}])
def test_a_common_word_search_ranks_only_its_newest_matches(
    filled: tuple[Ledger, dict[str, Claim]], fields: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the cap, the ranked set is the newest matches that pass the filters (PostgreSQL: by claim date
    then id; SQLite: the most recently indexed), in the full join's relevance order; the page says so, and a
    word under the cap is ranked whole."""
    ledger, live = filled
    flt = BrowseFilter(text="harbour", sort="relevance", limit=500, **fields)
    with ledger.read() as conn:
        whole = [r[0] for r in conn.execute(browse.browse_query(flt, conn=conn))]
    claimant = fields.get("claimant")
    order = {c.id: _newest_key(c) for c in live.values()}  # PostgreSQL: newest claim date, then id
    if ledger.engine.dialect.name == "sqlite":  # SQLite: most recently indexed (FTS5's doclist read backwards)
        with ledger.engine.connect() as conn:
            docs = dict(conn.execute(sa.text("SELECT claim_id, doc FROM claim_docs")).all())
        order = {cid: (docs[cid], "", "") for cid in live}
    newest = [c.id for c in sorted(live.values(), key=lambda c: order[c.id], reverse=True)
              if c.text.startswith("harbour") and (not claimant or c.claimant == claimant)
              and c.status == fields.get("status", c.status)]
    assert sorted(newest) == sorted(whole)
    cap = 4
    monkeypatch.setattr(browse_search, "SEARCH_RANK_CAP", cap)
    assert _pages(ledger, text="harbour", sort="relevance", **fields) == [i for i in whole if i in newest[:cap]]
    page = ledger.browse_page(BrowseFilter(text="harbour", sort="relevance", limit=3, **fields))
    assert page.capped == (len(newest) >= cap)
    assert page.matches == (sum(c.text.startswith("harbour") for c in live.values()) if page.capped
                            and ledger.engine.dialect.name == "sqlite" else None)
    monkeypatch.setattr(browse_search, "SEARCH_RANK_CAP", len(newest) + 1)
    assert not ledger.browse_page(BrowseFilter(text="harbour", sort="relevance", limit=3, **fields)).capped


@pytest.mark.parametrize("dense", [0, 10**9])
def test_search_sorted_by_date_or_worth(
    filled: tuple[Ledger, dict[str, Claim]], dense: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, live = filled
    monkeypatch.setattr(browse, "DENSE", dense)
    newest = sorted((c for c in live.values() if c.text.startswith("ferry")), key=_newest_key, reverse=True)
    assert _pages(ledger, text="ferry", sort="date") == [c.id for c in newest]
    worth = sorted(newest, key=lambda c: (c.checkworthiness, *_newest_key(c)), reverse=True)
    assert _pages(ledger, text="ferry", sort="checkworthiness", status=worth[0].status) == [
        c.id for c in worth if c.status == worth[0].status]
