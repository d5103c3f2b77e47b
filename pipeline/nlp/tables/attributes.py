"""An exact, faster stand-in for a model's AttributeRuler: single-token rules become dict lookups.

The model's `attribute_ruler` runs a Matcher of ~180 patterns over every token, yet nearly all of
them are single-token exact-value tests on TAG/LOWER/DEP/IS_SPACE, i.e. a table lookup. We compile
the ruler's own patterns (`ruler.patterns`, nothing hard-coded, so any model works) into:

- per key signature (e.g. ("LOWER", "TAG")), a dict from the token's value tuple to rule ids;
- a small Matcher holding only what a lookup cannot express (multi-token patterns, operators,
  IN/REGEX predicates, other attributes), keyed by rule id, with the rule's target index.

Precedence is AttributeRuler's: it sorts matches by rule id and calls `set_token_attrs` in that
order, each call writing only the attributes its rule names, so a later rule overrides an earlier
one attribute by attribute. All matching happens before any writing, and the attributes we accept
(POS, TAG, MORPH, LEMMA, NORM, DEP) live on the token only, so each token's final state is the
left-to-right merge of its matching rules' attrs; we compute that merge once per combination and
apply it with the same `set_token_attrs`. Rules that write lexeme-level attributes or extension
attributes would make the outcome depend on cross-token order, so they raise `Uncompilable` and
the caller keeps the original ruler.

The table is built by `initialize(patterns=ruler.patterns)` and saves those patterns with
`to_disk`/`to_bytes`, so a pipeline holding it reloads with `spacy.load` without the ruler. spaCy's
token-attribute helpers live in a private module (`spacy.tokens._retokenize`, the one AttributeRuler
itself uses): they are imported when a table is built, never at module level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, POS, TAG
from spacy.errors import Errors
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import ensure_path
from spacy.vocab import Vocab

from claims.errors import ClaimtrackError

# Matcher key → the Doc.to_array attribute whose value the lookup compares against.
LOOKUP_KEYS: dict[str, int] = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_KEY_ORDER: tuple[str, ...] = tuple(LOOKUP_KEYS)
# Token-only attributes: writing them cannot change another token's state or any match.
SAFE_ATTRS: frozenset[int] = frozenset({POS, TAG, MORPH, LEMMA, NORM, DEP})

Merged = dict[int, int]
# Token shapes (TAG, LOWER, DEP, IS_SPACE) whose rules are remembered: ~20 MB at most.
MAX_SHAPES = 100_000


class Uncompilable(ClaimtrackError):
    """The ruler holds a rule whose effect a per-token table cannot reproduce exactly."""


def _lookup_key(pattern: list[dict[Any, Any]]) -> tuple[tuple[str, ...], tuple[Any, ...]] | None:
    """(signature, values) when `pattern` is one token of exact TAG/LOWER/DEP/IS_SPACE tests, else None."""
    tests = _token_tests(pattern)
    if tests is None or any(op != "==" for op, _ in tests.values()):
        return None
    signature = tuple(k for k in _KEY_ORDER if k in tests)
    return signature, tuple(tests[k][1] for k in signature)


def _token_tests(pattern: list[dict[Any, Any]]) -> dict[str, tuple[str, Any]] | None:
    """Key → ("==" | "IN" | "NOT_IN", value) for a one-token pattern a per-token check can decide, else None.

    IN / NOT_IN only over string lists: that is how the Matcher compares them too (string hashes).
    """
    if len(pattern) != 1 or not pattern[0]:  # {} matches any token: leave it to the Matcher
        return None
    tests: dict[str, tuple[str, Any]] = {}
    for key, value in pattern[0].items():
        if not isinstance(key, str) or key.upper() not in LOOKUP_KEYS or key.upper() in tests:
            return None
        key = key.upper()
        if isinstance(value, bool if key == "IS_SPACE" else str):
            tests[key] = ("==", value)
        elif (
            key != "IS_SPACE"
            and isinstance(value, dict)
            and len(value) == 1
            and next(iter(value)) in ("IN", "NOT_IN")
            and isinstance(next(iter(value.values())), list)
            and all(isinstance(v, str) for v in next(iter(value.values())))
        ):
            op, values = next(iter(value.items()))
            tests[key] = (op, values)
        else:
            return None
    return tests


def _token_attr_helpers() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """spaCy's (normalize_token_attrs, set_token_attrs): private, so imported only when a table is built."""
    from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

    return normalize_token_attrs, set_token_attrs


