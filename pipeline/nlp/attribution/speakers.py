"""Claimants are people or organisations: second thoughts on what `ClaimantResolver.resolve` found.

`refine` runs on every resolved source mention, in reading order, and fixes
what the mention alone cannot say:

- a document ("records", "tax documents", "her account", "Our survey", a book)
  is where a claim was found, the `via`; the claimant is the document's owner
  ("the trust's annual report" → the trust, "records from the labour
  department" → the department, "our survey" → the author), or, for records a
  reporter went through, the publication itself;
- "I" / "we" as a source outside quotes is the author named in the metadata
  (an op-ed, a first-person piece); with no author it stays unresolved;
- a title-only mention ("the fire chief", "the agriculture minister") is the
  person the document introduces with that title anywhere (a lede often names
  the role first and the person one paragraph later); when no person has that
  title the mention is kept as written.

Nothing here guesses from the nearest name: an owner or a title has to be
written in the document.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.attribution.claimants import ORG_KINDS, ORG_SUFFIXES, ClaimantResolver, Resolution
from pipeline.nlp.claims.layout import self_speaker
from pipeline.nlp.context.document import context_of
from pipeline.nlp.entities import country_of

# Nouns naming a document, record or data set: a source of findings, not a speaker.
DOCUMENT_NOUNS = {
    "record", "records", "document", "documents", "report", "reports", "survey", "surveys", "study", "studies",
    "paper", "papers", "figure", "figures", "data", "filing", "filings", "ledger", "ledgers", "book", "books",
    "memoir", "memoirs", "account", "accounts", "minutes", "transcript", "transcripts", "email", "emails",
    "inspection", "inspections", "audit", "audits", "statistics", "register", "registry", "archive", "archives",
    "return", "returns", "spreadsheet", "log", "logs", "analysis", "review", "census", "count", "counts", "tally",
    "invoice", "invoices", "receipt", "receipts", "memo", "memos", "payslip", "payslips",
}  # fmt: skip
SELF = {"i", "we", "me", "us"}
SUBJECTS = {"nsubj", "nsubjpass"}
# What speaks for its principal: "his office said" is the person's statement.
PRINCIPAL_NOUNS = {"office", "campaign", "team", "staff", "spokesman", "spokeswoman", "spokesperson", "aides"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
SELF_POSSESSIVE = {"my", "our"}
OWNER_PREPS = {"from", "by"}
# Words that make a different office of the same title: the vice presidential nominee is not the nominee.
RANK_QUALIFIERS = {"vice", "deputy", "assistant", "associate", "acting", "junior", "shadow", "under", "co", "sub"}
ABBREVIATED_TITLES = {
    "sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant", "gen": "general",
    "pres": "president", "sec": "secretary", "atty": "attorney", "supt": "superintendent", "insp": "inspector",
    "det": "detective", "sgt": "sergeant", "col": "colonel", "cmdr": "commander", "prof": "professor",
}  # fmt: skip
TITLE_SKIP = {"the", "a", "an", "'s", "’s", "new", "then", "current", "former", "local", "county", "city", "state"}


def refine(resolver: ClaimantResolver, source: Span | None, position: int, res: Resolution) -> Resolution:
    """The claimant a fact-checker can use for this source mention (see the module docstring)."""
    if source is None or len(source) == 0:
        return res
    doc = source.doc
    root = source.root
    if len(source) == 1 and root.lower_ in {"he", "she"}:
        subject = _previous_subject(resolver, root)
        if subject is not None:
            return Resolution(subject, resolver.roles.get(subject), "person")
    if len(source) == 1 and root.lower_ in SELF:
        author = self_speaker(doc, source.start_char)
        return Resolution(author, None, "person") if author else Resolution(None)
    if root.pos_ in {"NOUN", "PROPN"} and root.lower_ in DOCUMENT_NOUNS and root.ent_type_ not in {"PERSON"}:
        return _document(resolver, source, root, position)
    principal = _principal(resolver, source, root, position)
    if principal is not None:
        return principal
    if root.lower_ in ORG_KINDS and res.kind == "person" and _bare_definite(source, root):
        body = _named_body(doc, root)
        if body is not None:  # "the council says": the council named in full, not a councillor
            return Resolution(body, None, "org")
    if res.kind == "other" and root.pos_ == "NOUN" and not any(t.ent_type_ == "PERSON" for t in source):
        person = _by_title(resolver, source, root, position)
        if person is not None:
            return person
    return res


def _previous_subject(resolver: ClaimantResolver, pronoun: Token) -> str | None:
    """ "Halden went first. She said …": the person the previous sentence is about, not the last name in it.

    Used only when the pronoun's own sentence names no person as a subject before it (then that
    person is meant); a person named only inside a phrase ("Asked about Moreau, she said") is not.
    """
    ctx = context_of(resolver.doc)
    k = ctx.sent_index(pronoun.i)
    here = ctx.sents[k]
    before = [e for e in resolver.persons if here.start <= e.start and e.end <= pronoun.i and not ctx.is_content(e)]
    if any(e.root.dep_ in SUBJECTS for e in before) or k == 0:
        return None
    prev = ctx.sents[k - 1]
    for ent in resolver.persons:
        # the subject of what someone said ("He said Stowbridge had produced …") is not who the story follows
        if prev.start <= ent.start and ent.end <= prev.end and ent.root.dep_ in SUBJECTS and not ctx.is_content(ent):
            return resolver.fullest(ent.text)
    for tok in prev:
        # the tagger often misses a name ("Gwen Marwood" untagged, "Rebecca Halden" as a place): a proper-noun
        # subject that is no organisation, people or country is the person "she" goes on about
        if (
            tok.dep_ in SUBJECTS and tok.pos_ == "PROPN" and tok.ent_type_ in {"", "PERSON", "GPE"}
            and not ctx.is_content(resolver.doc[tok.i : tok.i + 1])
        ):  # fmt: skip
            words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
            name = " ".join(t.text for t in words)
            if tok.lower_ in ORG_SUFFIXES or country_of(name):
                return None
            full = _full_name(resolver, name)
            # an untagged or place-tagged word is a person only when the document gives it a first name
            return full if len(full.split()) >= 2 else None
    return None


def _full_name(resolver: ClaimantResolver, name: str) -> str:
    """The fullest form of a name in the document, tagged or not ("Halden" → "Rebecca Halden")."""
    full = resolver.fullest(name)
    if full != name or " " in name:
        return full
    found = re.findall(rf"\b([A-Z][a-z]+ {re.escape(name)})\b", context_of(resolver.doc).text)
    return max(set(found), key=found.count) if found else name


def _bare_definite(source: Span, root: Token) -> bool:
    """ "the council", "the company": a definite article and the noun, nothing else."""
    words = [t for t in source if not t.is_punct and not t.is_space]
    return len(words) == 2 and words[0].lower_ == "the" and words[1].i == root.i


def _named_body(doc: Doc, root: Token) -> str | None:
    """The body's full capitalised name as the document writes it ("Kelbridge City Council"), most frequent."""
    noun = root.text[:1].upper() + root.text[1:].lower()
    found = re.findall(rf"\b((?:[A-Z][a-z]+ ){{1,3}}{re.escape(noun)})\b", context_of(doc).text)
    found = [f for f in found if f.split()[0] not in {"The", "A", "An"}]
    return max(set(found), key=found.count) if found else None


