"""A review in the exports: the JSON ``review`` block, extra CSV columns, a Markdown report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..coverage import coverage_note
from ..model import ParsedDocument, Quote
from ..safe_text import escape_name, one_line
from .fileformat import SCHEMA
from .log import Review
from .view import ReviewedView, reviewed_view

REVIEW_CSV_FIELDS = ("verdict", "reviewed_speaker", "note")


def _as_view(doc: ParsedDocument, review: Review | ReviewedView) -> ReviewedView:
    if isinstance(review, ReviewedView):
        return review
    return reviewed_view(doc, review)


def _verdict_label(verdict: str | None, reason: str | None) -> str:
    if verdict is None:
        return ""
    return f"{verdict} ({reason.replace('_', ' ')})" if reason else verdict


def review_json(doc: ParsedDocument, review: Review | ReviewedView) -> dict[str, Any]:
    """The ``review`` block of a ``newsview/1`` document."""
    view = _as_view(doc, review)
    p = view.progress
    return {
        "schema": SCHEMA,
        "revision": view.review.revision,
        "progress": {"reviewed": p.reviewed, "total": p.total, "accepted": p.accepted, "rejected": p.rejected, "orphaned": p.orphaned},
        "quotes": [
            {
                "id": q.id,
                "verdict": q.verdict,
                "reason": q.reason,
                "reviewed": q.reviewed,
                "speaker": q.speaker_id,
                "speaker_name": q.speaker_name,
                "engine_speaker": q.quote.speaker,
                "engine_speaker_name": q.engine_speaker_name,
                "reassigned": q.reassigned,
                "note": q.note,
            }
            for q in view.quotes
        ],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "aliases": list(a.aliases),
                "members": list(a.members),
                "renamed_from": a.renamed_from,
                "new": a.new,
            }
            for a in view.actors
        ],
        "orphans": [
            {
                "text": o.text,
                "start": o.record.start,
                "end": o.record.end,
                "verdict": o.record.verdict,
                "reason": o.record.reason,
                "speaker_name": o.speaker_name,
                "engine_speaker_name": o.record.engine_speaker,
                "note": o.record.note,
            }
            for o in view.orphans
        ],
    }


def review_csv_rows(doc: ParsedDocument, review: Review | ReviewedView) -> dict[str, dict[str, Any]]:
    """Extra CSV columns for every quote, by quote id: verdict, reviewed_speaker, note."""
    view = _as_view(doc, review)
    return {
        q.id: {
            "verdict": _verdict_label(q.verdict, q.reason) or ("reassigned" if q.reassigned else ""),
            "reviewed_speaker": q.speaker_name if q.reassigned else "",
            "note": q.note,
        }
        for q in view.quotes
    }


def review_csv_fields(doc: ParsedDocument, review: Review | ReviewedView, quote: Quote) -> dict[str, Any]:
    """Extra CSV columns for one quote (empty when unreviewed); see ``review_csv_rows`` for many."""
    return review_csv_rows(doc, review).get(quote.id, {k: "" for k in REVIEW_CSV_FIELDS})


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str | None, *, limit: int | None = None) -> str:
    """Text safe inside a Markdown table cell or line: one line, no markup, no pipes."""
    if not text:
        return ""
    text = one_line(text)
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_report(doc: ParsedDocument, review: Review | ReviewedView, *, include_unreviewed: bool = True) -> str:
    """A review report an editor can paste into a ticket (every quote, or only the reviewed and annotated ones)."""
    view = _as_view(doc, review)
    p = view.progress
    title = doc.meta.title or (escape_name(Path(doc.source.path).name) if doc.source.path else "article")
    out = [f"# Quote review: {md_escape(title)}", ""]
    if doc.source.path:
        out.append(f"- Source: `{escape_name(doc.source.path).replace('`', '')}`")
    out.append(f"- Reviewed: {p.reviewed}/{p.total} quotes ({p.accepted} accepted, {p.rejected} rejected)")
    if p.orphaned:
        out.append(f"- Orphaned: {p.orphaned} reviewed quote(s) no longer found in the analysis")
    if doc.engine_version or doc.pipeline:
        out.append(f"- Analysis: newsview {md_escape(doc.engine_version or '?')}, model {md_escape(doc.pipeline or '?')}")
    note = coverage_note(doc) if doc.analysed else None
    if note:
        out += ["", f"> {md_escape(note)}"]
    out += ["", "## Quotes", ""]
    out.append("| # | Quote | Engine speaker | Verdict | Reviewed speaker | Confidence | Note |")
    out.append("|---|---|---|---|---|---|---|")
    for n, q in enumerate(view.quotes, 1):
        if not include_unreviewed and not (q.reviewed or q.note):
            continue
        out.append(
            "| "
            + " | ".join(
                (
                    str(n),
                    md_escape(q.quote.text, limit=300),
                    md_escape(q.engine_speaker_name) or "—",
                    md_escape(_verdict_label(q.verdict, q.reason)) or ("reassigned" if q.reassigned else "unreviewed"),
                    md_escape(q.speaker_name) if q.reassigned else "",
                    f"{q.quote.confidence:.2f}",
                    md_escape(q.note),
                )
            )
            + " |"
        )
    changes = [a for a in view.actors if a.renamed_from or len(a.members) > 1]
    if changes:
        out += ["", "## Actor corrections", ""]
        for a in changes:
            bits = []
            if a.renamed_from:
                bits.append(f"renamed from {md_escape(a.renamed_from)}")
            merged = [member.name for m in a.members[1:] if (member := view.doc.actor(m)) is not None]
            if merged:
                bits.append("merged with " + ", ".join(md_escape(m) for m in merged))
            out.append(f"- **{md_escape(a.name)}**: {'; '.join(bits)}")
    if view.orphans:
        out += ["", "## Orphaned reviews", "", "Reviewed quotes the current analysis no longer finds:", ""]
        out.append("| Quote | Verdict | Speaker | Note |")
        out.append("|---|---|---|---|")
        for o in view.orphans:
            out.append(
                f"| {md_escape(o.text, limit=300)} | {md_escape(_verdict_label(o.record.verdict, o.record.reason)) or 'unreviewed'} "
                f"| {md_escape(o.speaker_name)} | {md_escape(o.record.note)} |"
            )
    return "\n".join(out) + "\n"
