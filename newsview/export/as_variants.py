"""Quote variants: the same statement across the run's articles, one JSON line per cluster.

Unlike the other formats this one needs every article before it writes:
each document is reduced to its quotes (with reviewed speakers when a review
file is found) as it arrives, so only quotes, never documents, are kept.
The variant finder (numpy, rapidfuzz) is imported only when this format runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    from ..review.view import reviewed_view
    from ..variants import find_variants, quotes_of_document, write_variants

    quotes = []
    for doc, review in documents:
        quotes.extend(quotes_of_document(doc, reviewed_view(doc, review) if review is not None else None))
    write_variants(out, find_variants(quotes))
