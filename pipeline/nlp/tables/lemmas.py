"""An exact, faster stand-in for a model's rule-mode Lemmatizer: one rule call per distinct token key.

spaCy's rule lemmatizer runs Python per token: it checks `token.lemma`, builds a cache key, and for the
many base forms (singular nouns, infinitives, positive adjectives) calls `is_base_form`, which turns the
morphology into a dict every time because that early return bypasses the lemmatizer's own cache. Yet
what it computes is a pure function of a few token attributes. Reading the source
(spacy/pipeline/lemmatizer.py `__call__` / `rule_lemmatize`, spacy/lang/en/lemmatizer.py `is_base_form`):

- `__call__` skips a token whose `lemma` is already set unless `overwrite`; otherwise the lemma is
  `rule_lemmatize(token)[0]`;
- `rule_lemmatize` reads `token.text` (a function of ORTH), `token.pos` and `token.morph`, plus the
  lookup tables, which do not change while it runs (its own cache is keyed by exactly these three);
- the English `is_base_form` reads only `token.pos_` and `token.morph`.

So the key is (ORTH, POS, MORPH), with an already-set LEMMA as a gate rather than part of the key, and
we read all of it for the whole doc with one `Doc.to_array` call. Each new key is sent once to a spaCy
`EnglishLemmatizer` holding the model's own tables (the result is its result, not a reimplementation),
and all lemmas are written back with one `Doc.from_array`.

Why a component of our own rather than a wrapper around the model's pipe object: a pipeline must save
and reload (`nlp.to_disk`, `spacy.load`). The state is the lookup tables, which `to_disk` writes as the
stock lemmatizer does (`lookups/lookups.bin`) and `from_disk` reads back; the memo is a cache and is
not saved. `build.py` swaps the model's lemmatizer for this one only when it is exactly an audited class
in rule mode (`check_wrappable`); anything else raises `Unwrappable` and the original stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import ensure_path
from spacy.vocab import Vocab

from claims.errors import ClaimtrackError

# Lemmatizer classes whose per-token inputs are exactly (ORTH, POS, MORPH): audited against their source.
KNOWN_LEMMATIZERS: tuple[type[Lemmatizer], ...] = (EnglishLemmatizer,)
# ~200 bytes per entry: 50k keys is ~10 MB, more distinct keys than a few thousand news articles produce.
DEFAULT_MAX_KEYS = 50_000
_COLUMNS: list[int | str] = [ORTH, POS, MORPH, LEMMA]


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


def _fast_lookups(lookups: Lookups) -> Lookups:
    """The same tables, with the lemma index's word lists as sets: `rule_lemmatize` only asks `form in index`.

    The lists hold thousands of words per part of speech, so each new word's rules cost a linear
    search per candidate form (~0.1 ms a word); a set answers the same question at once. A copy,
    so the tables we save stay the lists the stock lemmatizer saves (msgpack has no sets).
    """
    fast = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict(
                {pos: frozenset(words) if isinstance(words, list) else words for pos, words in table.items()},
                name=name,
            )
        fast.set_table(name, table)
    return fast


class LemmaTable:
    """Sets every token's lemma as the model's rule Lemmatizer would, asking the rules once per token key."""

    def __init__(
        self, vocab: Vocab, name: str = "lemma_table", *, overwrite: bool = False, max_keys: int = DEFAULT_MAX_KEYS
    ) -> None:
        """An empty table; `initialize(lookups=model_lemmatizer.lookups)` or `from_disk` gives it its tables."""
        self.name = name
        self.vocab = vocab
        self.overwrite = overwrite
        self.max_keys = max_keys
        self.lookups = Lookups()  # what is saved: the model's tables as they came
        self.lemmatizer = EnglishLemmatizer(vocab, None, name=name, mode="rule", overwrite=overwrite)
        # (ORTH, POS, MORPH) → lemma hash. Hashes, not strings: the write-back is one from_array.
        self.memo: dict[tuple[int, int, int], int] = {}

    @classmethod
    def wrapping(
        cls, lemmatizer: Lemmatizer, name: str = "lemma_table", max_keys: int = DEFAULT_MAX_KEYS
    ) -> LemmaTable:
        """A table giving `lemmatizer`'s lemmas (checked by `check_wrappable`), sharing its vocab and tables."""
        model = check_wrappable(lemmatizer)
        table = cls(model.vocab, name, overwrite=model.overwrite, max_keys=max_keys)
        table.initialize(lookups=model.lookups)
        return table

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        lookups: Lookups | None = None,
    ) -> None:
        """Take the model lemmatizer's `lookups` (`build.py` passes them); forget what was memoised."""
        if lookups is not None:
            self._set_lookups(lookups)

    def _set_lookups(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.lemmatizer.lookups = _fast_lookups(lookups)
        self.lemmatizer._validated = False
        self.lemmatizer.cache.clear()
        self.memo.clear()

    # -- serialisation: the lookup tables are the whole state; the memo is a cache ---------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The lookup tables, as `Lookups.to_bytes` writes them."""
        return self.lookups.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LemmaTable:
        """Tables from `to_bytes` output."""
        self._set_lookups(Lookups().from_bytes(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the tables to `path/lookups/lookups.bin`, where the stock lemmatizer saves them."""
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.lookups.to_disk(folder / "lookups")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LemmaTable:
        """Load the tables saved by `to_disk` (or by the stock lemmatizer)."""
        self._set_lookups(Lookups().from_disk(ensure_path(path) / "lookups"))
        return self

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        """Forwarded so `nlp.set_error_handler` reaches us as it reaches the stock pipe."""
        self.lemmatizer.set_error_handler(error_handler)

    def get_error_handler(self) -> Callable[..., Any]:
        """The inner lemmatizer's handler (re-raise unless the pipeline set another)."""
        return self.lemmatizer.get_error_handler()

    def __call__(self, doc: Doc) -> Doc:
        """Lemmatize `doc` exactly as the stock component would."""
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)  # same error as the original on missing tables
        if getattr(self.vocab, "in_memory_zone", False):  # not in spaCy's type stubs
            # Inside a memory zone new strings are dropped on exit, so memoised hashes could outlive their
            # strings; let the stock code run (it re-adds the lemma string for every token).
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
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:
                continue  # the original keeps a lemma already set (e.g. by the attribute table)
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = self._miss(doc, i, key)
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # a uint64 column, as to_array gave it
        return doc

    def _miss(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """Ask the rules for token `i`'s lemma; keep memory flat by starting over when the memo is full."""
        if len(self.memo) >= self.max_keys:
            self.memo.clear()
            # The inner lemmatizer memoises its full-path results too, and only sees our misses: bound it alike.
            self.lemmatizer.cache.clear()
        lemma = self.vocab.strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
        self.memo[key] = lemma
        return lemma
