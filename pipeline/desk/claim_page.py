"""Screen 2, the claim page: the claim as said, its passage, evidence with accept/reject, timeline, verdict, history.

Every action posts a small form (with the CSRF token); htmx swaps the
re-rendered claim body in place, and without JavaScript the browser follows
a redirect back to the page. Every write passes the logged-in user as `by`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from claims.errors import InvalidInput
from claims.models import RATINGS, STANCES, Claim, Evidence
from pipeline.desk import jobs, present
from pipeline.desk.auth import User, check_csrf
from pipeline.desk.web import Checker, Editor, Viewer, is_htmx, ledger, page

router = APIRouter()


def _ends(claim_id: str, e: Evidence) -> tuple[str, str]:
    """(from, to) of the link behind an evidence item: "from" means the other claim points at this one."""
    return (e.claim.id, claim_id) if e.direction == "from" else (claim_id, e.claim.id)


def _timeline(claim: Claim, found: list[Evidence]) -> str | None:
    """The reports' timeline picture of the claim and its evidence (SVG built and escaped by `reports`)."""
    if not found:
        return None
    from reports.models import DisputedClaim, EvidenceItem
    from reports.timeline import timeline_svg

    items = [
        EvidenceItem.of(e.claim, stance=e.stance, origin=e.origin, direction=e.direction, reason=e.reason, note=e.note)
        for e in found
    ]
    return timeline_svg(DisputedClaim.of(claim, evidence=items), svg_id=f"timeline-{claim.id}")


def claim_context(request: Request, claim_id: str) -> dict[str, Any]:
    """Everything the claim page shows, read in one go."""
    led = ledger(request)
    claim = led.get_claim(claim_id)
    found = led.evidence_for(claim)
    source = led.get_source(claim.source_id) if claim.source_id else None
    rows: list[dict[str, Any]] = [
        {
            "e": e, "ends": _ends(claim.id, e), "reason": present.reason_text(e.reason),
            "confidence": present.confidence_text(e.reason), "state": e.review_state,
        }
        for e in found
    ]
    return {
        "claim": claim,
        "source": source,
        "passage": present.passage(source.text, claim.span) if source else None,
        "supports": [r for r in rows if r["e"].stance == "supports"],
        "contradicts": [r for r in rows if r["e"].stance == "contradicts"],
        "related": [r for r in rows if r["e"].stance == "related"],
        "timeline": _timeline(claim, found),
        "history": [(h, present.history_line(h)) for h in reversed(led.history(claim.id))],
        "verdicts": led.verdict_history(claim.id),
        "ratings": RATINGS,
        "stances": STANCES,
        "active": "claims",
    }


def _done(request: Request, claim_id: str, notice: str) -> Response:
    """After an action: the fresh claim body for htmx, or a redirect to the page."""
    if is_htmx(request):
        return page(request, "_claim_body.html", notice=notice, **claim_context(request, claim_id))
    return RedirectResponse(f"/claims/{claim_id}", status_code=303)


@router.get("/claims/{claim_id}")
def claim_view(request: Request, claim_id: str, user: User = Viewer) -> Response:
    return page(request, "claim.html", notice=None, **claim_context(request, claim_id))


@router.post("/claims/{claim_id}/verdict", dependencies=[Depends(check_csrf)])
def rate(
    request: Request, claim_id: str, rating: str = Form(...), rationale: str = Form(""),
    evidence: str = Form(""), review_url: str = Form(""), review_title: str = Form(""), user: User = Checker,
) -> Response:
    """Mark a verdict (a new one replaces the current one; the history keeps both)."""
    if rating not in RATINGS:
        raise InvalidInput(f"unknown rating {rating!r}: use one of {', '.join(RATINGS)}")
    urls = [u for u in evidence.split() if u]
    verdict = ledger(request).rate(
        claim_id, rating, rationale=rationale.strip() or None, by=user.name, evidence=urls,
        review_url=review_url.strip() or None, review_title=review_title.strip() or None,
    )
    return _done(request, verdict.claim_id, f"Rated {rating}.")


