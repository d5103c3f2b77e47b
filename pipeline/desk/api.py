"""The JSON API under /api/: the command line's operations for integrations (a CMS, a tipline).

Every call authenticates with a per-user token (`claimtrack users token NAME`),
sent as `Authorization: Bearer ct_...`; cookies are never read here, so the API
needs no CSRF token and a browser session cannot be used against it. Roles are
the desk's: viewers read; checkers add, link, rate, review, edit and ingest;
editors also retract and merge; admins also manage users. Every write records the
token's user as `by`. Errors are JSON `{"detail": "..."}`: 401 without a valid
token, 403 below the role, 404 for an unknown id, 400 for bad input.

FastAPI generates the OpenAPI document (`/openapi.json`) from these routes and
the pydantic models in `api_models`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import HTTPException, Query, Request, Response

from claims.models import Claim, ClaimDetail, ClaimFilter, HistoryEntry, Link, Source, Status, Verdict
from pipeline.desk.api_base import MAX_PAGE, Checker, Editor, LedgerDep, Viewer, api_router, library
from pipeline.desk.api_models import (
    ClaimIn,
    DecisionIn,
    EditIn,
    IngestIn,
    IngestOut,
    LinkIn,
    MergeIn,
    RetractIn,
    VerdictIn,
)
from pipeline.desk.api_users import router as users_router

router = api_router(prefix="/api", tags=["api"])
router.include_router(users_router)


# -- claims ------------------------------------------------------------------------------------
@router.get("/claims")
def list_claims(
    user: Viewer,
    ledger: LedgerDep,
    status: Status | None = None,
    claimant: Annotated[str | None, Query(max_length=1000)] = None,
    entity: Annotated[str | None, Query(max_length=1000)] = None,
    since: Annotated[str | None, Query(max_length=100)] = None,
    until: Annotated[str | None, Query(max_length=100)] = None,
    source_id: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=1000, description="Full-text search (ranked)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Claim]:
    """Claims matching the filters, in claim-date order (as `claims list`); with `q`, a ranked search."""
    if q:
        curation = library("pipeline.curation")
        hits = curation.search_claims(ledger, q, limit=limit + offset)
        return [h.claim for h in hits][offset:]
    flt = ClaimFilter(
        status=status, claimant=claimant, entity=entity.casefold() if entity else None,
        since=since or None, until=until or None, source_id=source_id, limit=limit, offset=offset,
    )
    return ledger.list_claims(flt)


@router.get("/claims/{claim_id}")
def show_claim(claim_id: str, user: Viewer, ledger: LedgerDep) -> ClaimDetail:
    """One claim (any unique id prefix) with its verdict and link history."""
    return ledger.claim_detail(claim_id)


@router.get("/claims/{claim_id}/history")
def claim_history(claim_id: str, user: Viewer, ledger: LedgerDep) -> list[HistoryEntry]:
    """Every change to a claim (edits, links, decisions, verdicts) with who and when, oldest first."""
    return ledger.history(ledger.claim_id(claim_id))


@router.post("/claims", status_code=201)
def add_claim(body: ClaimIn, user: Checker, ledger: LedgerDep) -> Claim:
    """Log a claim by hand, with the source it cites (found or created)."""
    from pipeline.manual import log_claim, manual_claim

    claim = manual_claim(body.text, body.claimant, role=body.role, date=body.date)
    return log_claim(ledger, claim, source_url=body.source_url, source_title=body.source_title)


@router.post("/links")
def link(body: LinkIn, user: Checker, ledger: LedgerDep) -> Link:
    """Link FROM to TO as evidence, or reject a link; recorded as the token's user."""
    if body.reject == (body.stance is not None):
        raise HTTPException(400, "give exactly one of stance or reject")
    if body.reject:
        return ledger.reject_link(body.from_id, body.to_id, by=user.name)
    made = ledger.link(body.from_id, body.to_id, body.stance or "", origin="manual", note=body.note, by=user.name)
    assert made is not None  # a manual link is never refused
    return made


@router.post("/claims/{claim_id}/verdict", status_code=201)
def verdict(claim_id: str, body: VerdictIn, user: Checker, ledger: LedgerDep) -> Verdict:
    """Rate a claim; the newest verdict is the claim's verdict, the history is kept."""
    return ledger.rate(
        claim_id, body.rating, rationale=body.rationale, by=user.name, evidence=body.evidence, label=body.label
    )


@router.post("/claims/{claim_id}/edit")
def edit(claim_id: str, body: EditIn, user: Checker, ledger: LedgerDep) -> Any:
    """Revise a claim's text, claimant, role, date, polarity or quote kind; its automatic links are recomputed."""
    curation = library("pipeline.curation")
    changes = curation.ClaimChanges(**body.model_dump(exclude={"note"}))
    return curation.edit_claim(ledger, claim_id, changes, user.name, body.note).model_dump(mode="json")


