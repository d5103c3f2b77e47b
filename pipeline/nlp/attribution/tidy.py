"""The last look at a resolved claimant: the name a fact-checker files the claim under, or nobody.

`ClaimantResolver.resolve` and `speakers.refine` decide who a source mention
is; real reporting still leaves names no desk would file a claim under, and
each is put right here from what the document itself writes:

- a possessive is no name ("Donald Trump’s" → "Donald Trump");
- an outlet fused with a person by the tagger ("the editorial board of the
  Washington Post Trump said") is the person: the tail is a surname the
  document gives someone, the head a body (a media word or an organisation
  the document names);
- a bare singular common noun ("senator", "source", "talk") or a number
  ("two") names nobody: the claimant is left empty, so the claim is flagged
  unresolved instead of being filed under a word. Plural descriptions
  ("critics", "police officials") name a group and stay;
- an honorific alone ("Mr.") is no role;
- a time the parser left in the subject ("Trump this week said") is no part
  of the name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from pipeline.nlp.attribution.claimants import ORG_KINDS, ClaimantResolver, Resolution

# Words that make a name's head an outlet or body rather than a given name.
MEDIA_WORDS = {
    "post", "times", "news", "journal", "tribune", "herald", "press", "daily", "magazine", "network", "radio",
    "tv", "television", "gazette", "chronicle", "observer", "guardian", "telegraph", "courier", "review",
    "board", "weekly", "today", "channel", "agency", "wire",
}  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "mx", "madam", "dame", "lord", "lady"}
POSSESSIVE = re.compile(r"\s*['’]s?$")


def tidy(resolver: ClaimantResolver, source: Span | None, res: Resolution) -> Resolution:
    """The resolution with its name and role made fileable (see the module docstring)."""
    name = res.name
    if not name:
        return res
    if name.endswith(("’s", "'s", "s’", "s'")):
        name = POSSESSIVE.sub("", name) if not name.endswith(("s’", "s'")) else name[:-1]
    when = " ".join(t.text for t in source if t.ent_type_ in {"DATE", "TIME"}) if source is not None else ""
    if when and name.endswith(" " + when):
        name = resolver.fullest(name[: -len(when) - 1].rstrip(" ,"))  # "Trump this week said": when, not who
    fused = _fused_outlet(resolver, name)
    if fused is not None:
        return Resolution(fused, resolver.roles.get(fused), "person", res.aliases, res.via)
    if res.kind == "other" and _bare_noun(source, name):
        return Resolution(None, via=res.via)
    role = res.role
    if role and all(w.strip(".").lower() in HONORIFICS for w in role.split()):
        role = None
    if name != res.name or role != res.role:
        return replace(res, name=name, role=role)
    return res


def _fused_outlet(resolver: ClaimantResolver, name: str) -> str | None:
    """ "the Washington Post Trump" → "Donald Trump", when the document names that person elsewhere."""
    words = name.split()
    if len(words) < 3:
        return None
    head = [w.lower() for w in words[:-1] if w.lower() not in {"the", "of"}]
    surname = words[-1]
    if not head or not MEDIA_WORDS & set(head):
        return None
    others = [text for text, theirs in resolver._person_words if text != name and surname.lower() in theirs]
    others = [t for t in others if not MEDIA_WORDS & {w.lower() for w in t.split()}]
    if not others:
        return None
    return max(others, key=len)


def _bare_noun(source: Span | None, name: str) -> bool:
    """ "senator", "a source", "two": a singular common noun or a number with no name in it."""
    if source is None or len(name.split()) > 1 or any(t.pos_ == "PROPN" or t.ent_type_ for t in source):
        return False  # "the health ministry", "the harbour authority": a body described, it can speak
    root = source.root
    if root.lower_ in ORG_KINDS:
        return False
    if root.like_num or root.pos_ == "NUM":
        return True
    return root.pos_ == "NOUN" and root.tag_ == "NN" and root.ent_type_ == ""
