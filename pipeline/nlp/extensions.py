"""The facts our components attach to spans: one small frozen object per span group.

- `span._.attribution` (`AttributionFacts`) on `doc.spans["attributions"]`, by `ct_attribution`;
- `span._.claim` (`ClaimFacts`) on `doc.spans["claims"]`, by `ct_claims`;
- `span._.date` (`DateFacts`) on `doc.spans["dates"]`, by `ct_temporal`.

One extension per group, not one per fact, for two reasons. spaCy keys a span
extension's value by (name, start_char, end_char) only, so two groups that used
the same names (`claimant`, `quote`, `cue`) overwrote each other whenever a claim
covered exactly the characters of its attribution; distinct names per group
cannot collide. And a frozen object is read once and passed around whole,
instead of thirty loose attributes each rebuilding an `Underscore` on access.

The values are stored in `doc.user_data` as plain dicts under spaCy's own key
scheme, so `Doc.to_bytes` (used by `nlp.pipe(n_process=N)`) and pickling keep
them; the getter turns the dict back into the frozen object.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypeVar, cast

from spacy.tokens import Doc, Span

from claims.dates import PartialDate

__all__ = ["AttributionFacts", "ClaimFacts", "DateFacts", "register_extensions"]

F = TypeVar("F", bound="_Facts")


def _tuples(value: Any) -> Any:
    """Lists back to tuples (msgpack turns tuples into lists), recursively."""
    if isinstance(value, list | tuple):
        return tuple(_tuples(v) for v in value)
    return value


class _Facts:
    """Storage of a frozen dataclass as a dict in `doc.user_data`."""

    __slots__ = ()
    extension: ClassVar[str]

    def to_stored(self) -> dict[str, Any]:
        """A msgpack-friendly dict of the fields."""
        return {name: getattr(self, name) for name in _field_names(type(self))}

    @classmethod
    def from_stored(cls: type[F], raw: dict[str, Any]) -> F:
        """The object back from `to_stored`'s dict (after a msgpack round trip too).

        Spans are read far more often than written (every `span._.claim` read
        decodes), so only lists (a msgpack round trip, which turns every level
        into a list) are rebuilt; what `to_stored` wrote passes through as is.
        """
        return cls(**{k: _tuples(v) if type(v) is list else v for k, v in raw.items()})


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The dataclass's field names, looked up once per class (`dataclasses.fields` rebuilds a tuple per call)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@dataclass(frozen=True, slots=True)
class AttributionFacts(_Facts):
    """Who said the span's content, and how it was framed.

    `claimant` is the resolved speaker; None means the resolver could not name one
    (and nobody else, not the outlet either, is credited with it).
    """

    extension: ClassVar[str] = "attribution"

    cue: str  # the cue as written: "said", "did not deny", "according to", ":" (a transcript label)
    cue_i: int  # token index of the cue
    quote: str  # "direct" | "reported"
    source_text: str | None  # the source mention as written ("the company's chief, Jo Roe")
    source_span: tuple[int, int] | None  # its character offsets
    claimant: str | None
    claimant_role: str | None
    claimant_kind: str | None  # "person" | "org" | "group" | "other"; None when unresolved
    exclude: tuple[tuple[int, int], ...] = ()  # token ranges inside the span that are frame, not content
    speech_act: bool = False  # "praised X as Y": the claim text keeps the verb
    via: str | None = None  # the document the content was found in ("tax documents"), see speakers.refine

    @property
    def resolved(self) -> bool:
        """A speaker was named."""
        return self.claimant is not None


@dataclass(frozen=True, slots=True)
class ClaimFacts(_Facts):
    """A claim's text and facts, as `doc_to_claims` turns them into a `Claim`.

    `claimant` is None for an attributed claim whose speaker was not resolved
    (`unresolved` is then True and `source_text` says how the text named them);
    the author's own sentences are the outlet's (or author's) claims.
    """

    extension: ClassVar[str] = "claim"

    text: str
    claimant: str | None
    claimant_role: str | None
    claim_date: str | None
    polarity: str  # "affirmed" | "negated" | ...
    quote: str  # "direct" | "reported" | "none" (the author's own sentence)
    checkworthiness: float
    cue: str | None = None
    cue_i: int | None = None
    source_text: str | None = None
    source_span: tuple[int, int] | None = None
    unresolved: bool = False
    via: str | None = None  # the document the claim was found in, not a speaker (speakers.refine)
    event_dates: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateFacts(_Facts):
    """A temporal expression's resolved value (`value` None: no calendar value)."""

    extension: ClassVar[str] = "date"

    type: str | None  # TimeML type: "DATE" | "TIME" | "DURATION" | "SET"
    value: str | None  # ISO-like value a `PartialDate` reads ("2023-09", "2021-Q4")
    modifier: str | None = None  # "before" | "after" | "approx" | "start" | "mid" | "end"
    vague: bool = False
    anchor: str | None = None  # what a relative value counts from: "publication date" or the anchoring text

    @property
    def partial_date(self) -> PartialDate | None:
        """The value as a `PartialDate`, or None."""
        return PartialDate(self.value, self.modifier) if self.value else None


def _user_data(span: Span) -> dict[Any, Any]:
    # spaCy's stub types user_data as dict[str, Any], but spaCy itself keys extensions by tuples there.
    return cast("dict[Any, Any]", span.doc.user_data)


def _accessors(cls: type[_Facts]) -> tuple[Any, Any]:
    name = cls.extension

    def get(span: Span) -> Any:
        raw = _user_data(span).get(("._.", name, span.start_char, span.end_char))
        if raw is None or isinstance(raw, cls):
            return raw
        return cls.from_stored(raw)

    def set_(span: Span, value: Any) -> None:
        if value is not None and not isinstance(value, cls):
            raise TypeError(f"span._.{name} takes a {cls.__name__}, not {type(value).__name__}")
        key = ("._.", name, span.start_char, span.end_char)
        _user_data(span)[key] = value.to_stored() if value is not None else None

    return get, set_


def register_extensions() -> None:
    """Register the span and doc extensions our components write (idempotent)."""
    for cls in (AttributionFacts, ClaimFacts, DateFacts):
        if not Span.has_extension(cls.extension):
            get, set_ = _accessors(cls)
            Span.set_extension(cls.extension, getter=get, setter=set_)
    # Document facts: metadata set before the pipeline (`make_doc`) and what ct_sentences/ct_temporal find.
    for name in ("published", "outlet", "author", "title", "source_id", "datelines", "backdated"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
