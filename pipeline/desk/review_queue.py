"""Screen 3, the review queue: suggested links waiting for a person, both claims side by side.

Built for the keyboard (static/keys.js): j/k move, a accepts, r rejects,
c and s accept as "contradicts" / "supports". Each decision is one htmx post
that swaps the decided card for its new state, so a hundred suggestions are
a keyboard task.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from claims.browse import Suggestion
from claims.errors import InvalidInput
from claims.models import STANCES
from pipeline.desk import present
from pipeline.desk.auth import User, check_csrf
from pipeline.desk.web import Checker, Viewer, is_htmx, ledger, page

router = APIRouter()
QUEUE_SIZE = 100


def _cards(request: Request, found: list[Suggestion]) -> list[dict[str, Any]]:
    led = ledger(request)
    claims = {c.id: c for c in led.hydrate_ids(list({i for s in found for i in (s.from_id, s.to_id)}))}
    texts = led.source_texts(sorted({c.source_id for c in claims.values() if c.source_id}))
    cards = []
    for s in found:
        a, b = claims.get(s.from_id), claims.get(s.to_id)
        if a is None or b is None:
            continue
        sides = []
        for claim in (a, b):
            text = texts.get(claim.source_id or "", "")
            sides.append({"claim": claim, "passage": present.passage(text, claim.span, 150)})
        cards.append({
            "s": s, "sides": sides, "reason": present.reason_text(s.reason),
            "confidence": present.confidence_text(s.reason), "decided": None,
        })
    return cards


@router.get("/review")
def queue(request: Request, order: str = "newest", user: User = Viewer) -> Response:
    if order not in ("newest", "confident"):
        raise InvalidInput("order must be newest or confident")
    found = ledger(request).suggestions(order=order, limit=QUEUE_SIZE)
    return page(request, "review.html", active="review", cards=_cards(request, found), order=order,
                stances=STANCES)


@router.post("/review/decide", dependencies=[Depends(check_csrf)])
def decide(
    request: Request, from_id: str = Form(...), to_id: str = Form(...), action: str = Form("accept"),
    stance: str = Form(""), user: User = Checker,
) -> Response:
    """accept (as suggested, or with another stance) or reject one suggestion; returns its decided card."""
    led = ledger(request)
    current = led.current_link(led.claim_id(from_id), led.claim_id(to_id))
    if current is None:
        raise InvalidInput("no such suggested link")
    if action == "reject":
        led.reject_link(from_id, to_id, by=user.name)
        decided = "rejected"
    elif action == "accept":
        chosen = stance or current.stance or ""
        if chosen not in STANCES:
            raise InvalidInput(f"unknown stance {chosen!r}: use one of {', '.join(STANCES)}")
        led.link(from_id, to_id, chosen, origin="accepted", reason=current.reason, by=user.name)
        decided = f"accepted: {chosen}"
    else:
        raise InvalidInput(f"unknown action {action!r}: accept or reject")
    if not is_htmx(request):
        return RedirectResponse("/review", status_code=303)
    s = Suggestion(from_id=current.from_id, to_id=current.to_id, stance=current.stance or "", at="",
                   reason=current.reason)
    card = _cards(request, [s])[0]
    card["decided"] = decided
    return page(request, "_review_card.html", card=card, stances=STANCES, index=request.query_params.get("i", "0"))
