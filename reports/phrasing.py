"""How a report says things: what was said, by whom and when, in sentences an editor can hand on.

The ledger stores a claim as a proposition with a polarity. A *negated* claim
whose text carries no negation of its own ("Brask Motors had signed a
contract", cue "denied") is the proposition that was *denied*; it must never
be printed as if its claimant affirmed it. Every format goes through
`statement` and `evidence_sentence`, so there is one place that decides how a
claim is worded. Quotation marks are kept for direct quotes only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from claims.dates import PartialDate
from claims.models import Claim, SourceRef

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_QUARTERS = {"1": "the first quarter of", "2": "the second quarter of", "3": "the third quarter of",
             "4": "the fourth quarter of"}  # fmt: skip
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MODIFIER_WORDS = {"approx": "around", "start": "early in", "mid": "in the middle of", "end": "late in",
                   "before": "before", "after": "after"}  # fmt: skip
# English negation, enough to tell "No decision was taken" (the denial in its own words) from
# "a contract was signed" stored with polarity negated (the proposition someone denied).
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|nowhere|without|cannot)\b|n't\b|n’t\b", re.IGNORECASE
)
# Speech verbs that reject what someone else said; "X rejected the claim that P" reads truer than "denied".
_REJECTING = {"rejected", "dismissed", "disputed", "refuted", "rebutted", "contested"}
# Sentence openers that are not names and so lose their capital inside "said that ...".
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "its",
        "there",
        "this",
        "that",
        "these",
        "those",
        "our",
        "we",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "i'm",
        "some",
        "all",
        "most",
        "many",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "no",
        "none",
        "every",
        "each",
    ]
)
STANCE_PAST = {"contradicts": "Contradicted", "supports": "Supported", "related": "Related"}
STANCE_REVERSE = {"contradicts": "Contradicts", "supports": "Supports", "related": "Relates to"}
REVIEW_WORDS = {
    "automatic": "automatic link",
    "accepted": "suggestion accepted by an editor",
    "manual": "linked by an editor",
    "suggested": "suggestion, not yet reviewed",
}


def day_words(date: PartialDate) -> str:
    """A date as an editor writes it, at its own granularity: "27 April 2022", "April 2022", "2022"."""
    v = date.value
    g = date.granularity
    year = v[:4].lstrip("0") or "0"
    if g in ("day", "daypart", "minute"):
        text = f"{int(v[8:10])} {MONTHS[int(v[5:7]) - 1]} {year}"
        if g == "minute":
            text += f" at {v[11:16]}"
        return text
    if g == "month":
        return f"{MONTHS[int(v[5:7]) - 1]} {year}"
    if g == "quarter":
        return f"{_QUARTERS[v[6]]} {year}"
    if g == "half":
        return f"the {'first' if v[6] == '1' else 'second'} half of {year}"
    if g == "season":
        return f"{_SEASONS.get(v[5:7], v[5:7])} {year}"
    if g in ("week", "weekend"):
        what = "weekend" if g == "weekend" else "week"
        return f"the {what} of {date.start.day} {MONTHS[date.start.month - 1]} {year}"
    if g == "decade":
        return f"the {v}0s"
    if g == "century":
        return f"the {int(v) + 1}th century"
    return year


def moment_words(moment: dt.datetime) -> str:
    """A timestamp (a verdict, a change) as a day: "2 December 2022"."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def when(date: PartialDate | None) -> str:
    """The date with its preposition: "on 27 April 2022", "in April 2022", "around March 2023"."""
    if date is None:
        return "at an unknown date"
    words = day_words(date)
    if date.modifier:
        return f"{_MODIFIER_WORDS.get(date.modifier, date.modifier)} {words}"
    if date.granularity in ("day", "daypart", "minute"):
        return f"on {words}"
    return f"in {words}"


def who(claimant: str | None, role: str | None, source: SourceRef | None = None) -> str:
    """The claimant as named in a sentence: "Ines Marek (transport minister)".

    An unattributed statement is the publication's own: it is named by its outlet, else "An unnamed source".
    """
    if not claimant:
        return source.outlet if source and source.outlet else "An unnamed source"
    return f"{claimant} ({role})" if role else claimant


def is_denial(claim: Claim) -> bool:
    """True when the stored text is the proposition the claimant denied, not the claimant's own words."""
    return claim.polarity == "negated" and not _NEGATION.search(claim.text)


def kind_of(claim: Claim) -> str:
    """How the claim is reported: "denial", "quote" (direct quote) or "paraphrase"."""
    if is_denial(claim):
        return "denial"
    return "quote" if claim.quote == "direct" else "paraphrase"


