"""Linking new claims to the ledger: merge repeats, then write explained automatic stance links.

Ingest stores a source's claims (`Ledger.add_claims`, which also indexes them)
and then calls `link_new_claims` in the same transaction, so a source lands
whole or not at all. For each new claim the retrieval index proposes at most
`limit` candidates (never a scan), and `pipeline.linking.stance` scores each pair:

- the same claimant making the same proposition again is not corroboration: the
  new claim is merged into the earlier one as an *appearance* and deleted;
- otherwise the later claim is linked to the earlier one (`from` answers `to`)
  with the stance and a `reason` saying why.

A link whose calibrated confidence reaches the auto threshold (`reason["auto"]`,
see `pipeline.linking.judge`) is stored with origin `auto` and counts for
status; one below it is a *suggestion* (origin `suggested`): stored and shown,
but it changes no status until a person accepts it (`claimtrack review`).

The ledger refuses the linker's links over people's decisions (manual and
accepted links, rejections), so people stay in charge. `relink` recomputes
every automatic and suggested link and changes only what differs, so running it
twice changes nothing the second time; a link it no longer finds is withdrawn
with a `removed` event, never dropped silently. Ingest-time linking and
`relink` decide a pair with the same function (`_decide`), and the author's own
sentences in one article never link to each other (`judge.unattributed_pair`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from claims.ids import random_id
from claims.ledger import Ledger
from claims.models import Appearance, Claim, SourceRef
from claims.rows import reason_json
from claims.status import claimant_key
from pipeline.linking import judge, stance
from pipeline.linking.decisions import LinkDecision, LinkingResult, RelinkSummary

__all__ = ["LinkDecision", "LinkingResult", "RelinkSummary", "link_new_claims", "relink", "relink_claim"]

# Retrieved claims scored per new claim: the index ranks the best first, and each costs a stance score.
CANDIDATES = 20


def _decide(a: Claim, b: Claim, common: frozenset[str] = frozenset()) -> LinkDecision | None:
    """The automatic link between two claims of different claimants, oriented later -> earlier.

    `common`: the ledger's most frequent entity terms (`_common`); a pair tied only by one is not linked."""
    if a.id == b.id or not stance.may_relate(a, b):
        return None
    ents = stance.match_entities(a, b)
    if not ents.shared:
        return None  # whether any entity is shared does not depend on the order: most retrieved pairs stop here
    later, earlier = stance.time_order(a, b)
    # Scoring needs the match in (later, earlier) order: reuse this one when it is that order.
    result = stance.score(later, earlier, ents if later is a else None, common)
    if result is None or not result.links:
        return None  # no stance, or `observing`: a hedged report of the claim is not evidence either way
    return LinkDecision(later.id, earlier.id, result.stance, result.reason, auto=bool(result.auto))


def _candidates(
    ledger: Ledger,
    claim: Claim,
    *,
    limit: int,
    cache: dict[str, Claim] | None = None,
    df: dict[str, int] | None = None,
    counted: dict[str, int] | None = None,
    conn: sa.Connection,
) -> list[Claim]:
    """The retrieved claims, loaded; `cache` keeps claims already loaded for this source (its claims share a topic).

    `counted` are term counts taken for the whole source before its claims are stored (`Ledger.count_query_terms`).
    """
    ids = ledger.candidates(claim, limit=limit, df_cache=df, counted=counted, conn=conn)
    cache = {} if cache is None else cache
    missing = [i for i in ids if i not in cache]
    if missing:
        cache.update(ledger.load_claims(missing, conn=conn))
    return [cache[i] for i in ids if i in cache]


def _common(ledger: Ledger, df: dict[str, int], conn: sa.Connection) -> frozenset[str]:
    """The ledger's most frequent entity terms among those retrieval counted (`judge.common_terms`)."""
    if not df or max(df.values()) < judge.COMMON_MIN_DF:
        return frozenset()  # no term can be common: the ledger need not be counted (one claim's link stays cheap)
    return judge.common_terms(df, ledger.count_claims(upto=judge.SHARE_COUNTED, conn=conn))


