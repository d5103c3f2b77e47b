"""Our rating vocabulary against the outside world's: ClaimReview numbers and textual ratings.

Export: each rating has a ClaimReview `ratingValue` on a 1–5 scale (worst 1,
best 5). `misleading` and `mostly-false` share 2: both are "more wrong than
right", and the label (`alternateName`) tells them apart. `unproven` has no
number at all: it is not a point on the false–true scale, so its ClaimReview
carries only the label (ClaimReview allows a textual rating alone, and the
Fact Check Tools API reads `alternateName` as the textual rating).

Import: a publisher's textual rating wins over its number, because the text is
what the fact-checker wrote and numeric scales differ between publishers. The
textual vocabulary below covers the common English labels and their usual
forms in the other languages fact-checkers publish in; a number, scaled from
the publisher's worst..best range onto 1..5, is the fallback.
"""

from __future__ import annotations

import math
import re
import unicodedata

from claims.models import Rating

RATING_VALUE: dict[str, int | None] = {
    "true": 5,
    "mostly-true": 4,
    "mixed": 3,
    "misleading": 2,
    "mostly-false": 2,
    "false": 1,
    "unproven": None,
}
RATING_LABEL: dict[str, str] = {
    "true": "True",
    "mostly-true": "Mostly true",
    "mixed": "Mixed",
    "misleading": "Misleading",
    "mostly-false": "Mostly false",
    "false": "False",
    "unproven": "Unproven",
}
BEST, WORST = 5, 1
_BY_SCALED: dict[int, Rating] = {5: "true", 4: "mostly-true", 3: "mixed", 2: "mostly-false", 1: "false"}

_TEXTUAL: dict[str, tuple[str, ...]] = {
    "true": (
        "true",
        "correct",
        "accurate",
        "supported",
        "verdadeiro",
        "verdadero",
        "verdad",
        "cierto",
        "richtig",
        "wahr",
        "vrai",
        "benar",
        "正確",
        "正确",
        "属实",
        "屬實",
        "सच",
        "सही",
    ),
    "mostly-true": (
        "mostly true",
        "mostly correct",
        "mostly accurate",
        "largely true",
        "largely accurate",
        "mayormente verdadero",
        "majoritairement vrai",
        "überwiegend richtig",
        "quase verdadeiro",
    ),
    "mixed": (
        "mixed",
        "mixture",
        "half true",
        "half-true",
        "half truth",
        "partly true",
        "partly false",
        "partially true",
        "partially false",
        "partially correct",
        "conflicting evidence/cherrypicking",
        "conflicting evidence",
        "cherrypicking",
        "cherry picking",
        "parcialmente falso",
        "parcialmente verdadeiro",
        "parcialmente verdadero",
        "verdadero a medias",
        "meia verdade",
        "teilweise falsch",
        "teilweise richtig",
        "plutôt vrai",
        "部分錯誤",
        "部分错误",
        "部分正確",
        "部分正确",
        "आधा सच",
    ),
    "misleading": (
        "misleading",
        "missing context",
        "lacks context",
        "needs context",
        "out of context",
        "false context",
        "exaggerated",
        "exaggeration",
        "distorted",
        "spin",
        "engañoso",
        "enganoso",
        "exagerado",
        "distorcido",
        "sem contexto",
        "fora de contexto",
        "descontextualizado",
        "irreführend",
        "trompeur",
        "误导",
        "誤導",
        "भ्रामक",
    ),
    "mostly-false": (
        "mostly false",
        "mostly inaccurate",
        "largely false",
        "largely inaccurate",
        "mostly incorrect",
        "mayormente falso",
        "quase falso",
        "überwiegend falsch",
        "plutôt faux",
    ),
    "false": (
        "false",
        "fake",
        "incorrect",
        "inaccurate",
        "wrong",
        "untrue",
        "not true",
        "refuted",
        "pants on fire",
        "fabricated",
        "hoax",
        "fake news",
        "scam",
        "altered",
        "manipulated",
        "falso",
        "falsa",
        "faux",
        "falsch",
        "salah",
        "hoaks",
        "錯誤",
        "错误",
        "不實",
        "不实",
        "假",
        "गलत",
        "ग़लत",
        "झूठ",
        "फर्जी",
        "फेक",
    ),
    "unproven": (
        "unproven",
        "unverified",
        "unverifiable",
        "unsupported",
        "unsubstantiated",
        "not enough evidence",
        "insufficient evidence",
        "no evidence",
        "research in progress",
        "sin evidencia",
        "sem provas",
        "insustentável",
        "não é possível afirmar",
        "unbelegt",
        "无法证实",
        "無法證實",
    ),
}
_LOOKUP: dict[str, Rating] = {}
for _rating, _labels in _TEXTUAL.items():
    for _label in _labels:
        _LOOKUP[_label] = _rating  # type: ignore[assignment]
# Longest first, so "mostly false" is tried before "false" as a prefix.
_PREFIXES = sorted(_LOOKUP, key=len, reverse=True)


def normalise_label(label: str) -> str:
    text = unicodedata.normalize("NFKC", label).casefold().strip()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" .!:;,-–—\"'“”«»()[]")


def rating_from_text(label: str | None) -> Rating | None:
    """Our rating for a publisher's textual rating, or None when it is not one we know.

    Exact labels first; then a known label at the start followed by punctuation
    or a space ("False. The photo is..." or "Misleading: ...").
    """
    if not label:
        return None
    text = normalise_label(label)
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    for known in _PREFIXES:
        if text.startswith(known) and len(text) > len(known) and not text[len(known)].isalnum():
            return _LOOKUP[known]
    return None


def _number(value: object) -> float | None:
    # NaN and infinities ("-inf" as worstRating) would make every comparison false or the scale
    # infinite; a number too big for a float overflows. None of them is a rating.
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            number = float(value.strip().replace(",", "."))
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def rating_from_number(value: object, best: object = None, worst: object = None) -> Rating | None:
    """Our rating for a numeric ratingValue on the publisher's worst..best scale (default 1..5)."""
    number = _number(value)
    if number is None:
        return None
    hi = _number(best)
    lo = _number(worst)
    if (hi is None and _given(best)) or (lo is None and _given(worst)):
        return None  # a scale we cannot read ("-inf", "NaN") says nothing about where the value sits
    hi = BEST if hi is None else hi
    lo = WORST if lo is None else lo
    if hi <= lo or not lo <= number <= hi:
        return None
    scaled = round(WORST + (BEST - WORST) * (number - lo) / (hi - lo))
    return _BY_SCALED[int(scaled)]


def rating_for(label: str | None, value: object = None, best: object = None, worst: object = None) -> Rating | None:
    """Textual rating first, then the number; None when neither says anything we understand."""
    return rating_from_text(label) or rating_from_number(value, best, worst)
