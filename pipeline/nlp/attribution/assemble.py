"""From candidate relations to spans: drop, merge and dedupe them, resolve claimants, write `span._.attribution`."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.attribution.claimants import ClaimantResolver, Resolution
from pipeline.nlp.attribution.cues import EVIDENTIAL, ORPHAN_REACH, Relation
from pipeline.nlp.attribution.speakers import refine
from pipeline.nlp.attribution.tidy import tidy
from pipeline.nlp.extensions import AttributionFacts

LABEL = "ATTRIBUTION"


def _speaker_inside_quote(rel: Relation, regions: list[tuple[int, int]]) -> bool:
    """ "We asked them …", "They answered that …" inside a quote: the quoted speaker's own narrative.

    The quote's sentence is already a claim of the quoted speaker; its pronouns point into the quote's
    world, which the resolver cannot see, so no new attribution is made from them.
    """
    if rel.source is None or rel.source.root.pos_ != "PRON":
        return False
    return any(start < rel.cue.i < end for start, end in regions)


def _orphan_quotes(doc: Doc, regions: list[tuple[int, int]], relations: list[Relation]) -> list[Relation]:
    """A whole-sentence quote with no cue continues the last speaker's words."""
    covered = set().union(*(r.content for r in relations)) if relations else set()
    out: list[Relation] = []
    for start, end in regions:
        if end - start < 8 or any(i in covered for i in range(start, end)):
            continue
        first = doc[start + 1] if start + 1 < len(doc) else doc[start]
        if not (doc[start].is_sent_start or first.is_sent_start):
            continue
        prior = [r for r in relations if r.cue.i < start and start - r.cue.i < ORPHAN_REACH]
        if prior:
            last = max(prior, key=lambda r: r.cue.i)
            out.append(Relation(cue=last.cue, content=set(range(start, end)), source=last.source, quote="direct",
                                cue_text=last.cue_text))  # fmt: skip
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per content; a content inside another one of the same speaker adds nothing."""
    seen: set[tuple[int, int]] = set()
    out: list[Relation] = []
    for rel in relations:
        key = (min(rel.content), max(rel.content))
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return [r for r in out if not any(o is not r and _same_speaker(o, r) and r.content < o.content for o in out)]


def _same_speaker(a: Relation, b: Relation) -> bool:
    if a.source is None or b.source is None:
        return a.source is None and b.source is None and a.cue.i == b.cue.i
    return a.source.start == b.source.start


def _merge_nested(relations: list[Relation]) -> list[Relation]:
    """An inner relation whose source is evidence, not a speaker, folds into the outer one."""
    drop: set[int] = set()
    for i, inner in enumerate(relations):
        if inner.source is None or not {inner.source.root.lemma_.lower(), inner.source.root.lower_} & EVIDENTIAL:
            continue
        for outer in relations:
            # "X confirmed that Y, according to its logs": the logs back X's statement whichever clause
            # the parser hung "according to" on; they are not a second speaker of the whole sentence
            around = inner.cue_text == "according to" and outer.cue.i in inner.content and outer.source is not None
            if outer is not inner and (inner.cue.i in outer.content or around):
                outer.frame |= inner.frame
                drop.add(i)
                break
    return [r for i, r in enumerate(relations) if i not in drop]


def _resolve(doc: Doc, relations: list[Relation]) -> None:
    resolver = ClaimantResolver(doc)
    for rel in sorted(relations, key=lambda r: r.cue.i):
        rel.resolution = Resolution(None) if rel.passive else resolver.resolve(rel.source, rel.cue.i)
        if not rel.passive:  # documents, "I" and title-only mentions (issue 13)
            rel.resolution = refine(resolver, rel.source, rel.cue.i, rel.resolution)
        rel.resolution = tidy(resolver, rel.source, rel.resolution)
        resolver.note(rel.resolution, rel.cue.i)


def _ranges(ids: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(ids):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _to_span(doc: Doc, rel: Relation) -> Span:
    """The relation as a span over its content, carrying one frozen `AttributionFacts`."""
    lo, hi = min(rel.content), max(rel.content) + 1
    span = Span(doc, lo, hi, label=LABEL)
    res = rel.resolution or Resolution(None)
    gaps = {i for i in range(lo, hi) if i not in rel.content} | {i for i in rel.frame if lo <= i < hi}
    span._.attribution = AttributionFacts(
        cue=rel.cue_text,
        cue_i=rel.cue.i,
        quote=rel.quote,
        source_text=rel.source.text if rel.source is not None else None,
        source_span=(rel.source.start_char, rel.source.end_char) if rel.source is not None else None,
        claimant=res.name,
        claimant_role=res.role if res.name else None,
        claimant_kind=res.kind if res.name else None,
        exclude=tuple(_ranges(gaps)),
        speech_act=rel.act,
        via=res.via,
    )
    return span
