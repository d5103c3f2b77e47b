"""The status rules."""

from __future__ import annotations

import random

from claims.status import IncomingLink, derive_status, escalate, independent


def test_verdict_wins() -> None:
    assert derive_status("A", True, [IncomingLink("contradicts", "B")]) == "rated"


def test_contradiction_from_another_claimant_disputes() -> None:
    assert derive_status("A", False, [IncomingLink("supports", "C"), IncomingLink("contradicts", "B")]) == "disputed"


def test_same_claimant_is_not_evidence() -> None:
    assert derive_status("The Ministry", False, [IncomingLink("contradicts", "ministry")]) == "unverified"
    assert derive_status("A", False, [IncomingLink("supports", "a")]) == "unverified"


def test_support_corroborates() -> None:
    assert derive_status("A", False, [IncomingLink("supports", "B")]) == "corroborated"
    assert derive_status("A", False, [IncomingLink("related", "B")]) == "unverified"
    assert derive_status("A", False, []) == "unverified"


def test_unknown_claimants_count_as_independent() -> None:
    assert independent(None, "A") and independent("A", None) and not independent("A", " a ")


def test_escalate_equals_deriving_from_all_links() -> None:
    """Adding links to a claim and climbing from its status gives what the rules give over all its links."""
    rng = random.Random(7)
    claimants = ["A", "B", "the B", None, "C"]
    for _ in range(2000):
        claimant = rng.choice(claimants)
        rated = rng.random() < 0.1
        old = [
            IncomingLink(rng.choice(["supports", "contradicts", "related"]), rng.choice(claimants))
            for _ in range(rng.randint(0, 4))
        ]
        new = [
            IncomingLink(rng.choice(["supports", "contradicts", "related"]), rng.choice(claimants))
            for _ in range(rng.randint(1, 4))
        ]
        before = derive_status(claimant, rated, old)
        assert escalate(before, claimant, new) == derive_status(claimant, rated, old + new)


def test_aliased_names_are_one_speaker() -> None:
    """`persons` maps claimant keys to a person's canonical key: two names of one person are not independent."""
    persons = {"william j. clinton": "bill clinton", "president clinton": "bill clinton"}
    assert not independent("Bill Clinton", "William J. Clinton", persons)
    assert not independent("President Clinton", "william j. clinton", persons)
    assert independent("Bill Clinton", "William J. Clinton")  # without the mapping every name is its own person
    assert independent("Bill Clinton", "Ines Varga", persons) and independent(None, "Bill Clinton", persons)
    support = [IncomingLink("supports", "William J. Clinton")]
    assert derive_status("Bill Clinton", False, support, persons) == "unverified"
    assert derive_status("Bill Clinton", False, support) == "corroborated"
    against = [IncomingLink("contradicts", "President Clinton"), IncomingLink("supports", "Ines Varga")]
    assert derive_status("Bill Clinton", False, against, persons) == "corroborated"
    assert escalate("unverified", "Bill Clinton", against, persons) == "corroborated"


def test_escalate_equals_deriving_with_aliases() -> None:
    """The shortcut and the rules agree when names are unified by aliases too."""
    rng = random.Random(11)
    claimants = ["A", "A2", "the A", "B", "B2", None]
    persons = {"a2": "a", "b2": "b"}
    for _ in range(2000):
        claimant = rng.choice(claimants)
        rated = rng.random() < 0.1
        old = [_random_link(rng, claimants) for _ in range(rng.randint(0, 3))]
        new = [_random_link(rng, claimants) for _ in range(rng.randint(1, 3))]
        before = derive_status(claimant, rated, old, persons)
        assert escalate(before, claimant, new, persons) == derive_status(claimant, rated, old + new, persons)


def _random_link(rng: random.Random, claimants: list[str | None]) -> IncomingLink:
    return IncomingLink(rng.choice(["supports", "contradicts"]), rng.choice(claimants))
