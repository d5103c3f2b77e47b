"""Resolve who is speaking: a source mention → the fullest name in the document, plus a role.

Claims are only useful if the claimant is the same string wherever that
person or body speaks, so a surname becomes the longest name with that surname
in the document, an appositive ("the new foreign minister, Jane Roe") yields
the name and keeps the rest as the role, pronouns go to the last compatible
speaker, and definite descriptions ("the company", "the ministry") go to the
last organisation whose name contains that noun. One `ClaimantResolver` is
built per document and walked in reading order by the attribution component.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import load
from pipeline.nlp.attribution.names import fullest_form, modifies, name_forms
from pipeline.nlp.context.document import REPORTING_LEMMAS, context_of
from pipeline.nlp.entities import country_name, country_of

PERSON_PRONOUNS: frozenset[str] = load("person_pronouns")
THING_PRONOUNS: frozenset[str] = load("thing_pronouns")
GROUP_PRONOUNS: frozenset[str] = load("group_pronouns")
SELF_PRONOUNS: frozenset[str] = load("self_pronouns")
# Adjectives of time in a title describe when, not who: "the new minister" is "minister".
TRANSIENT_TITLE_WORDS: frozenset[str] = load("transient_title_words")
DROP_DEPS = {"det", "punct", "appos", "relcl", "acl", "cc", "prep"}
ANAPHORIC_DETS = {"such", "this", "that", "the", "said", "same"}
ORG_LABELS = {"ORG"}
# Last words of organisation names; the small model often tags such names as PERSON.
ORG_SUFFIXES: frozenset[str] = load("org_suffixes")
# Common nouns that name an organisation: "the company said" is the last organisation speaking.
ORG_KINDS: frozenset[str] = load("org_kinds")
GROUP_LABELS = {"NORP", "GPE"}
# How many sentences back "he said" may reach for a speaker before falling back to any mention.
SPEAKER_REACH = 4


@dataclass
class Speaker:
    """A resolved claimant as remembered for pronouns."""

    name: str
    kind: str  # "person" | "org" | "group" | "other"
    role: str | None
    position: int  # token index of the mention
    sent_index: int = 0


@dataclass
class Resolution:
    """What a source mention resolves to."""

    name: str | None
    role: str | None = None
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    via: str | None = None  # the document the claim was found in ("tax documents"), see speakers.refine


def _org_shaped(ent: Span) -> bool:
    """A "PERSON" whose last word names a kind of body ("Acme Shipyards") is an organisation the tagger missed."""
    return ent[-1].lower_ in ORG_SUFFIXES


def _person_shaped(ent: Span) -> bool:
    """Two or three capitalised proper nouns and no organisation suffix: it could be a person's name."""
    words = [t for t in ent if t.dep_ != "det"]
    return 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in words) and not _org_shaped(ent)


def _clean(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip(" ,;:\n")
    return " ".join(text.split())


def _strip_det(span: Span | list[Token]) -> list[Token]:
    tokens = list(span)
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or tokens[0].is_space):
        if tokens[0].dep_ == "det" and tokens[0].lower_ not in {"the", "a", "an", "this", "that", "these", "those"}:
            break
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