def clause(text: str, verbatim: str | None = None, names: Sequence[str] = ()) -> str:
    """The claim as a that-clause, no end stop: "Ferries sailed ..." -> "ferries sailed ...".

    A capital that only marks the start of a sentence goes; a name keeps it. The
    signs, best first: the source's own words (`verbatim`, the claim's span) start
    with the same word in lower case (not a name); the word starts one of the claim's named entities
    (`names`); the next word is capitalised too ("Brask Motors"); it is "I" or an
    acronym.
    """
    text = text.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if not first[:1].isupper() or first == "I" or (first.isupper() and len(first) > 1):
        return text
    said = (verbatim or "").strip()
    if said[:1].islower() and said.split(" ", 1)[0].casefold() == first.casefold():
        return said[0] + text[1:]
    folded = first.casefold().strip(",;:'’")
    if folded in _OPENERS:
        return text[0].lower() + text[1:]
    if any(name.casefold().split(" ", 1)[0] == folded for name in names):
        return text
    if rest[:1].isupper() or any(ch.isupper() for ch in first[1:]):
        return text
    return text[0].lower() + text[1:]


def _stop(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?…" else text + "."


def _verb(claim: Claim, source: SourceRef | None) -> str:
    """The speech verb in the past tense, for an affirmation."""
    if source and source.outlet and (claim.claimant or source.outlet).casefold() == source.outlet.casefold():
        return "reported"
    return "said"


def content(claim: Claim, quote: str | None = None) -> str:
    """What was said, after the speaker: "said on … that …", "denied on … that …" or "said on …: “…”".

    `quote` is the claim's span as it stands in the source (its exact words, for a direct quote).
    """
    date = when(claim.claim_date)
    if is_denial(claim):
        cue = (claim.cue or "").casefold()
        if cue in _REJECTING:
            return f"{cue} {date} the claim that {clause(claim.text, quote, claim.entities)}."
        return f"denied {date} that {clause(claim.text, quote, claim.entities)}."
    verb = _verb(claim, claim.source)
    if claim.quote == "direct":
        words = (quote or claim.text).strip().strip("\"“”'‘’").strip()
        return f"{verb} {date}: “{_stop(words)}”"
    return f"{verb} {date} that {clause(claim.text, quote, claim.entities)}."


def statement(claim: Claim, quote: str | None = None) -> str:
    """The whole claim as one sentence: "Ines Varga (mayor) said on 2 May 2023 that …"."""
    return f"{who(claim.claimant, claim.claimant_role, claim.source)} {content(claim, quote)}"


def evidence_sentence(stance: str, direction: str, claim: Claim, quote: str | None = None) -> str:
    """One piece of evidence as a sentence.

    "from": the evidence answers the thread's claim ("Contradicted on 30 April 2022 by X, who said that …");
    "to": the thread's claim answers it ("Contradicts X, who said on 3 February 2025 that …").
    """
    speaker = who(claim.claimant, claim.claimant_role, claim.source)
    if speaker == "An unnamed source":
        speaker = "an unnamed source"
    said = content(claim, quote)
    pronoun = "which" if said.startswith("reported") else "who"
    if direction == "from":
        return f"{STANCE_PAST[stance]} {when(claim.claim_date)} by {speaker}, {pronoun} {_undated(said, claim)}"
    return f"{STANCE_REVERSE[stance]} {speaker}, {pronoun} {said}"


def _undated(said: str, claim: Claim) -> str:
    """`content` without its date (the sentence has just said when): "said on 6 June 2024 that" -> "said that"."""
    date = " " + when(claim.claim_date)
    head, sep, rest = said.partition(date)
    if not sep:
        return said
    if rest.startswith(":"):
        return head + rest
    return head + rest


_HOW = {
    "an opposite predicate for the same proposition": "says the opposite of the same statement",
    "negation of the same proposition": "the same statement, affirmed by one and denied by the other",
    "a denial of the same proposition": "denies the same statement",
    "calls the same proposition false": "calls the same statement false",
    "the same proposition": "makes the same statement",
    "the same proposition, confirmed": "confirms the same statement",
    "a hedged report of the same proposition, neither for nor against": (
        "reports the same statement without taking a side"
    ),
}


def link_why(reason: dict[str, Any] | None, note: str | None) -> str:
    """Why two claims were linked, in words: never the linker's features, scores or predicates.

    The linker's sentence ends "...: <how> as in <earlier claim>"; only <how> is
    kept (its first half restates the claim without its polarity).
    """
    parts: list[str] = []
    text = (reason or {}).get("text")
    if isinstance(text, str) and " as in " in text:
        head = text[: text.rfind(" as in ")]
        how = head.rsplit(": ", 1)[-1].strip()
        if how.startswith("incompatible values"):
            parts.append("gives different figures" + how[len("incompatible values") :])
        else:
            parts.append(_HOW.get(how, how.replace("proposition", "statement")))
    if note:
        parts.append(note.strip())
    return "; ".join(p for p in parts if p)


def review_words(state: str, confidence: float | None) -> str:
    """How the link came about: "automatic link, confidence 0.94", "linked by an editor", ..."""
    words = REVIEW_WORDS.get(state, state)
    if state in ("automatic", "suggested") and confidence is not None:
        words += f", confidence {confidence:.2f}"
    return words


def source_words(source: SourceRef | None) -> str:
    """A source named in words for readers without its link: outlet, “title”, date."""
    if source is None:
        return "not recorded"
    parts = [p for p in (source.outlet, f"“{source.title}”" if source.title else None) if p]
    if source.published:
        parts.append(day_words(source.published))
    return ", ".join(parts) or "not recorded"
