"""The readable text summary: title and meta, then each actor with their quotes.

Every string from outside (article, cache entry, file name) goes to Rich as
``Text``, never as markup, and through ``printable`` or ``escape_name`` first:
Rich leaves escape sequences in ``Text`` as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from ..coverage import ENTITIES, coverage_note
from ..model import DOCUMENT_KIND, ParsedDocument, Quote
from ..safe_text import escape_name, printable
from .common import short_line

if TYPE_CHECKING:  # pragma: no cover
    from ..review.log import Review


def _quote_line(q: Quote) -> Text:
    line = Text()
    line.append(f"[{printable(q.kind)}] ", style="dim")
    line.append("“" + short_line(q.text) + "”")
    if q.cue:
        line.append(f"  {short_line(q.cue)}", style="italic dim")
    line.append(f"  {q.confidence:.2f}", style="dim")
    return line


def _entity_lines(doc: ParsedDocument) -> Text:
    """Each family's entity names, once each, for a document that has entities but no actors."""
    names: dict[str, dict[str, None]] = {}
    for e in doc.entities:
        names.setdefault(e.family, {})[e.text] = None
    out = Text()
    for k, (family, found) in enumerate(names.items()):
        out.append(("\n" if k else "") + family, style="cyan")
        out.append("  " + printable(", ".join(found)))
    return out


def summary(doc: ParsedDocument) -> Group:
    """A Rich renderable of the document."""
    parts: list[RenderableType] = []
    head = Text()
    title = short_line(doc.meta.title) if doc.meta.title else None
    head.append(title or (escape_name(doc.source.path) if doc.source.path else "untitled"), style="bold")
    facts = [
        v
        for v in (doc.meta.byline, doc.meta.publisher, doc.meta.date, doc.meta.dateline)
        if v
    ]
    if facts:
        head.append("\n" + short_line(" · ".join(facts)), style="dim")
    n_attr = sum(1 for q in doc.quotes if q.speaker)
    documents = sum(1 for a in doc.actors if a.kind == DOCUMENT_KIND)
    head.append(
        f"\n{len(doc.actors) - documents} actors"
        + (f" · {documents} document{'s' if documents != 1 else ''}" if documents else "")
        + f" · {len(doc.quotes)} quotes ({n_attr} attributed) · {len(doc.entities)} entities",
        style="dim",
    )
    if doc.analysed:
        from ..library.sources import document_sources, sources_line

        head.append("\n" + printable(sources_line(document_sources(doc))), style="dim")
    note = coverage_note(doc) if doc.analysed else None
    if note:
        head.append("\n" + printable(note), style="yellow")
    parts.append(Panel(head, expand=False))

    if doc.coverage == ENTITIES and doc.entities:
        parts.append(_entity_lines(doc))
    for actor in sorted(doc.actors, key=lambda a: a.kind == DOCUMENT_KIND):  # documents and data last
        quotes = doc.quotes_by(actor.id)
        name = Text(short_line(actor.name), style="bold")
        name.append(f"  {'document' if actor.kind == DOCUMENT_KIND else printable(actor.family)}", style="cyan")
        name.append(f"  {len(quotes)} quotes, {len(actor.mentions)} mentions", style="dim")
        others = [a for a in actor.aliases if a != actor.name]
        if others:
            name.append("  aka " + short_line(", ".join(others[:6])), style="dim")
        parts.append(name)
        parts.extend(Padding(_quote_line(q), (0, 0, 0, 2)) for q in quotes)
    orphans = doc.quotes_by(None)
    if orphans:
        parts.append(Text("Unattributed", style="bold yellow"))
        parts.extend(Padding(_quote_line(q), (0, 0, 0, 2)) for q in orphans)
    return Group(*parts)


def print_summary(doc: ParsedDocument, console: Console) -> None:
    console.print(summary(doc))


def article_header(doc: ParsedDocument) -> str:
    """``==> samples/a.txt <==``: where each of several summaries begins, and which file it is
    (as ``head`` and ``tail`` mark theirs; the name escaped, never a control character)."""
    return f"==> {escape_name(doc.source.path) if doc.source.path else 'untitled'} <=="


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    """Summaries one after another, a blank line apart, each of several under its file's name;
    no colour codes, no markup, no emoji codes."""
    console = Console(file=out, highlight=False, soft_wrap=False, emoji=False, markup=False)
    for i, (doc, _review) in enumerate(documents):
        if i:
            console.print()
        if not single:
            console.print(Text(article_header(doc)))
        print_summary(doc, console)
        out.flush()