def _unnamed_by_claimant(
    ledger: Ledger,
    claim: Claim,
    *,
    limit: int,
    cache: dict[str, Claim],
    conn: sa.Connection,
    newest: dict[str | None, list[str]] | None = None,
) -> list[Claim]:
    """The claimant's newest stored claims that name no entity: the only possible repeats of such a claim.

    Retrieval proposes only claims sharing an entity (stance needs one), yet `stance.is_repeat`
    lets a claim naming none repeat another naming none; without this lookup a fact-check of an
    ingested entity-less claim would be stored twice. The claimant index answers it, and only
    claims without entities pay for it.

    `newest` keeps each claimant's answer while nothing is written (a source's claims, before they
    are stored): one more id than `limit`, without excluding anyone, then this claim's own id is
    dropped. The order is total (arrival, then id), so that is exactly the answer with the exclusion.
    """
    if newest is None:
        ids = ledger.unnamed_by_claimant(claim.claimant, exclude=claim.id, limit=limit, conn=conn)
    else:
        key = claimant_key(claim.claimant)
        if key not in newest:
            newest[key] = ledger.unnamed_by_claimant(claim.claimant, exclude=None, limit=limit + 1, conn=conn)
        ids = [i for i in newest[key] if i != claim.id][:limit]
    missing = [i for i in ids if i not in cache]
    if missing:
        cache.update(ledger.load_claims(missing, conn=conn))
    return [cache[i] for i in ids if i in cache]


LINK_CACHE_MAX = 10_000
# Term counts carried between sources are recounted this often (other writers' claims show up then).
DF_REFRESH_SOURCES = 64


@dataclass
class LinkCache:
    """What the `link_new_claims` calls of one ingest run share.

    - `claims`: retrieved claims as `Ledger.load_claims` read them. Follow-ups of a
      story retrieve the same claims, and reusing the objects also reuses their
      stance features. Stored claims never change the fields loaded.
    - `df`: each query term's document count (capped, see `Ledger.candidates`).
      Counting is a walk of the term's postings; a story's sources ask about the
      same terms, so the counts are kept across sources and kept current by adding
      the run's own new claims. Every `DF_REFRESH_SOURCES` sources they are
      recounted, so claims from other writers are seen too.

    Both are emptied when full: memory stays flat over any corpus.
    """

    claims: dict[str, Claim] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    sources: int = 0
    total: int | None = None  # the ledger's claim count, counted with `df` and kept current the same way

    def next_source(self) -> None:
        self.sources += 1
        if len(self.claims) >= LINK_CACHE_MAX:
            self.claims.clear()
        if self.sources % DF_REFRESH_SOURCES == 0 or len(self.df) >= LINK_CACHE_MAX:
            self.df.clear()
            self.total = None

    def count(self, stored: Sequence[Claim]) -> None:
        """Add newly stored claims to the counts of the terms already counted."""
        if self.total is not None:
            self.total += len(stored)
        for claim in stored:
            entities, lemmas = Ledger.index_terms(claim)
            for term in {*entities, *lemmas}:
                if term in self.df:
                    self.df[term] += 1


def new_link_cache() -> LinkCache:
    """A cache for the `link_new_claims` calls of one ingest run."""
    return LinkCache()


def _appearance(claim: Claim) -> Appearance:
    return Appearance(source=SourceRef(id=claim.source_id), claim_date=claim.claim_date, span=claim.span)


