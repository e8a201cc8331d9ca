"""Where the reader's step keys go: n/N through the filter's matches, the quote keys through quotes.

The screen asks for the next (previous) place from where the reader is and
whether that went round the end of the text (it then says so); the quotes
are put in reading order once per version of the document, not on every key.
"""

from __future__ import annotations

from newsview.filtering import FilterResult, FilterState, next_span
from newsview.model import ParsedDocument, Quote, Span


def step_from(spans: list[Span], origin: int, direction: int) -> tuple[int, bool] | None:
    """The index of the next span after ``origin`` (``direction`` > 0) or the one before it, and
    whether it wrapped round the text's end; None when there is no span at all."""
    index = next_span(tuple(spans), origin, backwards=direction < 0)
    if index is None:
        return None
    wrapped = spans[index][0] <= origin if direction > 0 else spans[index][0] >= origin
    return index, wrapped


def quote_at(document: ParsedDocument, state: FilterState, span: Span) -> str | None:
    """The quote a filter match lies in, when the filter matches within quotes (None otherwise)."""
    if not (state.quote_only or state.speakers):
        return None
    for q in document.quotes:
        if any(s <= span[0] < e for s, e in (q.spans or ((q.start, q.end),))):
            return q.id
    return None


class QuotesInOrder:
    """A document's quotes in reading order, and their (start, end): sorted once per document."""

    def __init__(self) -> None:
        self._document: ParsedDocument | None = None
        self._quotes: list[Quote] = []
        self._spans: list[Span] = []

    def of(self, document: ParsedDocument) -> tuple[list[Quote], list[Span]]:
        if self._document is not document:
            self._quotes = sorted(document.quotes, key=lambda q: (q.start, q.end))
            self._spans = [(q.start, q.end) for q in self._quotes]
            self._document = document
        return self._quotes, self._spans

    def to_step(self, document: ParsedDocument, state: FilterState,
                result: FilterResult) -> tuple[list[Quote], list[Span]]:
        """The quotes the quote keys step through: every one, or those the active filter found."""
        quotes, spans = self.of(document)
        if state.active and result.quote_ids:
            keep = set(result.quote_ids)
            quotes = [q for q in quotes if q.id in keep]
            spans = [(q.start, q.end) for q in quotes]
        return quotes, spans
