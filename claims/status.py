"""The status rules. Status is derived from links and verdicts, never typed in.

- `rated`: a verdict exists;
- `disputed`: a contradicting link from a different claimant, and no verdict;
- `corroborated`: a supporting link from a different claimant, and nothing contradicting;
- `unverified`: everything else.

Only links *into* a claim count ("A contradicts B" disputes B, not A): the later
statement answers the earlier one.

"A different claimant" means a different person: names unified by a claimant
alias or merge (`claimants alias`, `claims.claimants.persons`) are one speaker,
so a claim backed only by its own author under another name stays unverified.
The callers pass that mapping as `persons` (claimant key -> the person's
canonical key); without it every name is its own person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from claims.models import Status


@dataclass(frozen=True)
class IncomingLink:
    """An active (not rejected) link into the claim whose status is derived."""

    stance: str
    from_claimant: str | None


def claimant_key(name: str | None) -> str | None:
    """Fold a claimant name for comparison: case, spacing and a leading "the"."""
    if not name:
        return None
    words = name.casefold().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) or None


def speaker(name: str | None, persons: Mapping[str, str] | None = None) -> str | None:
    """Who `name` is: its claimant key, or its person's canonical key when `persons` maps it (an alias)."""
    key = claimant_key(name)
    if key is None or not persons:
        return key
    return persons.get(key, key)


def independent(claimant_a: str | None, claimant_b: str | None, persons: Mapping[str, str] | None = None) -> bool:
    """Two claimants are independent unless both are known and the same person (see the module docstring)."""
    a, b = speaker(claimant_a, persons), speaker(claimant_b, persons)
    return a is None or b is None or a != b


def derive_status(
    claimant: str | None,
    has_verdict: bool,
    incoming: Iterable[IncomingLink],
    persons: Mapping[str, str] | None = None,
) -> Status:
    """Apply the status rules to one claim; `persons` unifies aliased names (see the module docstring)."""
    if has_verdict:
        return "rated"
    supported = False
    for link in incoming:
        if not independent(claimant, link.from_claimant, persons):
            continue
        if link.stance == "contradicts":
            return "disputed"
        if link.stance == "supports":
            supported = True
    return "corroborated" if supported else "unverified"


def escalate(
    status: Status, claimant: str | None, added: Iterable[IncomingLink], persons: Mapping[str, str] | None = None
) -> Status:
    """The status after `added` links join a claim's incoming links, from its current (derived) status.

    Equal to `derive_status` over the old and the new links together, because the
    rules only ever climb (unverified < corroborated < disputed, and a verdict
    above all) as links are added. Linking adds links by the dozen to popular
    claims; this spares re-reading all their links each time. Removals and
    changed stances can lower a status: those go through `derive_status`.
    """
    if status in ("rated", "disputed"):
        return status
    for link in added:
        if not independent(claimant, link.from_claimant, persons):
            continue
        if link.stance == "contradicts":
            return "disputed"
        if link.stance == "supports":
            status = "corroborated"
    return status
