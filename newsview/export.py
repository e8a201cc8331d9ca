"""Writing a ParsedDocument out: JSON, JSON Lines, CSV and a readable text summary.

Every format is written from the model alone, so the app, scripts and the
benchmark all see the same thing.
"""

from __future__ import annotations

import csv
import io
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator

from rich.console import Console, Group
from rich.panel import Panel
from rich.padding import Padding
from rich.text import Text

from .model import ParsedDocument, Quote, write_json
from .safe_text import display_safe, one_line

if TYPE_CHECKING:  # pragma: no cover
    from .review.log import Review

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

#: Characters that make a spreadsheet treat a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def document_fields(doc: ParsedDocument, review: "Review | None" = None) -> Iterator[tuple[str, Any]]:
    """The newsview/1 document's fields, with a ``review`` block when the article has a saved review."""
    yield from doc.json_fields()
    if review is not None:
        from .review.export import review_json

        yield "review", review_json(doc, review)


def write_json_document(out: IO[str], doc: ParsedDocument, review: "Review | None" = None, *,
                        indent: int | None = 2) -> None:
    """Write the document a list item at a time: a long article's JSON is never whole in memory."""
    write_json(out, document_fields(doc, review), indent=indent)


def to_json(doc: ParsedDocument, review: "Review | None" = None, *, indent: int | None = 2) -> str:
    buffer = io.StringIO()
    write_json_document(buffer, doc, review, indent=indent)
    return buffer.getvalue()


def to_markdown(doc: ParsedDocument, review: "Review | None" = None) -> str:
    """The review report an editor can paste into a ticket (every quote, reviewed or not)."""
    from .review.export import markdown_report
    from .review.log import Review

    return markdown_report(doc, review if review is not None else Review())


def _cell(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula (a leading quote mark)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_rows(doc: ParsedDocument, review: "Review | None" = None) -> Iterable[dict[str, object]]:
    reviewed: dict[str, dict[str, object]] = {}
    if review is not None:
        from .review.export import review_csv_rows

        reviewed = review_csv_rows(doc, review)
    for q in doc.quotes:
        row: dict[str, object] = {
            "file": doc.source.path,
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
    docs: Iterable["tuple[ParsedDocument, Review | None]"], out: IO[str], *, header: bool = True
) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    if header:
        writer.writeheader()
    for doc, review in docs:
        for row in csv_rows(doc, review):
            writer.writerow({k: _cell(v) for k, v in row.items()})


def to_csv(doc: ParsedDocument, review: "Review | None" = None) -> str:
    buf = io.StringIO()
    write_csv([(doc, review)], buf)
    return buf.getvalue()


def _short(text: str, limit: int = 160) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote_line(q: Quote) -> Text:
    line = Text()
    line.append(f"[{q.kind}] ", style="dim")
    line.append("“" + _short(q.text) + "”")
    if q.cue:
        line.append(f"  {q.cue}", style="italic dim")
    line.append(f"  {q.confidence:.2f}", style="dim")
    return line


def summary(doc: ParsedDocument) -> Group:
    """A Rich renderable: title and meta, then each actor with their quotes.

    Every article-derived string goes in as ``Text``, never as markup.
    """
    parts: list[object] = []
    head = Text()
    head.append(display_safe(doc.meta.title or doc.source.path or "untitled"), style="bold")
    facts = [
        v
        for v in (doc.meta.byline, doc.meta.publisher, doc.meta.date, doc.meta.dateline)
        if v
    ]
    if facts:
        head.append("\n" + display_safe(" · ".join(facts)), style="dim")
    n_attr = sum(1 for q in doc.quotes if q.speaker)
    head.append(
        f"\n{len(doc.actors)} actors · {len(doc.quotes)} quotes ({n_attr} attributed) · {len(doc.entities)} entities",
        style="dim",
    )
    parts.append(Panel(head, expand=False))

    for actor in doc.actors:
        quotes = doc.quotes_by(actor.id)
        name = Text(display_safe(actor.name), style="bold")
        name.append(f"  {actor.family}", style="cyan")
        name.append(f"  {len(quotes)} quotes, {len(actor.mentions)} mentions", style="dim")
        others = [a for a in actor.aliases if a != actor.name]
        if others:
            name.append("  aka " + display_safe(", ".join(others[:6])), style="dim")
        parts.append(name)
        parts.extend(Padding(_quote_line(q), (0, 0, 0, 2)) for q in quotes)
    orphans = doc.quotes_by(None)
    if orphans:
        parts.append(Text("Unattributed", style="bold yellow"))
        parts.extend(Padding(_quote_line(q), (0, 0, 0, 2)) for q in orphans)
    return Group(*parts)


def print_summary(doc: ParsedDocument, console: Console) -> None:
    console.print(summary(doc))