@router.post("/claims/{claim_id}/evidence", dependencies=[Depends(check_csrf)])
def decide(
    request: Request, claim_id: str, from_id: str = Form(...), to_id: str = Form(...),
    action: str = Form(...), stance: str = Form(""), user: User = Checker,
) -> Response:
    """Accept or reject one link of this claim: a suggestion through the review library, any other link directly."""
    from claims.review_store import suggestion_id
    from pipeline import review

    led = ledger(request)
    current = led.current_link(led.claim_id(from_id), led.claim_id(to_id))
    if current is None or current.rejected:
        raise InvalidInput("no such link (it may have been decided already)")
    if action not in ("accept", "reject"):
        raise InvalidInput(f"unknown action {action!r}: accept or reject")
    if stance and stance not in STANCES:
        raise InvalidInput(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
    if current.review_state == "suggested":
        sid = suggestion_id(current.from_id, current.to_id)
        if action == "accept":
            review.accept(led, sid, by=user.name, stance=stance or None)
        else:
            review.reject(led, sid, by=user.name)
    elif action == "reject":
        led.reject_link(current.from_id, current.to_id, by=user.name)
    else:
        led.link(current.from_id, current.to_id, stance or current.stance or "related", origin="accepted",
                 reason=current.reason, by=user.name)
    return _done(request, claim_id, "Link accepted." if action == "accept" else "Link rejected.")


@router.post("/claims/{claim_id}/link", dependencies=[Depends(check_csrf)])
def link(
    request: Request, claim_id: str, other: str = Form(...), stance: str = Form(...), note: str = Form(""),
    user: User = Checker,
) -> Response:
    """Link another claim to this one by hand ("OTHER supports/contradicts THIS")."""
    ledger(request).link(other.strip(), claim_id, stance, origin="manual", note=note.strip() or None, by=user.name)
    return _done(request, claim_id, f"Linked as {stance}.")


@router.post("/claims/{claim_id}/edit", dependencies=[Depends(check_csrf)])
def edit(
    request: Request, claim_id: str, text: str = Form(...), claimant: str = Form(""), role: str = Form(""),
    date: str = Form(""), user: User = Checker,
) -> Response:
    """Edit the claim's wording, claimant, role or date (curation keeps the previous values in the history)."""
    from pipeline.desk import curation_seam

    notice = curation_seam.edit(ledger(request), claim_id, by=user.name, text=text, claimant=claimant, role=role,
                                date=date, nlp=jobs.nlp_of(request.app.state) if _text_changed(request, claim_id, text)
                                else None)
    return _done(request, claim_id, notice)


def _text_changed(request: Request, claim_id: str, text: str) -> bool:
    """Only a new wording needs the parser (entities and lemmas are read again)."""
    return " ".join(text.split()) != ledger(request).get_claim(claim_id).text


@router.post("/claims/{claim_id}/retract", dependencies=[Depends(check_csrf)])
def retract(request: Request, claim_id: str, reason: str = Form(""), user: User = Editor) -> Response:
    """Retract the claim (kept in the ledger and its history; it leaves lists and reports)."""
    from pipeline.desk import curation_seam

    curation_seam.retract(ledger(request), claim_id, by=user.name, reason=reason.strip() or None)
    return _done(request, claim_id, "Retracted: the claim is kept but leaves lists, reports and linking.")


@router.post("/claims/{claim_id}/restore", dependencies=[Depends(check_csrf)])
def restore(request: Request, claim_id: str, user: User = Editor) -> Response:
    """Undo a retraction (automatic links are recomputed)."""
    from pipeline.desk import curation_seam

    curation_seam.restore(ledger(request), claim_id, by=user.name)
    return _done(request, claim_id, "Restored.")


@router.post("/claims/{claim_id}/merge", dependencies=[Depends(check_csrf)])
def merge(request: Request, claim_id: str, into: str = Form(...), user: User = Editor) -> Response:
    """Merge this claim into another (the same claim logged twice)."""
    from pipeline.desk import curation_seam

    target = curation_seam.merge(ledger(request), claim_id, into.strip(), by=user.name)
    return RedirectResponse(f"/claims/{target}", status_code=303) if not is_htmx(request) else Response(
        headers={"HX-Redirect": f"/claims/{target}"}
    )
