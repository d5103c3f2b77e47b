"""Screen 3, the review queue: suggested links waiting for a person, both claims side by side.

The queue and the decisions are the review library's (`pipeline.review`, what
`claimtrack review` calls). Built for the keyboard (static/desk.js): j/k move,
a accepts, r rejects, c and s accept as "contradicts" / "supports". Each
decision is one htmx post that swaps the decided card for its new state, so a
hundred suggestions are a keyboard task.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from claims.errors import InvalidInput
from claims.models import STANCES
from pipeline import review
from pipeline.desk import present
from pipeline.desk.auth import User, check_csrf
from pipeline.desk.web import Checker, Viewer, is_htmx, ledger, page

router = APIRouter()
QUEUE_SIZE = 100
ORDERS = {"newest": "newest", "confident": "confidence"}


def card(request: Request, s: review.Suggestion, texts: dict[str, str], decided: str | None = None) -> dict[str, Any]:
    """One suggestion as the queue shows it: the later claim (evidence) beside the earlier one, in their passages."""
    sides = [
        {"claim": c, "passage": present.passage(texts.get(c.source_id or "", ""), c.span, 150)}
        for c in (s.from_claim, s.to_claim)
    ]
    why = present.reason_text(s.detail) or (s.reason or "")
    confidence = f"{round(s.confidence * 100)}%" if s.confidence is not None else ""
    return {"s": s, "sides": sides, "reason": why, "confidence": confidence, "decided": decided}


def _texts(request: Request, found: list[review.Suggestion]) -> dict[str, str]:
    ids = {c.source_id for s in found for c in (s.from_claim, s.to_claim) if c.source_id}
    return ledger(request).source_texts(sorted(ids))


@router.get("/review")
def queue(request: Request, order: str = "newest", user: User = Viewer) -> Response:
    if order not in ORDERS:
        raise InvalidInput("order must be newest or confident")
    found = review.list_suggestions(ledger(request), order=ORDERS[order], limit=QUEUE_SIZE)
    texts = _texts(request, found)
    return page(request, "review.html", active="review", cards=[card(request, s, texts) for s in found],
                order=order, stances=STANCES)


@router.post("/review/decide", dependencies=[Depends(check_csrf)])
def decide(
    request: Request, id: str = Form(...), action: str = Form("accept"), stance: str = Form(""),
    user: User = Checker,
) -> Response:
    """Accept (as suggested, or with another stance) or reject one suggestion; returns its decided card."""
    led = ledger(request)
    pending = {s.id: s for s in review.list_suggestions(led)}.get(id) if is_htmx(request) else None
    if action == "reject":
        decision = review.reject(led, id, by=user.name)
    elif action == "accept":
        decision = review.accept(led, id, by=user.name, stance=stance or None)
    else:
        raise InvalidInput(f"unknown action {action!r}: accept or reject")
    if not is_htmx(request) or pending is None:
        return RedirectResponse("/review", status_code=303)
    label = decision.decision + (f": {decision.link.stance}" if decision.decision == "accepted" else "")
    done = pending.model_copy(update={
        "from_claim": led.get_claim(pending.from_claim.id), "to_claim": led.get_claim(pending.to_claim.id)})
    return page(request, "_review_card.html", card=card(request, done, _texts(request, [done]), label),
                stances=STANCES, index=request.query_params.get("i", "0"))
