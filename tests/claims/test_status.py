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
