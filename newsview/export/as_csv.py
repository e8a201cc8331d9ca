"""CSV: one row per quote, with its review verdict and note, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from ..safe_text import escape_name
from .common import spreadsheet_cell

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review

CSV_FIELDS = (
    "file",
    "quote_id",
    "kind",
    "speaker",
    "speaker_id",
    "cue",
    "confidence",
    "start",
    "end",
    "text",
    "verdict",
    "reviewed_speaker",
    "note",
)


def csv_rows(doc: ParsedDocument, review: Review | None = None) -> Iterable[dict[str, object]]:
    reviewed: dict[str, dict[str, object]] = {}
    if review is not None:
        from ..review.export import review_csv_rows

        reviewed = review_csv_rows(doc, review)
    for q in doc.quotes:
        row: dict[str, object] = {
            "file": escape_name(doc.source.path) if doc.source.path is not None else None,
            "quote_id": q.id,
            "kind": q.kind,
            "speaker": doc.speaker_name(q),
            "speaker_id": q.speaker,
            "cue": q.cue,
            "confidence": round(q.confidence, 3),
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "verdict": None,
            "reviewed_speaker": None,
            "note": None,
        }
        row.update(reviewed.get(q.id, {}))
        yield row


def write_csv(
    docs: Iterable[tuple[ParsedDocument, Review | None]], out: IO[str], *, header: bool = True
) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    if header:
        writer.writeheader()
    for doc, review in docs:
        for row in csv_rows(doc, review):
            writer.writerow({k: spreadsheet_cell(v) for k, v in row.items()})


def to_csv(doc: ParsedDocument, review: Review | None = None) -> str:
    buf = io.StringIO()
    write_csv([(doc, review)], buf)
    return buf.getvalue()


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    """One header, before the first analysed document's rows (none when no document could be read)."""
    header = True
    for doc, review in documents:
        write_csv([(doc, review)], out, header=header)
        header = False
        out.flush()