def _principal(resolver: ClaimantResolver, source: Span, root: Token, position: int) -> Resolution | None:
    """ "His office", "her campaign": the person whose office or campaign speaks for them."""
    if root.lower_ not in PRINCIPAL_NOUNS:
        return None
    for child in root.children:  # "a council spokeswoman": the council, named in full, speaks
        if child.dep_ == "compound" and child.lower_ in ORG_KINDS:
            body = _named_body(source.doc, child)
            if body is not None:
                return Resolution(body, None, "org")
    bare = not any(c.dep_ in {"poss", "compound", "prep", "appos"} for c in root.children)
    if root.lower_ in SPOKESPEOPLE and bare and not any(t.ent_type_ == "PERSON" for t in source):
        # "The company said …. A spokesperson said": the organisation that just spoke, if one did
        sp = resolver.last_speaker(position, {"org"})
        return Resolution(sp.name, None, "org") if sp else None
    for child in root.children:  # "a spokesman for the council": the council speaks
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                owner = source.doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1]
                found = resolver.resolve(owner, position)
                if found.name:
                    return found
    for child in root.children:
        if child.dep_ == "poss" and child.lower_ in {"his", "her"}:
            found = resolver.resolve(source.doc[child.i : child.i + 1], position)
            if found.name and found.kind == "person" and len(found.name.split()) >= 2:
                return Resolution(found.name, found.role, "person")
    return None


