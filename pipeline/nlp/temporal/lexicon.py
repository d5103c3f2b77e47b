"""Words the temporal rules reason with: months, weekdays, units, numbers, modifiers, holidays.

Kept apart from the rules so the resolver reads as logic and the lists can grow
without touching it.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

# Unit word -> canonical unit.
UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "weekend": "weekend", "weekends": "weekend",
    "morning": "daypart", "afternoon": "daypart", "evening": "daypart", "night": "daypart",
    "mornings": "daypart", "nights": "daypart",
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "couple": 2, "dozen": 12,
}  # fmt: skip

ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Words before an expression that bound it: "by 2023" is no later than 2023.
PREFIX_MODIFIERS: dict[str, str] = {
    "by": "before", "before": "before", "until": "before", "till": "before", "til": "before",
    "since": "after", "after": "after", "around": "approx", "about": "approx", "circa": "approx",
    "approximately": "approx", "roughly": "approx",
}  # fmt: skip

# Words inside an expression that place it within its period: "late 2021".
INNER_MODIFIERS: dict[str, str] = {
    "early": "start", "beginning": "start", "start": "start", "mid": "mid", "middle": "mid",
    "late": "end", "end": "end",
}  # fmt: skip

HEDGES: frozenset[str] = frozenset({"about", "around", "some", "nearly", "almost", "roughly", "approximately", "circa"})

# Words with no calendar value of their own.
VAGUE_WORDS: frozenset[str] = frozenset(
    {"few", "several", "many", "recent", "recently", "lately", "past", "future", "now", "currently", "once",
     "various", "coming", "upcoming", "ages", "eventually", "soon", "era", "times", "modern", "longer"}
)  # fmt: skip

SET_WORDS: frozenset[str] = frozenset(
    {"every", "each", "daily", "weekly", "monthly", "annually", "yearly", "nightly", "per", "quarterly"}
)

SEASONS: frozenset[str] = frozenset({"spring", "summer", "fall", "autumn", "winter"})

FORWARD: frozenset[str] = frozenset({"later", "after", "afterwards", "afterward", "following", "next", "subsequent"})
BACKWARD: frozenset[str] = frozenset({"earlier", "before", "previous", "preceding", "prior"})

FUTURE_AUX: frozenset[str] = frozenset({"will", "'ll", "wo", "shall"})

# Fixed-date holidays (month, day).
FIXED_HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    ("christmas",): (12, 25), ("christmas", "day"): (12, 25), ("christmas", "eve"): (12, 24),
    ("new", "year", "day"): (1, 1), ("new", "years", "day"): (1, 1), ("new", "year", "eve"): (12, 31),
    ("new", "years", "eve"): (12, 31), ("independence", "day"): (7, 4), ("halloween",): (10, 31),
    ("valentine", "day"): (2, 14), ("valentines", "day"): (2, 14), ("boxing", "day"): (12, 26),
}  # fmt: skip

# Reporting verbs are not here: there is one list for every component,
# `pipeline.lexicon.load("reporting_verbs")` (see pipeline/nlp/context/document.py).


# "today's youth", "today's world": people or a state of things now, not the day of publication.
GENERIC_NOW_NOUNS = frozenset(
    {"youth", "world", "society", "generation", "generations", "children", "kids", "young", "teenagers", "teens",
     "culture", "families", "parents", "students", "consumers", "standards", "technology", "women", "men"}
)  # fmt: skip