def link_new_claims(
    ledger: Ledger,
    claims: Sequence[Claim],
    *,
    limit: int = CANDIDATES,
    cache: LinkCache | None = None,
    conn: sa.Connection | None = None,
) -> LinkingResult:
    """Store a source's new claims, merging repeats into earlier claims, and link them to the ledger.

    Runs inside the caller's transaction (one per source). Claims that are
    already stored (same id in the ledger) are not stored again; if such a
    claim turns out to be a repeat it is deleted in favour of the earlier one.

    `cache` carries retrieved claims and term counts between the calls of one
    ingest run (see `LinkCache`). Without `conn`, the call is a transaction of its own.
    """
    if conn is None:
        with ledger.transaction() as new:
            return link_new_claims(ledger, claims, limit=limit, cache=cache, conn=new)
    result = LinkingResult()
    claims = [c if c.id else c.model_copy(update={"id": random_id("c")}) for c in claims]
    present = ledger.load_claims([c.id for c in claims], conn=conn)
    kept: list[Claim] = []
    kept_by: dict[str | None, list[Claim]] = {}
    cache = cache or LinkCache()
    cache.next_source()
    loaded, df = cache.claims, cache.df
    pools: dict[str, list[Claim]] = {}
    appearances: list[tuple[str, Claim]] = []
    # Nothing is written until the loop ends: each claimant's entity-less claims are looked up once (see
    # _unnamed_by_claimant), and the source's retrieval terms are counted in a few statements, not per claim.
    unnamed_by: dict[str | None, list[str]] = {}
    counted = ledger.count_query_terms([c for c in claims if c.entities], known=df, conn=conn)
    for claim in claims:
        # A repeat merges into a claim kept earlier in this batch, else into a stored one.
        # Only the same claimant can repeat a claim, so only their kept claims are compared.
        key = claimant_key(claim.claimant)
        target = next((k for k in kept_by.get(key, ()) if stance.is_repeat(claim, k)), None) if key else None
        pool: list[Claim] = []
        if target is None:
            pool = [
                c
                for c in _candidates(ledger, claim, limit=limit, cache=loaded, df=df, counted=counted, conn=conn)
                if c.id not in present and c.id != claim.id
            ]
            target = next((c for c in pool if stance.is_repeat(claim, c)), None)
        if target is None and not claim.entities:
            unnamed = _unnamed_by_claimant(ledger, claim, limit=limit, cache=loaded, conn=conn, newest=unnamed_by)
            target = next((c for c in unnamed if c.id not in present and stance.is_repeat(claim, c)), None)
        if target is None:
            kept.append(claim)
            kept_by.setdefault(key, []).append(claim)
            pools[claim.id] = pool  # the same retrieval serves linking below: one index lookup per claim
            continue
        result.merged_into[claim.id] = target.id
        # One appearance per article: not for a repeat inside the target's own article, nor twice for one source.
        same_source = claim.source_id is not None and claim.source_id == target.source_id
        if not same_source and all(t != target.id or c.source_id != claim.source_id for t, c in appearances):
            appearances.append((target.id, claim))
    stored = ledger.add_claims([c for c in kept if c.id not in present], conn=conn)
    cache.count(stored)
    by_id = {c.id: c for c in stored} | {cid: c for cid, c in present.items()}
    result.claims = [by_id[c.id] for c in kept]
    dropped = [cid for cid in result.merged_into if cid in present]
    if dropped:
        ledger.drop_claims(dropped, conn=conn)
    ledger.add_appearances([(target_id, _appearance(claim)) for target_id, claim in appearances], conn=conn)
    # The new claims in their stored form (the stored arrival time): the claims stored above are built from
    # the rows just written, the ones already stored were read at the start and not changed since. Pair each
    # with its retrieved stored claims and with the claims before it in this batch (a source's claims can
    # answer each other).
    fresh = present | ledger.as_loaded(stored)
    batch = [fresh[c.id] for c in result.claims if c.id in fresh]
    decisions: list[LinkDecision] = []
    if cache.total is None and df:
        cache.total = ledger.count_claims(upto=judge.SHARE_COUNTED, conn=conn)
    common = judge.common_terms(df, cache.total or 0)
    for i, claim in enumerate(batch):
        for other in [*pools.get(claim.id, []), *batch[:i]]:
            decision = _decide(claim, other, common)
            if decision is not None:
                decisions.append(decision)
    # One bulk write with `Ledger.link`'s rules: a link at a time costs a dozen queries each.
    written = ledger.link_many([d.request() for d in decisions], conn=conn)
    for decision, link in zip(decisions, written, strict=True):
        if link is None:
            result.refused += 1
        else:
            result.decisions.append(decision)
    return result