class ClaimantResolver:
    """Per-document memory of names, roles and speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.speakers: list[Speaker] = []
        self.roles: dict[str, str] = {}
        # doc.ents builds new spans on every access: read it once. A dateline's place is not a speaker.
        datelines = doc._.datelines if Doc.has_extension("datelines") else None
        self.ents = [e for e in doc.ents if not any(lo <= e.start < hi for lo, hi in datelines or [])]
        self.persons = [e for e in self.ents if e.label_ == "PERSON" and not _org_shaped(e)]
        self.orgs = [e for e in self.ents if e.label_ in ORG_LABELS or (e.label_ == "PERSON" and _org_shaped(e))]
        # The small model tags one person's name inconsistently ("councillor Jo Roe" ORG, later "Roe" PERSON):
        # a short all-name ORG ending in a person's surname from elsewhere in the document is that person.
        surnames = {e[-1].lower_ for e in self.persons}
        misread = [e for e in self.orgs if _person_shaped(e) and e[-1].lower_ in surnames]
        if misread:
            self.orgs = [e for e in self.orgs if e not in misread]
            self.persons = sorted([*self.persons, *misread], key=lambda e: e.start)
        places = [e for e in self._speaking_places() if e not in self.persons]
        if places:
            self.persons = sorted([*self.persons, *places], key=lambda e: e.start)
            self.orgs = [e for e in self.orgs if e not in places]
        self.groups = [e for e in self.ents if e.label_ in GROUP_LABELS and e not in places]
        self._person_words = name_forms(self.persons, context_of(doc).quote_regions)
        self._fullest: dict[str, str] = {}
        # the sentence list is built once per doc and shared with the temporal and claim steps
        self._sent_starts = context_of(doc).sent_starts if doc.has_annotation("SENT_START") else [0]
        self._learn_titles()

    def _speaking_places(self) -> list[Span]:
        """Person names the small model tagged as places ("Rebecca Halden" GPE), with their surname mentions.

        A two- or three-word title-case "place" that is no country, whose last
        word also stands alone as the subject of a reporting verb ("Halden
        said"), is how reporting introduces a person and then quotes them by
        surname; a real place is not written that way ("Port Essery" is never
        "Essery said"). Both the full name and the lone surname become persons.
        """
        speaking = {
            t.lower_
            for t in self.doc
            if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.lemma_ in REPORTING_LEMMAS
            and not any(c.dep_ == "compound" for c in t.children)
        }  # fmt: skip
        if not speaking:
            return []
        full = [
            e for e in self.ents
            if e.label_ in GROUP_LABELS | ORG_LABELS and _person_shaped(e) and e[-1].lower_ in speaking
            and not country_of(e.text)
        ]  # fmt: skip
        surnames = {e[-1].lower_ for e in full}
        alone = [
            e for e in self.ents if e.label_ in GROUP_LABELS | ORG_LABELS and len(e) == 1 and e[0].lower_ in surnames
        ]  # fmt: skip
        return full + alone

    # -- learning from the whole document -------------------------------------------
    def _learn_titles(self) -> None:
        """Roles written before a name or in apposition anywhere in the document."""
        for ent in self.persons:
            full = self.fullest(ent.text)
            before = self._title_before(ent)
            party = before is not None and all(t.ent_type_ == "NORP" for t in self.doc[ent.start - 1 : ent.start])
            role = (self._appositive_role(ent) or before) if party else (before or self._appositive_role(ent))
            if role and full not in self.roles:
                self.roles[full] = role

    def _title_before(self, ent: Span) -> str | None:
        tokens: list[Token] = []
        i = ent.start - 1
        while i >= 0:
            tok = self.doc[i]
            if tok.ent_type_ == "PERSON" or tok.is_punct or tok.is_space or tok.dep_ == "det" or tok.tag_ == "POS":
                break
            if tok.head.i <= tok.i or tok.head.i >= ent.end or tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                break
            tokens.insert(0, tok)
            i -= 1
        tokens = [t for t in tokens if t.lower_ not in TRANSIENT_TITLE_WORDS]
        return _clean(tokens) or None

    def _appositive_role(self, ent: Span) -> str | None:
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} and root.head.ent_type_ != "PERSON":
            return self._description(root.head)
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                return self._description(child)
        return None

    def _description(self, head: Token) -> str | None:
        """The noun phrase of `head` without determiner, appositive, clauses and time adjectives."""
        skip: set[int] = set()
        for child in head.children:
            # "the company's spokesman" is a "spokesman": a common-noun or pronoun possessor only points back
            anaphoric_poss = child.dep_ == "poss" and child.pos_ in {"NOUN", "PRON"}
            if child.dep_ in DROP_DEPS or child.lower_ in TRANSIENT_TITLE_WORDS or anaphoric_poss:
                skip.update(t.i for t in child.subtree)
        tokens = [t for t in head.subtree if t.i not in skip and t.ent_type_ != "PERSON"]
        return _clean(tokens) or None

    def fullest(self, name: str) -> str:
        """The full PERSON name in the document with all of `name`'s words ("Vidal" → "Tomas Arrieta Vidal")."""
        if name in self._fullest:
            return self._fullest[name]
        best = fullest_form(name, self._person_words)
        self._fullest[name] = best
        return best

    def ents_in(self, span: Span) -> list[Span]:
        """Entities inside `span` (Span.ents, like Doc.ents, is rebuilt on each access)."""
        return [e for e in self.ents if e.start >= span.start and e.end <= span.end]

    # -- resolving one source mention ------------------------------------------------
    def _sent_no(self, i: int) -> int:
        return bisect_right(self._sent_starts, i) - 1

    def note(self, res: Resolution, position: int) -> None:
        """Remember a resolved speaker, for later pronouns."""
        if res.name:
            self.speakers.append(Speaker(res.name, res.kind, res.role, position, self._sent_no(position)))

    def last_speaker(self, position: int, kinds: set[str]) -> Speaker | None:
        here = self._sent_no(position)
        for sp in reversed(self.speakers):
            if sp.position < position and sp.kind in kinds and here - sp.sent_index <= SPEAKER_REACH:
                return sp
        return None

    def resolve(self, source: Span | None, position: int) -> Resolution:
        """Resolve the source mention of a cue at token `position`."""
        if source is None or len(source) == 0:
            sp = self.last_speaker(position, {"person", "org", "group", "other"})
            return Resolution(sp.name, sp.role, sp.kind) if sp else Resolution(None)
        if all(t.is_upper or t.is_punct for t in source):  # a transcript label: "PENCE"
            return Resolution(self.fullest(source.text.title()), None, "person")
        root = source.root
        if root.pos_ == "PRON" or root.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(root, position)
        by_role = self._by_role(source)
        if by_role is not None:
            return by_role
        person = self._person_in(source)
        if person is not None:
            name = self.fullest(person.text)
            role = self._appositive_role(person) or self._title_in(source, person) or self.roles.get(name)
            return Resolution(name, role, "person", [person.text])
        ents = self.ents_in(source)
        bare = _clean(_strip_det(source))
        if len(bare.split()) <= 2 and self.fullest(bare) != bare:  # a surname the tagger took for a company
            name = self.fullest(bare)
            return Resolution(name, self.roles.get(name), "person", [bare])
        for ent in ents:
            named = ent.root.dep_ == "appos" and ent.root.head.i == root.i and root.pos_ == "NOUN"
            if named and root.lower_ not in ORG_KINDS and _person_shaped(ent):
                # "the firm's finance director, Jo Roe" with the name tagged ORG: a person in a role
                name = self.fullest(_clean(_strip_det(ent)))
                return Resolution(name, self._description(root), "person", [ent.text])
        for ent in ents:
            if ent.label_ in ORG_LABELS or _org_shaped(ent):
                if root.lower_ in ORG_KINDS and ent.end <= root.i and any(modifies(t, root) for t in ent):
                    # "the Port Foo harbour authority": the name modifies the body that speaks
                    return Resolution(_clean(_strip_det(self.doc[source.start : root.i + 1])), None, "org")
                return Resolution(_clean(_strip_det(ent)), None, "org")
        for ent in ents:
            if ent.label_ in GROUP_LABELS and len(ent) >= len(source) - 1:
                return Resolution(self._country_as_written(ent), None, "group")
        return self._description_of(source, position)

    def _by_role(self, source: Span) -> Resolution | None:
        """ "the Chilean transport minister" → the person the document introduced with that role."""
        words = [t.lower_ for t in _strip_det(source) if t.lower_ not in TRANSIENT_TITLE_WORDS]
        if not words or any(t.ent_type_ == "PERSON" for t in source):
            return None
        text = " ".join(words)
        if len(words) == 1:
            # "the Democrat": a one-word title resolves only when "the" points back and one person holds it
            if source[0].lower_ != "the":
                return None
            holders = {name for name, role in self.roles.items() if role.lower() == text}
            if len(holders) == 1:
                name = holders.pop()
                return Resolution(name, self.roles[name], "person")
            return None
        for name, role in reversed(list(self.roles.items())):
            if role.lower() == text or (len(text) > 8 and text in role.lower()):
                return Resolution(name, role, "person")
        return None

    def _country_as_written(self, ent: Span) -> str:
        """A people or country as the country's name, as this document spells it ("the Chileans" → "Chile")."""
        plain = _clean(_strip_det(ent))
        iso3 = country_of(plain)
        if not iso3:
            return plain
        for other in self.groups:
            if other.label_ == "GPE" and country_of(other.text) == iso3 and len(other.text) >= len(plain):
                return _clean(_strip_det(other))
        return plain if ent.label_ == "GPE" else country_name(iso3).title()

    def _person_in(self, source: Span) -> Span | None:
        persons = [e for e in self.persons if e.start >= source.start and e.end <= source.end]
        if not persons:
            return None
        for ent in persons:  # "A Ferris spokesman, Lyle Batchelder": the name in apposition is who speaks
            if ent.root.dep_ == "appos" and ent.root.head.i == source.root.i:
                return ent
        for ent in persons:  # the one the phrase is about, not one in a "his"-phrase
            if ent.root.i == source.root.i or ent.root.head.i == source.root.i:
                return ent
        return persons[0]

    def _title_in(self, source: Span, person: Span) -> str | None:
        tokens = [t for t in source if t.i < person.start and t.dep_ != "det" and not t.is_punct]
        tokens = [t for t in tokens if t.lower_ not in TRANSIENT_TITLE_WORDS and t.tag_ != "POS"]
        return _clean(tokens) or None

    def _pronoun(self, root: Token, position: int) -> Resolution:
        lower = root.lower_
        if lower in SELF_PRONOUNS:
            return Resolution(None)
        if lower in PERSON_PRONOUNS:
            ctx = context_of(self.doc)
            sent = ctx.sent_of(root.i)  # Token.sent rescans the document each time
            # a name inside quoted or reported words is who a speaker talks about, not who "she" is
            mentions = [
                e for e in self.persons if sent.start <= e.start and e.end <= root.i and not ctx.is_content(e)
            ]
            if mentions:
                name = self.fullest(mentions[-1].text)
                return Resolution(name, self.roles.get(name), "person")
            sp = self.last_speaker(position, {"person"})
            if sp:
                return Resolution(sp.name, sp.role, "person")
            before = [e for e in self.persons if e.end <= root.i]
            if before:
                name = self.fullest(before[-1].text)
                return Resolution(name, self.roles.get(name), "person")
            return Resolution(None)
        kinds = {"org"} if lower in THING_PRONOUNS else {"org", "group"}
        sp = self.last_speaker(position, kinds)
        if sp:
            return Resolution(sp.name, sp.role, sp.kind)
        before = [e for e in self.orgs if e.end <= root.i]
        if before:
            return Resolution(_clean(_strip_det(before[-1])), None, "org")
        if lower in GROUP_PRONOUNS:
            sp = self.last_speaker(position, {"person"})
            if sp:
                return Resolution(sp.name, sp.role, sp.kind)
        return Resolution(None)

    def _description_of(self, source: Span, position: int) -> Resolution:
        """A common-noun source: "the company" → last ORG naming a company; "the senator" → last such person."""
        root = source.root
        bare = _strip_det(source)
        has_det = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in root.children)
        if has_det and len(bare) == 1 and root.pos_ == "NOUN":
            noun = root.lower_
            for ent in reversed(self.orgs):
                if ent.end <= position and noun in ent.text.lower():
                    return Resolution(_clean(_strip_det(ent)), None, "org")
            for name, role in reversed(list(self.roles.items())):
                if noun in role.lower().split():
                    return Resolution(name, role, "person")
            earlier = self._fuller_mention(root)
            if earlier:
                return Resolution(earlier, None, "other")
            if noun in ORG_KINDS:
                org = self._last_org(position)
                if org:
                    return org
        return Resolution(self._expand_such(bare) or None, None, "other")

    def _last_org(self, position: int) -> Resolution | None:
        """The last organisation speaking (or named) before `position`, for "the company said"."""
        outlet = self.doc._.outlet if Doc.has_extension("outlet") else None
        for sp in reversed(self.speakers):
            is_org = sp.kind == "org" or bool(sp.role and sp.role.split()[-1].lower() in ORG_KINDS)
            # an untagged name that spoke ("Brackwell Civil Engineering said") is a body when it is no person
            is_org = is_org or (sp.kind == "other" and len(sp.name.split()) >= 2 and sp.name.istitle())
            if sp.position < position and is_org and sp.name != outlet:  # the paper reporting is not "the company"
                return Resolution(sp.name, None, "org")
        before = [e for e in self.orgs if e.end <= position]
        return Resolution(_clean(_strip_det(before[-1])), None, "org") if before else None

    def _expand_such(self, tokens: list[Token]) -> str:
        """Write "such statement" / "the statement" as the fuller earlier mention ("the joint statement")."""
        expanded: dict[int, str] = {}
        skip: set[int] = set()
        for tok in tokens:
            dets = [c for c in tok.children if c.dep_ in {"det", "amod", "predet"} and c.lower_ in ANAPHORIC_DETS]
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.lower_ not in ANAPHORIC_DETS]
            if tok.pos_ == "NOUN" and dets and not mods:
                earlier = self._fuller_mention(tok)
                if earlier:
                    article = "the " if tok.i > tokens[0].i else ""
                    expanded[tok.i] = article + earlier + tok.whitespace_
                    skip.update(d.i for d in dets)
        out = [expanded.get(t.i, t.text_with_ws) for t in tokens if t.i not in skip]
        return " ".join("".join(out).split()).strip(" ,;:")

    def _fuller_mention(self, tok: Token) -> str | None:
        for i in range(tok.i - 1, max(-1, tok.i - 400), -1):
            other = self.doc[i]
            if other.lemma_ == tok.lemma_ and other.pos_ == "NOUN":
                # "the brewery workers' union": a noun possessor names the body as much as a modifier does
                mods = [
                    c for c in other.lefts
                    if (c.dep_ in {"amod", "compound"} or (c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}))
                    and c.lower_ not in ANAPHORIC_DETS
                ]  # fmt: skip
                named_of = [
                    c for c in other.rights
                    if c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
                ]  # fmt: skip
                if mods or named_of:
                    tail = [t for c in named_of[:1] for t in c.subtree]
                    return _clean([*[t for m in mods for t in m.subtree], other, *tail])
        return None
