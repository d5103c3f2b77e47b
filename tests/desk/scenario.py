"""An invented newsroom scenario for the desk's tests and screenshots: claims, an article, links, a suggestion.

Names, places and figures are made up for these tests (none come from ../shared).
"""

from __future__ import annotations

import datetime as dt

from claims.dates import PartialDate
from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Claim, Source

ARTICLE = (
    "Transport minister Ana Petrova told parliament on Tuesday that the ministry had bought 40 new buses "
    "for the capital. \"Every one of them is already on the road,\" she said.\n\n"
    "The city's procurement office said on Thursday that no contract for new buses was ever signed. "
    "Drivers' union leader Tomas Reyes said drivers were not consulted about the purchase.\n\n"
    "Petrova also claimed that unemployment fell in the first quarter."
)
USERS = {"maria": ("editor", "maria-secret-1"), "viktor": ("viewer", "viktor-secret-1"),
         "chen": ("checker", "chen-secret-1")}


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def populate(ledger: Ledger) -> None:
    """Write the scenario into an empty ledger (fixed ids, so tests can open pages by id)."""
    created = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)
    with ledger.transaction() as conn:
        ledger.add_source(Source(
            id="s0000000001", title="Minister defends bus purchase in parliament",
            url="https://news.example.org/parliament-buses", outlet="Example Daily",
            published=PartialDate("2024-03-14"), text=ARTICLE, content_hash=content_hash(ARTICLE), created_at=created,
        ), conn=conn)
        ledger.add_source(Source(
            id="s0000000002", title="Procurement office statement", url="https://city.example.org/press/17",
            outlet="City of Example", published=PartialDate("2024-03-16"), text="", content_hash="h2",
            created_at=created,
        ), conn=conn)
        claims = [
            Claim(id="c0000000001", text="The ministry bought 40 new buses for the capital", claimant="Ana Petrova",
                  claimant_role="transport minister", claim_date=PartialDate("2024-03-12"), source_id="s0000000001",
                  span=_span(ARTICLE, "the ministry had bought 40 new buses for the capital"),
                  entities=["buses", "capital"], checkworthiness=0.92, quote="reported"),
            Claim(id="c0000000002", text="No contract for new buses was ever signed",
                  claimant="City procurement office", claim_date=PartialDate("2024-03-14"),
                  source_id="s0000000001", span=_span(ARTICLE, "no contract for new buses was ever signed"),
                  polarity="negated", entities=["buses"], checkworthiness=0.81, quote="reported"),
            Claim(id="c0000000003", text="Every one of the new buses is already on the road", claimant="Ana Petrova",
                  claimant_role="transport minister", claim_date=PartialDate("2024-03-12"), source_id="s0000000001",
                  span=_span(ARTICLE, "Every one of them is already on the road"), entities=["buses"],
                  checkworthiness=0.74, quote="direct"),
            Claim(id="c0000000004", text="Drivers were not consulted about the bus purchase", claimant="Tomas Reyes",
                  claimant_role="drivers' union leader", claim_date=PartialDate("2024-03-14"),
                  source_id="s0000000001", span=_span(ARTICLE, "drivers were not consulted about the purchase"),
                  polarity="negated", entities=["buses"], checkworthiness=0.55, quote="reported"),
            Claim(id="c0000000005", text="Unemployment fell in the first quarter", claimant="Ana Petrova",
                  claimant_role="transport minister", claim_date=PartialDate("2024-03-12"), source_id="s0000000001",
                  span=_span(ARTICLE, "unemployment fell in the first quarter"), entities=["unemployment"],
                  checkworthiness=0.88, quote="reported"),
            Claim(id="c0000000006", text="Unemployment rose by 0.4 points in the first quarter",
                  claimant="Statistics office", claim_date=PartialDate("2024-04-10"), source_id="s0000000002",
                  entities=["unemployment"], checkworthiness=0.9),
            Claim(id="c0000000007", text="Bus deliveries to the capital began in February", claimant="Bus maker",
                  claim_date=PartialDate("2024-02"), entities=["buses", "capital"], checkworthiness=0.6),
        ]
        ledger.add_claims([c.model_copy(update={"created_at": created}) for c in claims], conn=conn)
        ledger.link("c0000000002", "c0000000001", "contradicts", origin="auto", by=None, conn=conn,
                    reason={"text": "The procurement office denies the contract the minister described.",
                            "entities": ["buses", "contract"], "cue": "no contract", "confidence": 0.86, "auto": True})
        ledger.link("c0000000007", "c0000000001", "supports", origin="manual", note="delivery notes seen",
                    by="maria", conn=conn)
        ledger.link("c0000000006", "c0000000005", "contradicts", origin="suggested", conn=conn,
                    reason={"text": "The statistics office reports a rise where the minister claims a fall.",
                            "entities": ["unemployment"], "polarity": "opposite", "confidence": 0.64, "auto": False})
        ledger.link("c0000000007", "c0000000003", "related", origin="suggested", conn=conn,
                    reason={"text": "Both are about the new buses being delivered.", "entities": ["buses"],
                            "confidence": 0.41, "auto": False})


def add_users(ledger: Ledger) -> None:
    """The scenario's accounts: an editor, a viewer and a checker."""
    from pipeline.desk.auth import add_user

    for name, (role, password) in USERS.items():
        add_user(ledger, name, role, password)