def desired_links(
    ledger: Ledger, *, limit: int = CANDIDATES, conn: sa.Connection | None = None
) -> dict[tuple[str, str], LinkDecision]:
    """Every link (automatic or suggested) the current ledger calls for, by (from, to)."""
    if conn is None:
        with ledger.read() as new:
            return desired_links(ledger, limit=limit, conn=new)
    desired: dict[tuple[str, str], LinkDecision] = {}
    seen: set[frozenset[str]] = set()
    df: dict[str, int] = {}
    total = ledger.count_claims(conn=conn)
    for chunk in ledger.claim_id_chunks(conn=conn):
        loaded = ledger.load_claims(chunk, conn=conn)
        cache = dict(loaded)
        for cid in chunk:
            if cid not in loaded:
                continue  # retracted or merged away: never linked
            claim = loaded[cid]
            pool = _candidates(ledger, claim, limit=limit, cache=cache, df=df, conn=conn)
            common = judge.common_terms(df, total)
            for other in pool:
                pair = frozenset((cid, other.id))
                if pair in seen:
                    continue
                seen.add(pair)
                decision = _decide(claim, other, common)
                if decision is not None:
                    desired[(decision.from_id, decision.to_id)] = decision
    return desired


def relink(ledger: Ledger, *, limit: int = CANDIDATES) -> RelinkSummary:
    """Recompute all automatic and suggested links in one transaction; people's decisions stay as they are.

    Only what differs is written: stale links are withdrawn with a `removed`
    event each (`Ledger.history` shows them), links whose stance, origin or
    reason changed are replaced, missing ones are added, and links that are
    already right are not touched (no new events), so a second run changes
    nothing. Manual and accepted links and rejections are never touched.
    """
    summary = RelinkSummary()
    with ledger.transaction() as conn:
        summary.claims = ledger.count_claims(conn=conn)
        desired = desired_links(ledger, limit=limit, conn=conn)
        requests = {pair: d.request() for pair, d in desired.items()}
        summary.suggested = sum(not d.auto for d in desired.values())
        changes = ledger.sync_auto_links(requests, conn=conn)
    summary.added, summary.changed = len(changes.added), len(changes.changed)
    summary.removed, summary.unchanged, summary.refused = len(changes.removed), changes.unchanged, changes.refused
    return summary


def relink_claim(
    ledger: Ledger, claim_id: str, *, limit: int = CANDIDATES, conn: sa.Connection | None = None
) -> RelinkSummary:
    """Recompute the automatic links of one claim (after an edit, a restore or an unmerge).

    `relink` for a single claim: its retrieved candidates are scored again, stale
    automatic links touching it are removed and missing ones written; links that
    are already right, manual links and rejections are not touched. A retracted
    or merged-away claim gets no links (it is not loaded).
    """
    if conn is None:
        with ledger.transaction() as new:
            return relink_claim(ledger, claim_id, limit=limit, conn=new)
    summary = RelinkSummary(claims=1)
    claim = ledger.load_claims([claim_id], conn=conn).get(claim_id)
    desired: dict[tuple[str, str], LinkDecision] = {}
    if claim is not None:
        df: dict[str, int] = {}
        pool = _candidates(ledger, claim, limit=limit, df=df, conn=conn)
        common = _common(ledger, df, conn)
        for other in pool:
            decision = _decide(claim, other, common)
            if decision is not None:
                desired[(decision.from_id, decision.to_id)] = decision
    current = ledger.auto_links_of(claim_id, conn=conn)
    stale = sorted(pair for pair in current if pair not in desired)
    summary.removed = ledger.remove_auto_link_pairs(stale, conn=conn)
    ordered = sorted(desired.values(), key=lambda d: (d.from_id, d.to_id))
    written = ledger.link_many([(d.from_id, d.to_id, d.stance, d.reason) for d in ordered], conn=conn)
    for decision, link in zip(ordered, written, strict=True):
        pair = (decision.from_id, decision.to_id)
        if link is None:
            summary.refused += 1
        elif pair not in current:
            summary.added += 1
        elif current[pair] == (decision.stance, reason_json(decision.reason)):
            summary.unchanged += 1
        else:
            summary.changed += 1
    return summary