def _doc_author(doc: Doc) -> str | None:
    return doc._.author if Doc.has_extension("author") else None


def _document(resolver: ClaimantResolver, source: Span, root: Token, position: int) -> Resolution:
    """ "X's report", "records from X", "X budget papers": X speaks through the document; else the publication."""
    doc = source.doc
    via = " ".join(source.text.split())
    owner: Span | None = None
    for child in root.children:
        if child.dep_ == "poss":
            if child.lower_ in SELF_POSSESSIVE:
                author = self_speaker(doc, source.start_char)
                return Resolution(author, None, "person", via=via) if author else Resolution(None, via=via)
            owner = doc[child.left_edge.i : child.i + 1]
        elif child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                owner = doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1]
    if owner is None:
        named = [t for t in root.lefts if t.dep_ == "compound" and t.ent_type_ in {"ORG", "GPE", "PERSON", "NORP"}]
        if named:
            owner = doc[named[0].left_edge.i : named[-1].i + 1]
    if owner is not None:
        found = resolver.resolve(owner, position)
        found = refine(resolver, owner, position, found)
        if found.name:
            return Resolution(found.name, found.role, found.kind, found.aliases, via=via)
    publisher = (doc._.outlet if Doc.has_extension("outlet") else None) or _doc_author(doc)
    # records a reporter went through: the publication presents the finding
    return Resolution(publisher, None, "org", via=via) if publisher else Resolution(None, via=via)


def _title_word(word: str) -> str:
    """ "Sen." is "senator": a title written short before a name is the same office named in full later."""
    word = word.lower()
    return ABBREVIATED_TITLES.get(word.rstrip("."), word)


def _title_words(tokens: list[Token]) -> set[str]:
    words = {_title_word(t.lower_) for t in tokens if t.dep_ not in {"poss", "case"}}
    return {w for w in words if w.isalpha() and w not in TITLE_SKIP}


def _by_title(resolver: ClaimantResolver, source: Span, root: Token, position: int) -> Resolution | None:
    """ "the county's chief fire officer", "the fire chief" → the person the document gives that title."""
    skip = {t.i for c in root.children if c.dep_ in {"poss", "prep", "relcl", "acl", "appos"} for t in c.subtree}
    words = _title_words([t for t in source if t.i not in skip])
    head = root.lower_
    if not words or head in DOCUMENT_NOUNS:
        return None
    matches: list[tuple[str, str, bool]] = []
    for name, role in resolver.roles.items():
        theirs = {w for w in map(_title_word, role.split()) if w.isalpha()} - TITLE_SKIP
        if head in theirs and (words <= theirs or theirs <= words) and not (theirs ^ words) & RANK_QUALIFIERS:
            matches.append((re.sub(r"[’']s$", "", name), role, theirs == words))
    if any(exact for *_, exact in matches):  # "the Harbour senator": the one titled exactly so, not any senator
        matches = [m for m in matches if m[2]]
    names = {name for name, *_ in matches}
    if len(names) > 1 and source[0].lower_ == "the":
        # "the senator" with two senators in the story: the one the story last named, as a reader takes it
        last = _last_named(resolver, names, source.start)
        matches = [m for m in matches if m[0] == last]
        names = {last} if last else set()
    if len(names) != 1:
        return None  # no person with that title, or none named yet: keep the mention as written, never guess
    name, role, _ = matches[0]
    return Resolution(name, role, "person")


def _last_named(resolver: ClaimantResolver, names: set[str], before: int) -> str | None:
    """Of `names`, the one whose latest mention before token `before` comes last."""
    best: tuple[int, str] | None = None
    for ent in resolver.persons:
        if ent.end > before:
            break
        full = re.sub(r"[’']s$", "", resolver.fullest(ent.text))
        if full in names:
            best = (ent.start, full)
    return best[1] if best else None
