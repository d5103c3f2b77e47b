"""Screen 7, add: log a claim by hand, upload or paste an article, import ClaimReview or AVeriTeC files.

Uploads and imports run as background jobs (`pipeline.desk.jobs`); the page
polls the job with htmx and lists the claims when it is done.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from claims.dates import PartialDate
from claims.errors import InvalidInput
from pipeline.desk import jobs
from pipeline.desk.auth import User, check_csrf
from pipeline.desk.web import Checker, is_htmx, ledger, page

router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024


@router.get("/add")
def add_page(request: Request, user: User = Checker) -> Response:
    return page(request, "add.html", active="add", error=None)


@router.post("/add/claim", dependencies=[Depends(check_csrf)])
def log(
    request: Request, text: str = Form(...), claimant: str = Form(...), role: str = Form(""),
    date: str = Form(""), source_url: str = Form(""), source_title: str = Form(""), user: User = Checker,
) -> Response:
    """Log a claim by hand (as `claimtrack claims add`), recording who logged it."""
    from pipeline.manual import log_claim, manual_claim

    led = ledger(request)
    claim = manual_claim(text, claimant, role=role.strip() or None, date=date.strip() or None)
    claim = log_claim(led, claim, source_url=source_url.strip() or None, source_title=source_title.strip() or None,
                      nlp=jobs.nlp_of(request.app.state))  # linked as ingest links, with the desk's one parser
    led.record_event(claim.id, "logged", by=user.name)
    return RedirectResponse(f"/claims/{claim.id}", status_code=303)


async def _read(upload: UploadFile | None) -> tuple[str, bytes] | None:
    if upload is None or not upload.filename:
        return None
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(f"{upload.filename}: larger than {MAX_UPLOAD // (1024 * 1024)} MB")
    return upload.filename, data


@router.post("/add/article", dependencies=[Depends(check_csrf)])
async def article(
    request: Request, file: UploadFile | None = File(None), text: str = Form(""), published: str = Form(""),
    outlet: str = Form(""), title: str = Form(""), url: str = Form(""), user: User = Checker,
) -> Response:
    """Start ingesting an uploaded or pasted article; answers with the job's progress panel."""
    got = await _read(file)
    if got is None:
        if not text.strip():
            raise InvalidInput("choose a file or paste the article's text")
        got = ("pasted.txt", text.encode("utf-8"))
    if published.strip():
        PartialDate.parse(published.strip())  # a bad date is refused now, not in the background
    folder = jobs.upload_folder(*got)
    overrides = {"published": published.strip(), "outlet": outlet.strip(), "title": title.strip(),
                 "url": url.strip()}
    state, led = request.app.state, ledger(request)
    job = jobs.start(state, got[0], user.name, lambda j: jobs.ingest_file(state, led, j, folder, overrides))
    return _job_response(request, job)


@router.post("/add/import", dependencies=[Depends(check_csrf)])
async def import_(
    request: Request, file: UploadFile | None = File(None), kind: str = Form("claimreview"), user: User = Checker,
) -> Response:
    """Start importing a ClaimReview (HTML, JSON-LD) or AVeriTeC (JSON) file."""
    if kind not in ("claimreview", "averitec"):
        raise InvalidInput("kind must be claimreview or averitec")
    got = await _read(file)
    if got is None:
        raise InvalidInput("choose a file to import")
    folder = jobs.upload_folder(*got)
    state, led = request.app.state, ledger(request)
    job = jobs.start(state, got[0], user.name, lambda j: jobs.import_file(state, led, j, folder, kind))
    return _job_response(request, job)


def _job_response(request: Request, job: jobs.Job) -> Response:
    if is_htmx(request):
        return page(request, "_job.html", job=job, claims=[])
    return RedirectResponse(f"/add/jobs/{job.id}", status_code=303)


@router.get("/add/jobs/{job_id}")
def job_status(request: Request, job_id: str, user: User = Checker) -> Response:
    """The job's panel: progress while it runs (htmx polls it), its claims when done."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        # Jobs live in memory: after a restart the page's poll asks for one the server never heard of.
        # Answer with a finished panel (htmx then stops polling) that says so, rather than an error every second.
        lost = jobs.Job(id=job_id[:12], what="upload or import", by=user.name, stage="done", done=True,
                        error=jobs.LOST)
        return page(request, "_job.html" if is_htmx(request) else "job.html", status_code=200 if is_htmx(request)
                    else 404, active="add", job=lost, claims=[])
    claims = ledger(request).hydrate_ids(job.claim_ids[:200]) if job.done else []
    name = "_job.html" if is_htmx(request) else "job.html"
    return page(request, name, active="add", job=job, claims=claims)
