"""The status rules."""

from __future__ import annotations

from claims.status import IncomingLink, derive_status, independent


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
