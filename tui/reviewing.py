"""The document as the review says it is: merged and renamed actors, reassigned speakers.

The app shows (and filters, and highlights) this document, so a quote given to
another speaker sits under that speaker everywhere.  Ids are kept: quotes keep
theirs, and an actor is its review id (a document id, or ``new:<name>`` for an
actor the reviewer added), which is what review actions take.  No Textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import replace
from pathlib import Path

from newsview.model import Actor, ParsedDocument
from newsview.safe_text import sanitize

if TYPE_CHECKING:
    from newsview.review.view import ReviewedView


def reviewed_document(view: ReviewedView) -> ParsedDocument:
    """``view.doc`` with the review's actors and effective speakers."""
    doc = view.doc
    by_id = {a.id: a for a in doc.actors}
    speaker_of = {rq.id: rq.speaker_id for rq in view.quotes}
    actors = []
    for ra in view.actors:
        members = [by_id[m] for m in ra.members if m in by_id]
        first = members[0] if members else None
        actors.append(Actor(
            id=ra.id,
            # names the review gives (renames, new actors) come from a file: no escapes reach the screen
            name=sanitize(ra.name),
            kind=first.kind if first else "PERSON",
            aliases=tuple(sanitize(a) for a in ra.aliases),
            mentions=tuple(sorted({s for m in members for s in m.mentions})),
            quotes=tuple(q for q, s in speaker_of.items() if s == ra.id),
            gender=first.gender if first else None,
        ))
    root = view.actor_of
    return replace(
        doc,
        actors=tuple(actors),
        quotes=tuple(replace(q, speaker=speaker_of.get(q.id, q.speaker)) for q in doc.quotes),
        mentions=tuple(replace(m, actor=root.get(m.actor, m.actor)) for m in doc.mentions),
        entities=tuple(replace(e, actor=root.get(e.actor, e.actor)) if e.actor else e for e in doc.entities),
    )


def actor_tags(view: ReviewedView) -> dict[str, str]:
    """A short word for each actor the review changed ("renamed", "merged"), for the sidebar."""
    tags: dict[str, str] = {}
    for a in view.actors:
        bits = []
        if a.renamed_from:
            bits.append("renamed")
        if len(a.members) > 1:
            bits.append(f"merged ×{len(a.members)}")
        if a.new:
            bits.append("added")
        if bits:
            tags[a.id] = " · ".join(bits)
    return tags


def export_path(review_path: Path, article_path: str | None) -> Path:
    """Where "Export review as Markdown" writes: ``<article>.review.md`` beside the review file."""
    if article_path and article_path != "-":
        return review_path.parent / (Path(article_path).name + ".review.md")
    name = review_path.name
    stem = name[: -len(".json")] if name.endswith(".json") else name
    return review_path.parent / (stem + ".md")