@router.post("/claims/{claim_id}/retract")
def retract(claim_id: str, body: RetractIn, user: Editor, ledger: LedgerDep) -> HistoryEntry:
    """Hide a claim that is not a claim from lists, reports and linking (kept, with who and why)."""
    return library("pipeline.curation").retract_claim(ledger, claim_id, user.name, body.reason)  # type: ignore[no-any-return]


@router.post("/claims/{claim_id}/merge")
def merge(claim_id: str, body: MergeIn, user: Editor, ledger: LedgerDep) -> HistoryEntry:
    """Make claim `other` an appearance of this one; its links, verdicts and appearances come along."""
    return library("pipeline.curation").merge_claims(ledger, claim_id, body.other, user.name, body.note)  # type: ignore[no-any-return]


# -- review queue ---------------------------------------------------------------------------------
@router.get("/review")
def review_list(
    user: Viewer,
    ledger: LedgerDep,
    order: Annotated[str, Query(pattern="^(newest|confidence)$")] = "newest",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> list[dict[str, Any]]:
    """Suggested links waiting for a person, newest or most confident first."""
    found = library("pipeline.review").list_suggestions(ledger, order=order, limit=limit)
    return [s.model_dump(mode="json") for s in found]


@router.post("/review/{suggestion_id}/accept")
def review_accept(suggestion_id: str, body: DecisionIn, user: Checker, ledger: LedgerDep) -> dict[str, Any]:
    """Accept a suggestion (optionally as another stance); it counts for status from now on."""
    review = library("pipeline.review")
    decision = review.accept(ledger, suggestion_id, by=user.name, note=body.note, stance=body.stance)
    return decision.model_dump(mode="json")  # type: ignore[no-any-return]


@router.post("/review/{suggestion_id}/reject")
def review_reject(suggestion_id: str, body: DecisionIn, user: Checker, ledger: LedgerDep) -> dict[str, Any]:
    """Reject a suggestion; linking never proposes the pair again."""
    if body.stance is not None:
        raise HTTPException(400, "a rejection takes no stance")
    decision = library("pipeline.review").reject(ledger, suggestion_id, by=user.name, note=body.note)
    return decision.model_dump(mode="json")  # type: ignore[no-any-return]


# -- sources and ingest -----------------------------------------------------------------------------
@router.get("/sources")
def list_sources(user: Viewer, ledger: LedgerDep) -> list[dict[str, Any]]:
    """Sources without their text (articles, and the comments and pingbacks under them)."""
    return [s.model_dump(mode="json", exclude={"text"}) for s in ledger.list_sources()]


@router.get("/sources/{source_id}")
def show_source(source_id: str, user: Viewer, ledger: LedgerDep) -> Source:
    """One source with its text."""
    return ledger.get_source(source_id)


@router.post("/ingest", status_code=201)
def ingest(body: IngestIn, request: Request, user: Checker, ledger: LedgerDep) -> IngestOut:
    """Extract the claims of one article's text and store them (with links), as `claimtrack ingest` does."""
    from claims.dates import PartialDate
    from pipeline.ingest import ingest_documents
    from sources.document import Document

    published = PartialDate.parse(body.published) if body.published else None
    document = Document(
        text=body.text, published=published, outlet=body.outlet, title=body.title, url=body.url,
        author=body.author, path="<api>",
    )
    result = ingest_documents(ledger, [document], nlp=getattr(request.app.state, "nlp", None))
    outcome = result.files[0] if result.files else None
    return IngestOut(
        outcome=outcome.outcome if outcome else "failed", message=outcome.message if outcome else None,
        sources=result.sources, claims=result.claims, links=result.links,
    )


# -- reports ------------------------------------------------------------------------------------------
@router.get("/reports/disputed", response_class=Response)
def report_disputed(
    user: Viewer,
    ledger: LedgerDep,
    since: Annotated[str | None, Query(max_length=100)] = None,
    until: Annotated[str | None, Query(max_length=100)] = None,
    entity: Annotated[str | None, Query(max_length=1000)] = None,
    claimant: Annotated[str | None, Query(max_length=1000)] = None,
    include_rated: bool = False,
) -> Response:
    """The disputed report as JSON (the same document as `report disputed --format json`)."""
    from claims.dates import PartialDate
    from reports.disputed import build_disputed_report
    from reports.render import render_disputed

    report = build_disputed_report(
        ledger, since=PartialDate.parse(since) if since else None, until=PartialDate.parse(until) if until else None,
        entity=entity, claimant=claimant, include_rated=include_rated,
    )
    return Response(render_disputed(report, "json"), media_type="application/json")


@router.get("/reports/status", response_class=Response)
def report_status(user: Viewer, ledger: LedgerDep) -> Response:
    """The status report as JSON (as `report status --format json`)."""
    from reports.render import render_status
    from reports.status import build_status_report

    return Response(render_status(build_status_report(ledger), "json"), media_type="application/json")
