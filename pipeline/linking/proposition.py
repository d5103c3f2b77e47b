"""A claim's proposition: what it asserts, in which frame, with which values.

Stance compares propositions, not bags of names: two claims bear on each other
only when their predicates and arguments line up, and they disagree when one
negates, denies or debunks what the other asserts, or gives an incompatible value.

Built from what ingest already stored on the claim (its content lemmas, entity
keys, polarity and reporting cue) plus the words of its text, so it costs no
parse: the small English model takes 10-20 ms per sentence on the shared
machines, and linking scores every new claim against up to 20 stored ones (the
million-claim median target is 20 ms for all of it, and ingest's ratio to raw
spaCy has no margin). Roles come from word order around the predicate ("X
bought Y": what precedes the first predicate word is the subject side). When the
ledger stores the ingest parse, `subject`/`objects` can be filled from it with
the same fields.

The frame words (denial, debunking, hedging, confirming) are general English
vocabulary kept in `FRAMES`, not words taken from any data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.models import Claim


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English function words that carry no proposition (not spaCy's list: importing spaCy costs seconds, and
# linking runs in commands that never parse).
FUNCTION_WORDS = _words(
    "a about above after again against all am an and any are as at be because been before being below "
    "between both but by can could did do does doing down during each few for from further had has have "
    "having he her here hers herself him himself his how i if in into is it its itself just me more most "
    "my myself nor now of off on once only or other our ours ourselves out over own same she should so "
    "some such than that the their theirs them themselves then there these they this those through to too "
    "under until up very was we were what when where which while who whom why will with would you your "
    "yours yourself yourselves also just still even"
)


# General English frame vocabulary, by word form and lemma (lower case).
FRAMES: dict[str, frozenset[str]] = {
    # A verb whose clause is the proposition it rejects: "X denied that P".
    "deny": _words(
        "deny denies denied denying denial reject rejects rejected dismiss dismisses dismissed refute refutes "
        "refuted rebut rebuts rebutted dispute disputes disputed disprove disproves disproved debunk debunks "
        "debunked debunking retract retracts retracted contradict contradicts contradicted disavow disavows "
        "disavowed rubbish rubbishes rubbished quash quashes quashed scotch scotches scotched dispel dispels "
        "dispelled"
    ),
    # Words that call a report or a story false: "reports that P are a hoax".
    "debunk": _words(
        "hoax hoaxes fake fakes faked false falsely myth myths fabrication fabricated fabricates bogus untrue "
        "lie lies lied baseless unfounded nonsense satire satirical spoof prank pranks scam fiction fictional "
        "fraud phony phoney misinformation disinformation doctored photoshopped groundless inaccurate "
        "incorrect erroneous wrong wrongly doubt doubts doubtful sceptical skeptical misleading unbelievable "
        "exaggerated bullshit"
    ),
    # Hedging: the claim is reported, not asserted.
    "hedge": _words(
        "reportedly allegedly alleged apparently purportedly supposedly rumor rumors rumour rumours rumored "
        "rumoured report reports reported claim claims claimed may might could possibly perhaps speculation "
        "speculates speculated unconfirmed believed suspected appears seems tipped says say said according "
        "whether if set plans planning considering possible feared fears suspect source sources mystery "
        "purported unverified alleges allegations speculating tipped possibility potential potentially likely "
        "unlikely probably analyst analysts predicts predicted forecast forecasts expects expected expect eyes "
        "eyeing mulls mulling weighs weighing rethinking"
    ),
    # Confirming: the claim is asserted as established.
    "confirm": _words(
        "confirm confirms confirmed confirmation officially official verify verifies verified prove proves "
        "proved proven true indeed admits admitted acknowledges acknowledged"
    ),
    # Calling off an announced event: "the strike has been called off" denies "drivers will strike".
    "cancel": _words(
        "cancel cancels cancelled canceled cancelling canceling cancellation scrap scraps scrapped shelve "
        "shelves shelved axe axes axed postpone postpones postponed postponement abandon abandons abandoned "
        "drop drops dropped withdraw withdraws withdrew withdrawn revoke revokes revoked"
    ),
}
# Words naming a day or month: they date a claim, they do not say what it is about.
CALENDAR = _words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weekend "
    "january february march april june july august september october november december year years "
    "morning afternoon evening night"
)
_CANCEL_PHRASE = re.compile(r"\b(call|calls|called|calling) (it )?off\b|\bput on hold\b|\bno longer (go|going|take)")
_FUTURE = _words("will shall tomorrow upcoming plans intends intend")
_PAST = _words("was were had did ago yesterday last former formerly")
NEGATIONS = frozenset({"not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*[A-Za-z]*|\?")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)([A-Za-z]*)")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
# "may or may not", "refuses to confirm or deny": explicitly neither way, not a negation.
_DOUBLE_HEDGE = re.compile(
    r"\b(may|might|could) or (may|might|could) not\b|confirm or deny|deny or confirm|neither confirm"
    r"|(would|will|did) not (confirm|comment)|declined to (confirm|comment)|refus\w* to (confirm|comment)"
    # "X or not?", "real or hoax?", "fake or freak?": an alternative question holds it neither way.
    r"|\bor not\b|\b(real|true|fake|hoax|false|fact|truth) or \w+|\bor (a )?(real|true|fake|hoax|false|fiction)\b"
)
_NO_EVIDENCE = re.compile(r"\bno (evidence|proof|sign|indication|basis|record)\b|nothing to (suggest|show|indicate)")
# Phrases that call a report false without a debunk word: "isn't real", "never happened", "shoots down".
_DEBUNK_PHRASE = re.compile(
    r"\b(is|are|was|were)(n't| not) (real|true|genuine|authentic)\b|\bnot (real|true)\b|\bno truth\b"
    r"|never happened|did(n't| not) happen|too good to (be true|check)"
    r"|\b(shoots?|shot|shooting) down (the |a |an |this |that |these |those )?(\w+ )?"
    r"(claims?|reports?|rumou?rs?|stor(y|ies)|assertions?|allegations?|theor(y|ies))\b"
    # "made it all up", "the story was made up"; not "Christians make up half of ..." (constitute)
    r"|\b(made|makes?|making) (it|this|that|them|the whole thing) (all )?up\b"
    r"|\b(is|was|were|are|been|being) (all |completely |totally |entirely )?made up\b(?! of)"
    r"|\bcasts? doubt|\bnot what it seems|^no[,:!.]"
)
# "X: ...", "..., says X", "according to": the later claim is someone's report, not the outlet's assertion.
_ATTRIBUTED = re.compile(r"^[^:]{2,40}:\s|,? (says|say|said|claims|claim|reports|according to)\b[^,]{0,40}$")
_CONTRAST = re.compile(r"(?<=\w),\s*(and |but )?not (the |a |an |as |in |on |at |by )?[^,.;]*")
# A debunk that is itself negated or denied ("not a hoax", "no hoax", "denies hoax claims") affirms the proposition.
_DEBUNK_NEGATED = re.compile(
    r"\b(not|n't|no|never|den(y|ies|ied|ying)|reject(s|ed)?|dismiss(es|ed)?)( (a|an|the|all|just|really|actually|"
    r"completely|totally))?( \w+)?( \w+)? (hoax(es)?|fake[sd]?|false|lies?|myths?|fabricat\w+|bogus|untrue|scam|"
    r"fraud|prank|doctored|photoshopped)\b"
)
_NOT_AMONG = re.compile(r"\bnot (among|one of|part of|on the list)\b")


@dataclass(frozen=True)
class Proposition:
    """What one claim asserts, read from its stored fields and its words."""

    words: tuple[str, ...]  # the text's words, lower case, in order
    content: frozenset[str]  # content lemmas (stored at ingest) and the text's longer words
    entities: frozenset[str]  # entity keys
    subject: frozenset[str]  # content words before the first predicate word (who)
    objects: frozenset[str]  # content words after it (what, whom)
    numbers: frozenset[float]  # quantities, years left out
    negated: bool  # a negation in the proposition's own scope, or a negated polarity
    deny: bool  # a denial frames the proposition ("X denied that P"), in the text or as the reporting cue
    debunk: bool  # the claim calls a report or story false ("P is a hoax")
    hedge: bool  # "reportedly", "may", "rumour", a question: reported, not asserted
    confirm: bool
    question: bool
    no_evidence: bool  # "no evidence that P", "not among"
    double_hedge: bool  # "may or may not", "refuses to confirm or deny": explicitly neither
    modal: bool  # may / might / could / would on the predicate side
    attributed: bool  # "Pentagon: ...", "..., says the minister": a report of someone's word
    cancel: bool = False  # the claim calls an announced event off ("the strike has been called off")
    tense: str | None = None  # "future" / "past" / None (unknown): a past event and a future one are two events
    years: frozenset[int] = frozenset()  # years the claim names (dates, not quantities)
    # Derived once per claim so pair scoring does no per-pair set building (linking scores a claim many times):
    topic: frozenset[str] = frozenset()  # content words that are no part of a name nor a date: what, not who
    name_words: frozenset[str] = frozenset()  # the words of the entity keys
    prefixes: frozenset[str] = frozenset()  # 5-letter prefixes of the longer content words
    wordset: frozenset[str] = frozenset()  # the words and the content words
    joined: str = ""  # the words joined, for token-set similarity
    topic_stems: frozenset[str] = frozenset()  # 4-letter prefixes of the topic words (shut / shutdown meet)

    @property
    def false_side(self) -> bool:
        """Whether the claim holds its proposition false: negated, denied, debunked, unevidenced or called off.

        A double hedge ("may or may not") holds it neither way."""
        if self.double_hedge:
            return False
        return self.negated or self.deny or self.debunk or self.no_evidence or self.cancel


_CACHE: dict[tuple[str, str | None, str], Proposition] = {}
_CACHE_MAX = 20_000  # like stance._FEATURES_MAX: memory stays flat over any corpus


def proposition(claim: Claim) -> Proposition:
    """The proposition of one claim (cached by text, cue and polarity: linking scores a claim many times)."""
    key = (claim.text, claim.cue, claim.polarity)
    hit = _CACHE.get(key)
    if hit is not None and (hit.content or not claim.lemmas):
        return hit
    prop = build(claim.text, lemmas=claim.lemmas, entities=claim.entities, polarity=claim.polarity, cue=claim.cue)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = prop
    return prop


def _numbers(words: list[str]) -> frozenset[float]:
    values: set[float] = set()
    for i, word in enumerate(words):
        m = _NUMBER.fullmatch(word)
        if m is None:
            continue
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        unit = m.group(2) or (words[i + 1] if i + 1 < len(words) else "")
        if not m.group(2) and unit not in _SCALE and 1900 <= value <= 2100:
            continue  # a year is a date, not a quantity the claim is about
        values.add(value * _SCALE.get(unit, 1.0))
    return frozenset(values)


def _years(words: list[str]) -> frozenset[int]:
    return frozenset(int(w) for w in words if w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2100)


def _tense(words: list[str], split: int) -> str | None:
    """Future when a future marker is there ("will", "plans to"), past when a past auxiliary or the predicate
    word is past ("opened"); None when the words do not say."""
    wordset = set(words)
    if wordset & _FUTURE or any(w in ("'ll", "won't") for w in words):
        return "future"
    if wordset & _PAST or (0 <= split < len(words) and words[split].endswith("ed")):
        return "past"
    return None


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """A crude stem so that surface words meet stored lemmas ("bought" does not, "sells" does)."""
    for suffix in ("ies", "ied"):
        if word.endswith(suffix) and len(word) > 4:
            return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


_RELATIVE = _words("that who which whose")
# Words that open a subordinate clause: a negation after one of them ("... so he won't turn into ...", "..., saying
# she would never ...") negates that clause, not what the claim asserts.
_PREPOSITIONS = _words("for of about by after before from upon despite")
_SUBORDINATE = _words("so because since saying when whenever unless while although though whereas lest")
_REPORTING = _words(
    "said says say claimed claims claim denied denies evidence reports report insisted insists confirmed confirms "
    "announced announces stated states told tells warned warns admitted admits added adds"
)
_BEFORE_MONTH = _words("in since of until by from early late mid last next this before after")


def _months_named(words: list[str]) -> set[str]:
    """{"may"} when "may" is the month ("in May", "May 3"), so it counts as no hedge."""
    for i, word in enumerate(words):
        if word == "may" and (
            (i > 0 and words[i - 1] in _BEFORE_MONTH) or (i + 1 < len(words) and words[i + 1][:1].isdigit())
        ):
            return {"may"}
    return set()


def _negation_in_scope(words: list[str]) -> bool:
    """A negation word that is not part of a double hedge nor of a frame that negates nothing."""
    for i, word in enumerate(words):
        if word not in NEGATIONS and not word.endswith("n't"):
            continue
        if word == "no" and i + 1 < len(words) and words[i + 1] in ("longer", "doubt"):
            continue  # "no doubt" affirms; "no longer" is a change of state, read as a value
        if word == "not" and i + 1 < len(words) and words[i + 1] in ("only", "just"):
            continue  # "not only ... but"
        if any(w in _RELATIVE for w in words[max(0, i - 4) : i]) and not any(
            w in _REPORTING for w in words[max(0, i - 6) : i]
        ):
            continue  # in a relative clause ("a panel that didn't include women"): not the claim's own scope
        if i >= 3 and any(w in _SUBORDINATE for w in words[max(1, i - 3) : i]):
            continue  # in a subordinate clause after the main one ("adopts a boy so he won't ..."): not the claim's
        if i >= 2 and words[i - 1] in _PREPOSITIONS:
            continue  # "executed for not harvesting organs": a gerund adjunct, not the claim's own predicate
        if word == "without" and i >= 3:
            continue  # "... filmed him without his knowledge": a manner adjunct, the event itself still happened
        return True
    return False


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from pipeline.linking.stance import lexicon

    return frozenset(lexicon().stop | FUNCTION_WORDS)


def build(
    text: str,
    *,
    lemmas: list[str] | tuple[str, ...] = (),
    entities: list[str] | tuple[str, ...] = (),
    polarity: str = "affirmed",
    cue: str | None = None,
) -> Proposition:
    """Read a proposition off a claim's text and stored fields."""
    from pipeline.linking.stance import cue_lemma, lexicon  # the predicate lexicon lives with stance

    low = text.casefold().replace("’", "'")
    words = [w.strip("'") for w in _WORD.findall(low)]
    words = [w for w in words if w]
    lemma_set = {lem.casefold() for lem in lemmas}
    lex = lexicon()
    stop = _stop_words()
    content = {w for w in lemma_set if w not in stop} | {
        _stem(w) for w in words if len(w) > 3 and w.isalpha() and w not in stop and w not in NEGATIONS
    }
    # The first word that is a known predicate (as a stored lemma or a stem) splits who from what.
    split = next(
        (i for i, w in enumerate(words) if (w in lex.classes or _stem(w) in lex.classes) and i > 0),
        None,
    )
    if split is None:
        verbish = ("is", "are", "was", "were", "will", "has", "have")
        split = next((i for i, w in enumerate(words) if i > 0 and (w.endswith("ed") or w in verbish)), len(words) // 2)
    subject = {_stem(w) for w in words[:split] if len(w) > 2 and w not in stop}
    objects = {_stem(w) for w in words[split + 1 :] if len(w) > 2 and w not in stop}
    wordset = set(words) - _months_named(words)
    double_hedge = bool(_DOUBLE_HEDGE.search(low))
    cue_lem = cue_lemma(cue)
    if cue and cue_lem in lex.deny and cue.casefold().split()[0] == cue_lem:
        # A denial cue in its bare form is governed by another verb: "refused to confirm or deny that P", "would
        # not deny that P". Reports say "denied" / "denies"; the bare form holds P neither way.
        double_hedge = True
    # A denial cue the extractor already turned into a negated polarity is that negation, not a second flip.
    deny = bool(wordset & FRAMES["deny"]) or (cue_lem is not None and cue_lem in lex.deny and polarity != "negated")
    # "X is 520 million, not the 300 million announced": a contrastive tail negates an alternative, not the claim.
    trimmed = _CONTRAST.sub(" ", low)
    contrast_only = trimmed != low and _negation_in_scope(words) and not _negation_in_scope(_WORD.findall(trimmed))
    # "may or may not": the extractor stores the "not" as a negated polarity; the claim holds neither way.
    negated = not contrast_only and not double_hedge and (polarity == "negated" or _negation_in_scope(words))
    debunk = bool(wordset & FRAMES["debunk"]) or bool(_DEBUNK_PHRASE.search(low))
    if debunk and _DEBUNK_NEGATED.search(low):
        # Two negatives: "insists it was not a hoax" asserts what "hoax" would deny.
        debunk = negated = deny = False
    question = text.rstrip().endswith("?")
    entity_keys = frozenset(e.casefold() for e in entities)
    name_words = frozenset(w for e in entity_keys for w in e.replace("_", " ").split())
    name_stems = {_stem(w) for w in name_words} | {w[:4] for w in name_words if len(w) >= 4}
    topic = frozenset(
        w
        for w in content
        if w not in name_words
        and w not in name_stems
        and w[:4] not in name_stems
        and w not in CALENDAR
        and not w[:1].isdigit()
    )
    return Proposition(
        words=tuple(words),
        content=frozenset(content),
        entities=entity_keys,
        subject=frozenset(subject),
        objects=frozenset(objects),
        numbers=_numbers(words),
        negated=negated,
        deny=deny and not double_hedge,
        debunk=debunk,
        hedge=bool(wordset & FRAMES["hedge"]) or question or double_hedge,
        confirm=bool(wordset & FRAMES["confirm"]) or (cue_lem is not None and cue_lem in lex.confirm),
        question=question,
        no_evidence=bool(_NO_EVIDENCE.search(low) or _NOT_AMONG.search(low)),
        double_hedge=double_hedge,
        modal=bool(wordset & {"may", "might", "could", "would"}),
        attributed=bool(_ATTRIBUTED.search(low)),
        cancel=bool(wordset & FRAMES["cancel"]) or bool(_CANCEL_PHRASE.search(low)),
        tense=_tense(words, split),
        years=_years(words),
        topic=topic,
        name_words=name_words,
        prefixes=frozenset(w[:5] for w in content if len(w) >= 4),
        wordset=frozenset(words) | frozenset(content),
        joined=" ".join(words),
        topic_stems=frozenset(w[:4] for w in topic),
    )
