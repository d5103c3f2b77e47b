"""Numbers as transcripts spell them: "nineteen ninety-six", "the year two thousand", "the nineties".

Broadcast transcripts write years the way they are said. `spoken_to_digits`
rewrites a run of number words that reads as a year into digits, so the
calendar rules see "january 1997" where the text has "January nineteen
ninety-seven". Only year-shaped runs are rewritten (a hundreds part of 10-20 and
a tens part, "two thousand (and) N", "nineteen hundred"), never counts like
"twenty five".
"""

from __future__ import annotations

UNITS_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "the nineties", "the twenties": a decade said by its tens
DECADE_WORDS: dict[str, int] = {word[:-1] + "ies": n for word, n in TENS.items()}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TEENS) | frozenset(TENS) | {"hundred", "thousand", "oh", "and"}


def _two_digits(words: list[str]) -> int | None:
    """ "ninety six" -> 96, "oh five" -> 5, "twelve" -> 12; None unless the words are exactly that."""
    if len(words) == 1:
        w = words[0]
        return TENS.get(w, TEENS.get(w))
    if len(words) == 2 and words[0] in TENS and words[1] in UNITS_WORDS:
        return TENS[words[0]] + UNITS_WORDS[words[1]]
    if len(words) == 2 and words[0] in ("oh", "o") and words[1] in UNITS_WORDS:
        return UNITS_WORDS[words[1]]
    return None


def spoken_year(words: list[str]) -> int | None:
    """The year a run of number words says, or None ("nineteen ninety six" -> 1996)."""
    if not words:
        return None
    if "thousand" in words:
        i = words.index("thousand")
        lead = words[:i]
        if lead not in (["two"], ["one"]):
            return None
        rest = [w for w in words[i + 1 :] if w != "and"]
        if not rest:
            return 1000 * UNITS_WORDS[lead[0]]
        if len(rest) == 1 and rest[0] in UNITS_WORDS:
            return 1000 * UNITS_WORDS[lead[0]] + UNITS_WORDS[rest[0]]
        low = _two_digits(rest)
        return None if low is None else 1000 * UNITS_WORDS[lead[0]] + low
    head = words[0]
    if head not in TEENS and head != "twenty":
        return None
    century = TEENS.get(head, 20)
    if century < 10:
        return None
    rest = words[1:]
    if rest == ["hundred"]:
        return century * 100
    if not rest or (rest[0] not in TENS and rest[0] not in ("oh", "o")):
        return None  # "nineteen" alone, "twenty five": counts, not years
    low = _two_digits(rest)
    return None if low is None else century * 100 + low


def spoken_to_digits(ws: list[str]) -> list[str]:
    """`ws` with a year-shaped run of number words replaced by its digits (and "the year" before it dropped)."""
    if not any(w in TEENS or w == "twenty" or w == "thousand" for w in ws):
        return ws
    out: list[str] = []
    i = 0
    while i < len(ws):
        if ws[i] in _NUMBER_WORDS and ws[i] != "and":
            j = i
            while j < len(ws) and ws[j] in _NUMBER_WORDS:
                j += 1
            year = spoken_year(ws[i:j])
            if year is not None:
                if out and out[-1] == "year":
                    out.pop()  # "the year two thousand"
                out.append(str(year))
                i = j
                continue
        out.append(ws[i])
        i += 1
    return out


def ordinal(word: str) -> int | None:
    """ "20th" -> 20, "twentieth" -> 20 (compound words like "twenty-first" come as two words, see below)."""
    digits = word[:-2]
    if digits.isdigit() and word[-2:] in ("st", "nd", "rd", "th"):
        return int(digits)
    return ORDINAL_WORDS.get(word)


def ordinal_of(words: list[str]) -> int | None:
    """The ordinal a run of words says: ["twenty", "first"] -> 21, ["20th"] -> 20."""
    if len(words) == 1:
        return ordinal(words[0])
    if len(words) == 2 and words[0] in TENS and words[1] in ORDINAL_WORDS and ORDINAL_WORDS[words[1]] < 10:
        return TENS[words[0]] + ORDINAL_WORDS[words[1]]
    return None
