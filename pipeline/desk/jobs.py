"""Background work for the add page: ingesting an article or importing fact-checks, with visible progress.

The parse takes seconds (longer the first time, while the language model
loads), so it runs in a thread; the page polls the job with htmx every second
and shows the claims when it is done. Jobs live in memory: they are progress
reports, not state; what they store is in the ledger.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.errors import ClaimtrackError
from claims.ledger import Ledger

_NLP_LOCK = threading.Lock()
LOST = ("the desk restarted since this job began, and its progress was lost: whatever it stored before "
        "is in the ledger (see Sources); upload the file again if its claims are missing")


@dataclass
class Job:
    """One upload or import: what it is doing now, and what it stored when done."""

    id: str
    what: str
    by: str
    stage: str = "queued"
    done: bool = False
    error: str | None = None
    claim_ids: list[str] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        steps = ("queued", "loading the language model", "reading and extracting claims", "linking", "done")
        return 100 if self.done else 15 + 70 * max(0, steps.index(self.stage) if self.stage in steps else 1) // 4


def nlp_of(app_state: Any, job: Job | None = None) -> Any:
    """The app's spaCy pipeline, built once and shared (the first upload or logged claim pays for the load)."""
    with _NLP_LOCK:
        if app_state.nlp is None:
            if job is not None:
                job.stage = "loading the language model"
            from pipeline.nlp.build import build_nlp

            app_state.nlp = build_nlp()
    return app_state.nlp


def start(app_state: Any, what: str, by: str, work: Callable[[Job], None]) -> Job:
    """Register a job and run `work(job)` in a daemon thread; errors end the job with a one-line message."""
    job = Job(id=uuid.uuid4().hex[:12], what=what, by=by)
    app_state.jobs[job.id] = job

    def run() -> None:
        try:
            work(job)
        except (ClaimtrackError, ValueError, OSError) as exc:
            job.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        except Exception as exc:  # a bug must not kill the server thread silently: report it on the page
            traceback.print_exc()
            job.error = f"internal error: {type(exc).__name__}"
        finally:
            job.stage = "done"
            job.done = True

    threading.Thread(target=run, name=f"desk-job-{job.id}", daemon=True).start()
    return job


def ingest_file(app_state: Any, ledger: Ledger, job: Job, folder: Path, overrides: dict[str, Any]) -> None:
    """Ingest the one file in `folder` (then delete the folder), recording who added each claim."""
    from pipeline.ingest import ingest_paths
    from pipeline.ingest_result import IngestOptions
    from sources.document import Overrides

    try:
        options = IngestOptions(overrides=Overrides(**{k: v for k, v in overrides.items() if v}))
        nlp = nlp_of(app_state, job)
        job.stage = "reading and extracting claims"
        result = ingest_paths(ledger, [str(p) for p in sorted(folder.iterdir())], options, nlp=nlp)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    job.stage = "linking"
    for failed in result.failed:
        job.messages.append(failed.message or "could not be read")
    for f in result.files:
        if f.outcome == "unchanged":
            job.messages.append("this text is already in the ledger (unchanged)")
        if f.source_id:
            job.source_ids.append(f.source_id)
    job.claim_ids = [c.id for c in result.claims]
    with ledger.transaction() as conn:
        for cid in job.claim_ids:
            ledger.record_event(cid, "ingested", by=job.by, detail={"source_id": job.source_ids[0]}, conn=conn)
    if result.failed and not job.claim_ids:
        job.error = job.messages[0]


def import_file(app_state: Any, ledger: Ledger, job: Job, folder: Path, kind: str) -> None:
    """Import a ClaimReview or AVeriTeC file (the same rule as `claimtrack import`)."""
    from pipeline.importers import import_files

    try:
        if kind == "averitec":
            from reports.averitec import averitec_entries as parse
        else:
            from reports.claimreview_import import claimreview_entries as parse
        job.stage = "reading and extracting claims"
        nlp = nlp_of(app_state, job) if kind == "claimreview" else None
        result = import_files(ledger, sorted(folder.iterdir()), parse, link=kind == "claimreview", nlp=nlp)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    job.claim_ids = list(result.claim_ids)
    job.messages = [f"imported {result.imported}, skipped {len(result.skipped)}"] + [
        f"skipped {s.item}: {s.reason}" for s in result.skipped[:20]
    ]


def upload_folder(name: str, data: bytes) -> Path:
    """A private temporary folder holding `data` under a safe version of `name` (the reader uses the suffix)."""
    folder = Path(tempfile.mkdtemp(prefix="claimtrack-desk-"))
    stem = "".join(ch for ch in Path(name).stem if ch.isalnum() or ch in "-_")[:60] or "upload"
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in (".txt", ".md", ".html", ".htm", ".json") else ".txt"
    (folder / f"{stem}{suffix}").write_bytes(data)
    return folder
