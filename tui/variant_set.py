"""The other articles the app knows of (its "library context") and the quote variants found across them.

A reader opened on one article knows nothing of the others; given a library
context it can tell which of its quotes are quoted, differently, elsewhere.
The context is either the analysed documents themselves, or a function that
returns the clusters (a library that keeps its quotes in an index).  Finding
the variants is slow on many articles: ``find_variant_set`` is called in a
worker thread, never on a keystroke.  Nothing here imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from newsview.model import ParsedDocument
from newsview.variants.documents import document_name
from newsview.variants.model import Cluster, clusters_by_quote

if TYPE_CHECKING:  # pragma: no cover
    from newsview.review.view import ReviewedView

#: what a provider returns: the clusters, or the clusters and the articles' titles by article name
Provided = Union[Sequence[Cluster], tuple[Sequence[Cluster], Mapping[str, str]]]
#: what the app may be given: the documents to compare, or a function returning the clusters
LibraryContext = Union[Sequence[ParsedDocument], Callable[[], Provided]]


@dataclass(frozen=True, eq=False)
class VariantSet:
    """Clusters of one statement quoted in several articles, and the articles they come from."""

    clusters: tuple[Cluster, ...]
    #: article name (``document_name``) -> its document; empty when a provider gave only clusters
    documents: Mapping[str, ParsedDocument] = field(default_factory=dict)
    #: article name -> its title, when a provider gave them
    titles: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_quote", clusters_by_quote(self.clusters))
        object.__setattr__(self, "_by_id", {c.id: c for c in self.clusters})

    def cluster(self, cluster_id: str) -> Cluster | None:
        return self._by_id.get(cluster_id)  # type: ignore[attr-defined]  # set in __post_init__

    def clusters_of(self, doc: str, quote: str) -> list[Cluster]:
        """The clusters quote ``quote`` of article ``doc`` is in, most suspicious first."""
        return list(self._by_quote.get((doc, quote), ()))  # type: ignore[attr-defined]  # set in __post_init__

    def quotes_of(self, doc: str) -> dict[str, list[Cluster]]:
        """Quote id -> its clusters, for every quote of article ``doc`` that has versions elsewhere."""
        return {q: cs for (d, q), cs in self._by_quote.items() if d == doc}  # type: ignore[attr-defined]

    def title(self, doc: str) -> str:
        """How an article is named on screen: its title, else its file name."""
        document = self.documents.get(doc)
        if document is not None and document.meta.title:
            return document.meta.title
        if self.titles.get(doc):
            return self.titles[doc]
        return os.path.basename(doc.rstrip("/")) or doc


def saved_view(doc: ParsedDocument) -> ReviewedView | None:
    """The review saved beside an article (None when it has none or it cannot be read)."""
    from newsview.review.errors import ReviewError
    from newsview.review.store import existing_review
    from newsview.review.view import reviewed_view

    try:
        review = existing_review(doc.source.path, doc, explicit=None)
    except (ReviewError, OSError):
        return None
    return reviewed_view(doc, review) if review is not None else None


def find_variant_set(context: LibraryContext, *, views: Mapping[str, ReviewedView | None] | None = None,
                     read_reviews: bool = True) -> VariantSet:
    """The clusters of ``context`` (blocking: run it in a worker thread).

    ``views`` gives the review to apply for some articles (the reader's own,
    as it stands, unsaved changes included); the others' saved reviews are
    read from disk when ``read_reviews``.
    """
    if callable(context):
        provided = context()
        if isinstance(provided, tuple) and len(provided) == 2 and isinstance(provided[1], Mapping):
            return VariantSet(tuple(provided[0]), titles=provided[1])
        return VariantSet(tuple(provided))  # a sequence of clusters
    from newsview.variants import find_variants, quotes_of_document

    views = views or {}
    documents: dict[str, ParsedDocument] = {}
    quotes = []
    for doc in context:
        if not doc.analysed:
            continue
        name = document_name(doc)
        if name in documents:
            continue  # the same article given twice is not a variant of itself
        documents[name] = doc
        view = views[name] if name in views else (saved_view(doc) if read_reviews else None)
        quotes.extend(quotes_of_document(doc, view))
    return VariantSet(tuple(find_variants(quotes)), documents)
