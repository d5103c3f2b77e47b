"""An exact, faster stand-in for a model's rule-mode Lemmatizer: one original call per distinct token key.

spaCy's rule lemmatizer runs Python per token: it checks `token.lemma`, builds a cache key, and for the
many base forms (singular nouns, infinitives, positive adjectives) calls `is_base_form`, which turns the
morphology into a dict every time because that early return bypasses the lemmatizer's own cache. Yet
what it computes is a pure function of a few token attributes. Reading the source
(spacy/pipeline/lemmatizer.py `__call__` / `rule_lemmatize`, spacy/lang/en/lemmatizer.py `is_base_form`):

- `__call__` skips a token whose `lemma` is already set unless `overwrite`; otherwise the lemma is
  `rule_lemmatize(token)[0]`;
- `rule_lemmatize` reads `token.text` (a function of ORTH), `token.pos` and `token.morph`, plus the
  component's lookup tables, which do not change while it runs;
- the English `is_base_form` reads only `token.pos_` and `token.morph`.

So the key is (ORTH, POS, MORPH), with an already-set LEMMA as a gate rather than part of the key, and
we read all of it for the whole doc with one `Doc.to_array` call. Each new key is sent once to the
wrapped model Lemmatizer's own `lemmatize` (the result is its result, not a reimplementation), and all
lemmas are written back with one `Doc.from_array`. Only known classes are wrapped (`KNOWN_LEMMATIZERS`,
compared exactly: a subclass may read other attributes), in rule mode; anything else raises
`Unwrappable` and the caller keeps the original.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from claims.errors import ClaimtrackError

# Lemmatizer classes whose per-token inputs are exactly (ORTH, POS, MORPH): audited against their source.
KNOWN_LEMMATIZERS: tuple[type[Lemmatizer], ...] = (EnglishLemmatizer,)
# ~200 bytes per entry: 50k keys is ~10 MB, more distinct keys than a few thousand news articles produce.
DEFAULT_MAX_KEYS = 50_000
_COLUMNS = [ORTH, POS, MORPH, LEMMA]


class Unwrappable(ClaimtrackError):
    """The pipe is not a lemmatizer whose result we know to be a function of (ORTH, POS, MORPH)."""


def check_wrappable(lemmatizer: object) -> Lemmatizer:
    """`lemmatizer` if memoising it per (ORTH, POS, MORPH) is exact, else raise `Unwrappable`."""
    if type(lemmatizer) not in KNOWN_LEMMATIZERS:
        raise Unwrappable(f"not a known lemmatizer class: {type(lemmatizer).__name__}")
    assert isinstance(lemmatizer, Lemmatizer)
    if lemmatizer.mode != "rule":
        raise Unwrappable(f"lemmatizer mode {lemmatizer.mode!r} is not 'rule'")
    # Someone may have rebound `lemmatize` or patched the class; then the audit above no longer holds.
    bound = getattr(lemmatizer.lemmatize, "__func__", None)
    if bound is not Lemmatizer.rule_lemmatize or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:
        raise Unwrappable("lemmatizer's rule_lemmatize is not spaCy's own")
    return lemmatizer


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Turn the lemma index's word lists into sets, in place: `rule_lemmatize` only asks `form in index`.

    The lists hold thousands of words per part of speech, so each new word's rules cost a
    linear search per candidate form (~0.1 ms a word); a set answers the same question at once.
    """
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos in list(table.keys()):
        words = table[pos]
        if isinstance(words, list):
            table[pos] = frozenset(words)


class LemmaTable:
    """Sets every token's lemma as the wrapped Lemmatizer would, asking it once per distinct token key."""

    def __init__(self, lemmatizer: Lemmatizer, name: str = "lemma_table", max_keys: int = DEFAULT_MAX_KEYS) -> None:
        """Wrap `lemmatizer` (checked by `check_wrappable`); keep at most `max_keys` memoised lemmas."""
        self.lemmatizer = check_wrappable(lemmatizer)
        self.name = name
        self.vocab = lemmatizer.vocab
        self.max_keys = max_keys
        # (ORTH, POS, MORPH) → lemma hash. Hashes, not strings: the write-back is one from_array.
        self.memo: dict[tuple[int, int, int], int] = {}
        _index_as_sets(lemmatizer)

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        """Forwarded so `nlp.set_error_handler` reaches us as it reached the original pipe."""
        self.lemmatizer.set_error_handler(error_handler)

    def get_error_handler(self) -> Callable[..., Any]:
        """The wrapped lemmatizer's handler (re-raise unless the pipeline set another)."""
        return self.lemmatizer.get_error_handler()

    def __call__(self, doc: Doc) -> Doc:
        """Lemmatize `doc` exactly as the wrapped component would."""
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)  # same error as the original on missing tables
        if self.vocab.in_memory_zone:
            # Inside a memory zone new strings are dropped on exit, so memoised hashes could outlive their
            # strings; let the original run (it re-adds the lemma string for every token).
            return lemmatizer(doc)
        try:
            return self._lemmatize(doc)
        except Exception as exc:
            self.get_error_handler()(self.name, self, [doc], exc)
            return doc

    def _lemmatize(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = doc.to_array(_COLUMNS)
        lemmas = array[:, 3]
        memo = self.memo
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:
                continue  # the original keeps a lemma already set (e.g. by the attribute ruler)
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = self._miss(doc, i, key)
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc

    def _miss(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """Ask the original for token `i`'s lemma; keep memory flat by starting over when the memo is full."""
        if len(self.memo) >= self.max_keys:
            self.memo.clear()
            # The original memoises its full-path results too, and only sees our misses: bound it alike.
            self.lemmatizer.cache.clear()
        lemma = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        self.memo[key] = lemma
        return lemma


@Language.factory(
    "ct_lemma_table",
    assigns=["token.lemma"],
    # No `requires`: the model's lemmatizer declares none either, and we stand in for it as-is.
    default_config={"source": "lemmatizer", "max_keys": DEFAULT_MAX_KEYS},
)
def make_lemma_table(nlp: Language, name: str, source: str, max_keys: int) -> LemmaTable:
    """Wrap the pipeline's Lemmatizer `source` (must already be in `nlp`); `Unwrappable` if not exact."""
    return LemmaTable(nlp.get_pipe(source), name=name, max_keys=max_keys)