class AttributeTable:
    """Applies an AttributeRuler's rules with dict lookups plus a residual Matcher (same results)."""

    def __init__(self, vocab: Vocab, patterns: Iterable[dict[str, Any]] = (), name: str = "attribute_table") -> None:
        """Compile `patterns` (AttributeRuler.patterns format); raises `Uncompilable` if not exact.

        With no patterns the table sets nothing until `initialize` or `from_disk` gives it some.
        """
        self.name = name
        self.vocab = vocab
        self.add_patterns(patterns)

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """(Re)compile the table from `patterns`, replacing any it held; `Uncompilable` if not exact."""
        patterns = [dict(p) for p in patterns]
        vocab = self.vocab
        normalize_token_attrs, self._set_token_attrs = _token_attr_helpers()
        self.patterns: list[dict[str, Any]] = patterns
        self.attrs: list[Merged] = []
        self.indices: list[int] = []
        self.matcher = Matcher(vocab)
        self._residual_rules = False
        # Set-valued one-token rules, decided once per distinct row (the row cache makes them cheap).
        self._predicates: list[tuple[int, list[tuple[int, bool, frozenset[int]]]]] = []
        tables: dict[tuple[str, ...], dict[tuple[int, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        for rule_id, rule in enumerate(patterns):
            attrs = normalize_token_attrs(vocab, dict(rule.get("attrs", {})))
            if any(not isinstance(k, int) or k not in SAFE_ATTRS for k in attrs):
                raise Uncompilable(f"rule {rule_id} sets attributes a table cannot apply exactly: {rule['attrs']}")
            self.attrs.append(attrs)
            index = int(rule.get("index", 0))
            self.indices.append(index)
            residual = []
            for pattern in rule["patterns"]:
                found = _lookup_key(pattern) if index in (0, -1) else None
                if found is None:
                    tests = _token_tests(pattern) if index in (0, -1) else None
                    if tests is None:
                        residual.append(pattern)
                    else:
                        self._predicates.append((rule_id, self._compile_tests(tests)))
                    continue
                signature, values = found
                tables[signature][tuple(self._hash(v) for v in values)].append(rule_id)
            if residual:
                self.matcher.add(str(rule_id), residual)
                self._residual_rules = True
        self._signatures = [
            (tuple(_KEY_ORDER.index(k) for k in sig), {vals: tuple(ids) for vals, ids in table.items()})
            for sig, table in tables.items()
        ]
        self._columns: list[int | str] = [LOOKUP_KEYS[k] for k in _KEY_ORDER]  # the type Doc.to_array takes
        self._by_row: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], Merged] = {}

    def _hash(self, value: str | bool) -> int:
        """Values as `Doc.to_array` reports them: string hashes, and 0/1 for flags."""
        if isinstance(value, bool):
            return int(value)
        return self.vocab.strings.add(value)

    def _compile_tests(self, tests: dict[str, tuple[str, Any]]) -> list[tuple[int, bool, frozenset[int]]]:
        """(row position, must be in?, hashes) per key: "==" and IN are membership, NOT_IN its negation."""
        compiled = []
        for key, (op, value) in tests.items():
            values = [value] if op == "==" else value
            compiled.append((_KEY_ORDER.index(key), op != "NOT_IN", frozenset(self._hash(v) for v in values)))
        return compiled

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler, name: str = "attribute_table") -> AttributeTable:
        """A table equivalent to `ruler` (sharing its vocab)."""
        return cls(ruler.vocab, ruler.patterns, name=name)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Build the table from an AttributeRuler's `patterns` (`nlp.initialize` passes them from config)."""
        if patterns is not None:
            self.add_patterns(patterns)

    # -- serialisation: the patterns are the table's whole state -------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The patterns as msgpack (the compiled lookups are rebuilt on load)."""
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> AttributeTable:
        """Recompile from `to_bytes` output."""
        self.add_patterns(srsly.msgpack_loads(data)["patterns"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the patterns to `path/patterns.msg`."""
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(folder / "patterns.msg", {"patterns": self.patterns})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AttributeTable:
        """Load and recompile the patterns saved by `to_disk`."""
        self.add_patterns(srsly.read_msgpack(ensure_path(path) / "patterns.msg")["patterns"])
        return self

    def _rules_for_row(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """Ids of the lookup rules matching a token with these (TAG, LOWER, DEP, IS_SPACE) values."""
        ids: list[int] = []
        for positions, table in self._signatures:
            hit = table.get(tuple(row[p] for p in positions))
            if hit:
                ids.extend(hit)
        for rule_id, tests in self._predicates:
            for p, inside, values in tests:  # a plain loop: this runs for every new token shape
                if (row[p] in values) != inside:
                    break
            else:
                ids.append(rule_id)
        return tuple(sorted(set(ids)))

    def _merge(self, rule_ids: tuple[int, ...]) -> Merged:
        """Attrs left after applying the rules in id order (later rules win attribute by attribute)."""
        merged = self._merged.get(rule_ids)
        if merged is None:
            merged = {}
            for rule_id in rule_ids:
                merged.update(self.attrs[rule_id])
            self._merged[rule_ids] = merged
        return merged

    def _residual(self, doc: Doc) -> dict[int, set[int]]:
        """Token index → rule ids from the residual Matcher (targets resolved like `span[index]`)."""
        extra: dict[int, set[int]] = defaultdict(set)
        if not self._residual_rules:
            return extra
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule_id = int(self.vocab.strings[match_id])
            index = self.indices[rule_id]
            length = end - start
            if not -length <= index < length:
                raise ValueError(
                    Errors.E1001.format(
                        patterns=self.matcher.get(match_id), span=[t.text for t in doc[start:end]], index=index
                    )
                )
            extra[start + index if index >= 0 else end + index].add(rule_id)
        return extra

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on every token, as the original component would."""
        rows = doc.to_array(self._columns).tolist() if len(doc) else []
        extra = self._residual(doc)
        by_row = self._by_row
        set_token_attrs = self._set_token_attrs
        for i, row in enumerate(rows):
            key = tuple(row)
            rule_ids = by_row.get(key)
            if rule_ids is None:
                if len(by_row) >= MAX_SHAPES:
                    by_row.clear()  # memory stays flat over any corpus; a shape's rules are cheap to find again
                rule_ids = by_row[key] = self._rules_for_row(key)
            if i in extra:
                rule_ids = tuple(sorted(set(rule_ids) | extra[i]))
            if rule_ids:
                set_token_attrs(doc[i], self._merge(rule_ids))
        return doc
