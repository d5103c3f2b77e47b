"""CSV rendering: the one CSV writer, and the disputed report as one row per claim–evidence pair.

A claim with no evidence still gets one row (evidence columns empty), so the
CSV lists every claim of the report.

Editors open these files in a spreadsheet, and every cell holds text someone
else wrote. `write_csv` (used by every CSV output, `claims list` included)
therefore follows OWASP's advice on CSV injection: a cell that a spreadsheet
would read as a formula (first visible character `=`, `+`, `-`, `@`, or a
leading tab or CR) gets a leading `'`, and every cell is quoted, so a CR or LF
inside a value stays inside its cell instead of starting a new row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claims.context import SourceContext
from reports.models import DisputedClaim, DisputedReport, EvidenceItem, StatusReport

# `claim` and `evidence` are the sentences a reader reads ("X denied on … that …"). The stored
# proposition is left to the JSON: as a bare cell, a denied proposition would read as affirmed.
DISPUTED_FIELDS: tuple[str, ...] = (
    "claim_id",
    "n",
    "claim",
    "claim_kind",
    "claim_date",
    "claimant",
    "claimant_role",
    "polarity",
    "status",
    "rating",
    "verdict",
    "claim_context",
    "source_title",
    "source_outlet",
    "source_url",
    "latest_evidence",
    "evidence_id",
    "evidence",
    "evidence_stance",
    "evidence_direction",
    "evidence_review",
    "evidence_confidence",
    "evidence_origin",
    "evidence_date",
    "evidence_claimant",
    "evidence_kind",
    "evidence_polarity",
    "evidence_context",
    "evidence_source_title",
    "evidence_source_outlet",
    "evidence_source_url",
    "link_reason",
    "changes",
)
STATUS_FIELDS: tuple[str, ...] = ("section", "key", "claims", "disputed", "rated", "rated_false")


# ASCII formula starters and their full-width forms (which some spreadsheets also read).
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


# Controls that no cell needs (ESC, NUL, C1...); tab, CR and LF stay, inside the quoted cell.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def csv_cell(value: object) -> str:
    """One cell's text, neutralised so that no spreadsheet evaluates it as a formula."""
    text = _CONTROLS.sub("", "" if value is None else str(value))
    if text[:1] in _FORMULA_START or text.lstrip(" \t\r\n")[:1] in _FORMULA_START:
        return "'" + text
    return text


def write_csv(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text: a header, then one line per row; every cell quoted and neutralised ("\\n" line ends)."""
    out = io.StringIO()
    # The header is ours (plain names); every data cell is quoted.
    csv.writer(out, lineterminator="\n").writerow(fields)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in fields])
    return out.getvalue()


def disputed_csv(report: DisputedReport) -> str:
    """The report as CSV text (header first, "\\n" line ends), threads in the report's order."""
    none: list[EvidenceItem | None] = [None]  # a claim with no evidence still gets its row
    rows = (_row(n, t, ev) for n, t in enumerate(report.claims, 1) for ev in t.evidence or none)
    return write_csv(DISPUTED_FIELDS, rows)


def _context(ctx: SourceContext | None) -> str:
    return ctx.sentence if ctx else ""


def _row(n: int, thread: DisputedClaim, ev: EvidenceItem | None) -> dict[str, Any]:
    src = thread.source
    said = thread.said
    row: dict[str, Any] = {
        "n": n,
        "claim_id": thread.id,
        "claim": said.statement if said else thread.text,
        "claim_kind": said.kind if said else "",
        "claim_date": str(thread.claim_date or ""),
        "claimant": thread.claimant or "",
        "claimant_role": thread.claimant_role or "",
        "polarity": thread.polarity,
        "status": thread.status,
        "rating": thread.verdict.rating if thread.verdict else "",
        "verdict": thread.verdict_words,
        "claim_context": _context(said.context if said else None),
        "source_title": (src.title if src else None) or "",
        "source_outlet": (src.outlet if src else None) or "",
        "source_url": (src.url if src else None) or "",
        "latest_evidence": str(thread.latest_evidence or ""),
        "changes": " | ".join(f"{c.at:%Y-%m-%d}: {c.text}" for c in thread.changes),
    }
    if ev is not None:
        esrc = ev.source
        row.update(
            {
                "evidence_id": ev.id,
                "evidence": ev.sentence,
                "evidence_stance": ev.stance,
                "evidence_direction": ev.direction,
                "evidence_review": ev.review_state,
                "evidence_confidence": f"{ev.confidence:.2f}" if ev.confidence is not None else "",
                "evidence_origin": ev.origin,
                "evidence_date": str(ev.claim_date or ""),
                "evidence_claimant": ev.claimant or "",
                "evidence_kind": ev.said.kind if ev.said else "",
                "evidence_polarity": ev.polarity,
                "evidence_context": _context(ev.said.context if ev.said else None),
                "evidence_source_title": (esrc.title if esrc else None) or "",
                "evidence_source_outlet": (esrc.outlet if esrc else None) or "",
                "evidence_source_url": (esrc.url if esrc else None) or "",
                "link_reason": ev.why,
            }
        )
    return row


def status_csv(report: StatusReport) -> str:
    """The status report as CSV: one row per count (section, key) and one per claimant scorecard."""
    rows: list[dict[str, Any]] = []
    for section, counts in (
        ("status", report.by_status),
        ("period", report.by_month),
        ("entity", report.top_disputed_entities),
        ("rating", report.verdicts_by_rating),
        ("not-a-claimant", report.not_claimants),
    ):
        rows += [{"section": section, "key": c.key, "claims": c.count} for c in counts]
    if report.undated:
        rows.append({"section": "period", "key": "undated", "claims": report.undated})
    rows += [
        {
            "section": "claimant",
            "key": s.claimant,
            "claims": s.claims,
            "disputed": s.disputed,
            "rated": s.rated,
            "rated_false": s.rated_false,
        }
        for s in report.scorecards
    ]
    return write_csv(STATUS_FIELDS, rows)


def format_reason(reason: dict[str, Any] | None) -> str:
    """A link's stored reason as one line a reader can follow.

    The linker stores a sentence (`text`) beside its features: reports show the
    sentence with how sure the machine was, and leave the features to the JSON.
    An older reason without a sentence is shown as "key: value; ...".
    """
    if not reason:
        return ""
    text = reason.get("text")
    if isinstance(text, str) and text.strip():
        confidence = reason.get("confidence")
        how = "automatic" if reason.get("auto") else "suggested"
        sure = f", confidence {float(confidence):.2f}" if isinstance(confidence, int | float) else ""
        return f"{text.strip()} ({how}{sure})"
    parts = []
    for key, value in reason.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)
