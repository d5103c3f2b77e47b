"""CSV rendering of the disputed report: one row per claim–evidence pair.

A claim with no evidence still gets one row (evidence columns empty), so the
CSV lists every claim of the report.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from reports.models import DisputedClaim, DisputedReport, EvidenceItem

DISPUTED_FIELDS: tuple[str, ...] = (
    "claim_id",
    "claim_date",
    "claimant",
    "claimant_role",
    "claim",
    "status",
    "rating",
    "source_title",
    "source_outlet",
    "source_url",
    "evidence_id",
    "evidence_stance",
    "evidence_direction",
    "evidence_origin",
    "evidence_date",
    "evidence_claimant",
    "evidence",
    "evidence_source_title",
    "evidence_source_url",
    "link_reason",
)


def disputed_csv(report: DisputedReport) -> str:
    """The report as CSV text (header first, "\\n" line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DISPUTED_FIELDS, lineterminator="\n")
    writer.writeheader()
    for thread in report.claims:
        for ev in thread.evidence or [None]:
            writer.writerow(_row(thread, ev))
    return out.getvalue()


def _row(thread: DisputedClaim, ev: EvidenceItem | None) -> dict[str, Any]:
    src = thread.source
    row: dict[str, Any] = {
        "claim_id": thread.id,
        "claim_date": str(thread.claim_date or ""),
        "claimant": thread.claimant or "",
        "claimant_role": thread.claimant_role or "",
        "claim": thread.text,
        "status": thread.status,
        "rating": thread.verdict.rating if thread.verdict else "",
        "source_title": (src.title if src else None) or "",
        "source_outlet": (src.outlet if src else None) or "",
        "source_url": (src.url if src else None) or "",
    }
    if ev is not None:
        esrc = ev.source
        row.update(
            {
                "evidence_id": ev.id,
                "evidence_stance": ev.stance,
                "evidence_direction": ev.direction,
                "evidence_origin": ev.origin,
                "evidence_date": str(ev.claim_date or ""),
                "evidence_claimant": ev.claimant or "",
                "evidence": ev.text,
                "evidence_source_title": (esrc.title if esrc else None) or "",
                "evidence_source_url": (esrc.url if esrc else None) or "",
                "link_reason": format_reason(ev.reason),
            }
        )
    return row


def format_reason(reason: dict[str, Any] | None) -> str:
    """A link's stored reason as one line ("key: value; ...")."""
    if not reason:
        return ""
    parts = []
    for key, value in reason.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)
