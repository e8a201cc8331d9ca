"""Markdown: the review report an editor pastes into a ticket, one per document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review


def to_markdown(doc: ParsedDocument, review: Review | None = None) -> str:
    """The review report (every quote, reviewed or not), with the article's sources once analysed."""
    from ..review.export import markdown_report, md_escape
    from ..review.log import Review

    report = markdown_report(doc, review if review is not None else Review())
    if not doc.analysed:
        return report
    from ..library.sources import document_sources, sources_markdown

    # the summary before the quotes it sums up (the quotes' table stays the report's body)
    head, marker, rest = report.partition("\n## Quotes\n")
    sources = sources_markdown(document_sources(doc), md_escape)
    if not marker:
        return report.rstrip("\n") + "\n\n" + sources
    return head + "\n" + sources + marker + rest


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    """Reports one after another, a rule (``---``) between two; each names its file on its ``Source:`` line."""
    for i, (doc, review) in enumerate(documents):
        out.write(("\n---\n\n" if i else "") + to_markdown(doc, review))
        out.flush()
