"""What the story is talking about: the reporting period under discussion and periods dated by their end.

Two discourse facts the per-expression rules cannot see:

- a period named in the text ("the third quarter", "fiscal 1989") stays the topic
  for a few sentences, so "the quarter", "the latest period" and "a year
  earlier" refer to it (`PeriodInDiscussion`);
- "the quarter ended Sept. 30", "the year ending June 30, 1990": the period is
  the one that contains its closing date (`date_periods_by_end`);
- a story names one week: every bare "Monday" is the same Monday, so the first
  reading holds for later ones whose verb happens to point the other way
  (`WeekdaysSeen`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Span

from claims.dates import PartialDate
from claims.errors import InvalidDate
from pipeline.nlp.extensions import DateFacts
from pipeline.nlp.temporal.lexicon import MONTHS, ORDINALS, WEEKDAYS
from pipeline.nlp.temporal.values import Resolution

# How many sentences a named period stays the topic: an earnings story names its quarter in the lead and
# compares it with the year before in the next few sentences; further on, "last year" is a year again.
PERIOD_REACH = 4
_END_WORDS = frozenset({"ended", "ending", "ends", "end", "closed", "through"})
_PERIOD_HEADS = {"quarter": "quarter", "year": "year", "half": "half"}


@dataclass
class PeriodInDiscussion:
    """The last reporting period named, and in which sentence."""

    period: PartialDate | None = None
    sentence: int = -1

    def name(self, period: PartialDate, sentence: int, published: dt.date | None) -> None:
        """A period was named in `sentence`: it becomes the topic, unless it has not begun yet
        ("results for the third quarter of next year" is a forecast, not the period reported on)."""
        if published is None or period.first_day <= published:
            self.period, self.sentence = period, sentence

    def at(self, sentence: int, explicit: bool = False) -> PartialDate | None:
        """The period under discussion in `sentence`: named recently enough, or at any distance when the
        expression itself says it compares periods ("the year-earlier period", "the year-ago quarter")."""
        if self.period is None or (sentence - self.sentence > PERIOD_REACH and not explicit):
            return None
        return self.period


def compares_periods(text: str) -> bool:
    """ "the year-ago quarter", "year-earlier results", "the same period": an expression about a period."""
    lower = text.lower()
    return any(w in lower for w in ("year-ago", "year-earlier", "period", "quarter"))


def date_periods_by_end(doc: Doc, spans: list[Span]) -> None:
    """Give "the quarter" in "the quarter ended Sept. 30" the quarter that contains Sept. 30.

    A year that ends in another month than December ("the fiscal year ended June 30") is twelve months
    across two calendar years: a duration with no calendar value (TimeML: `P1Y`), the closing date
    keeping its own.

    `spans` are the resolved expressions in document order; the period word and its
    closing date are two of them with only "ended"/"ending" between.
    """
    for head, tail in pairwise(spans):
        gap = [t.lower_ for t in doc[head.end : tail.start] if not t.is_space]
        tail_date = tail._.date
        if len(gap) != 1 or gap[0] not in _END_WORDS or tail_date is None or not tail_date.value:
            continue
        words = [t.lower_ for t in head if t.lower_ in _PERIOD_HEADS]
        if not words or any(t.like_num or t.lower_ in ORDINALS for t in head):
            # "its fourth quarter ended June 30" numbers a fiscal quarter: keep the number it was given
            continue
        try:
            end = PartialDate(tail_date.value)
        except InvalidDate:
            continue
        if end.granularity not in ("day", "month"):
            continue
        grain = _PERIOD_HEADS[words[-1]]
        before = head._.date
        if grain == "year" and end.last_day.month != 12:
            # "the year ended March 31" runs April to March: twelve months, not a calendar year
            head._.date = DateFacts(type="DURATION", value=None, modifier=None, vague=False, anchor=tail.text)
            continue
        value = PartialDate.from_date(end.last_day, grain).value  # type: ignore[arg-type]
        modifier = before.modifier if before is not None else None
        head._.date = DateFacts(type="DATE", value=value, modifier=modifier, vague=False, anchor=tail.text)


_WEEK_STEPS = frozenset({"last", "next", "this", "coming", "past", "previous", "following", "ago", "later", "earlier"})


@dataclass
class WeekdaysSeen:
    """The day each bare weekday of a story was first read as."""

    days: dict[int, tuple[str, str]] = field(default_factory=dict)  # weekday -> (day, tense it was read in)

    def keep(self, words: tuple[str, ...], res: Resolution, tense: str) -> Resolution:
        """`res`, with the day of the story's first bare mention of the same weekday, unless this mention's
        verb says otherwise: "fell on Friday" after "will vote Friday" is another Friday."""
        named = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
        bare = len(named) == 1 and not any(w in _WEEK_STEPS or w in MONTHS or w[:1].isdigit() for w in words)
        if not bare or not res.value or res.type not in ("DATE", "TIME"):
            return res
        seen, seen_tense = self.days.setdefault(named[0], (res.value[:10], tense))
        if seen == res.value[:10] or (tense != "present" and seen_tense != "present" and tense != seen_tense):
            return res
        return replace(res, value=seen + res.value[10:])
