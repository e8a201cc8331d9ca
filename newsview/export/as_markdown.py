"""Markdown: the review report an editor pastes into a ticket, one per document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review


def to_markdown(doc: ParsedDocument, review: Review | None = None) -> str:
    """The review report (every quote, reviewed or not)."""
    from ..review.export import markdown_report
    from ..review.log import Review

    return markdown_report(doc, review if review is not None else Review())


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    for i, (doc, review) in enumerate(documents):
        out.write(("\n" if i else "") + to_markdown(doc, review))
        out.flush()
