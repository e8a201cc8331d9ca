"""One article's review while it is open: load it, apply actions, follow other writers, say where it stands.

A ``ReviewSession`` holds the store of one article's review and the reviewed
view of the current analysis.  Every action is one ``ReviewStore.apply``,
which returns only once the change is saved; when it fails the session keeps
the error (shown until a save works) and nothing else changes.  The session
decides and describes; it shows nothing itself: what a user should be told
comes back as a ``Notice`` for the interface to show.  No Textual here.

The store, the file code and the actions are imported on first use, never before the first frame.
An article with no review file yet has an empty review: ``load(..., defer_if_absent=True)``
then answers what the first frame shows (nothing reviewed, nothing changed) without
reading or importing anything, and the store is loaded when the view is first needed
(or with ``load_deferred``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Actor, ParsedDocument
from ..safe_text import sanitize

if TYPE_CHECKING:  # pragma: no cover
    from .actions import Action
    from .errors import ReviewError
    from .store import ReviewStore
    from .view import ReviewedQuote, ReviewedView


@dataclass(frozen=True)
class Notice:
    """Something to tell the user: one line of plain text."""

    text: str
    severity: str = "information"  # "information", "warning", "error" (Textual's words)
    title: str = ""
    timeout: float = 4.0


def reviewed_document(view: ReviewedView) -> ParsedDocument:
    """``view.doc`` with the review's actors and effective speakers.

    The reader shows (and filters, and highlights) this document, so a quote
    given to another speaker sits under that speaker everywhere.  Ids are kept:
    quotes keep theirs, and an actor is its review id (a document id, or
    ``new:<name>`` for an actor the reviewer added), which is what review
    actions take.
    """
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
    stem = name.removesuffix(".json")
    return review_path.parent / (stem + ".md")


class ReviewSession:
    """The review of the article open in the reader (off without an article file or review file)."""

    def __init__(self, article_path: str | None = None, review_file: str | None = None) -> None:
        """``article_path`` and/or ``review_file`` turn the review on (see ReviewStore.for_article)."""
        self.article_path = article_path
        self.review_file = review_file
        self.store: ReviewStore | None = None
        #: the review of the current analysis, or None (off, not loaded yet, or damaged); see ``view``
        self._view: ReviewedView | None = None
        #: True while the review of an article without a review file waits to be loaded (``load``)
        self.deferred = False
        #: the analysis the view is of
        self.analysis: ParsedDocument | None = None
        #: why there is no review (a damaged file...), or None
        self.problem: str | None = None
        #: what the last review change did, or why it was not saved
        self.message = ""
        self.failed = False

    # -- state -----------------------------------------------------------------
    @property
    def view(self) -> ReviewedView | None:
        """The review of the current analysis, or None (off, not loaded yet, or damaged).

        A deferred load (an article without a review file) happens here, on first use.
        """
        if self.deferred:
            self.load_deferred()
        return self._view

    @property
    def enabled(self) -> bool:
        return self.article_path is not None or self.review_file is not None

    @property
    def ready(self) -> bool:
        return self.view is not None and self.store is not None

    def why_not_ready(self, *, analysis_failed: bool, analysed: bool) -> Notice:
        """Why review keys do nothing now."""
        if self.problem:
            why = f"The review is off: {self.problem}"
        elif not self.enabled:
            why = "Reviewing needs an article file: open one with `newsview FILE`."
        elif analysis_failed:
            why = "The analysis failed: there are no quotes to review."
        elif not analysed:
            why = "The review starts once the article is analysed."
        else:
            why = "The review is off."
        return Notice(why, "warning")

    # What the reader draws: while the load is deferred the review is empty, which
    # changes nothing (the analysis as it is, no verdicts, no tags), so these
    # answer without loading it.
    def reviewed(self, analysis: ParsedDocument) -> ParsedDocument:
        """The analysis as the review says it is (itself when there is no review)."""
        view = None if self.deferred else self.view
        return reviewed_document(view) if view is not None else analysis

    def quote(self, quote_id: str | None) -> ReviewedQuote | None:
        if not quote_id:
            return None
        view = self.view
        return view.quote(quote_id) if view is not None else None

    def quotes_by_id(self) -> dict[str, ReviewedQuote] | None:
        view = None if self.deferred else self.view
        return {rq.id: rq for rq in view.quotes} if view is not None else None

    def actor_tags(self) -> dict[str, str] | None:
        view = None if self.deferred else self.view
        return actor_tags(view) if view is not None else None

    def progress_text(self) -> str:
        """"3/6 reviewed…" for the status line ("" without a review)."""
        if self.deferred and self.analysis is not None:
            from .progress import Progress

            progress = Progress.none_reviewed(len(self.analysis.quotes))
        elif self.view is not None:
            progress = self.view.progress
        else:
            return ""
        return str(progress) + (f" · {progress.orphaned} orphaned" if progress.orphaned else "")

    # -- loading and following the file --------------------------------------------
    def load(self, analysis: ParsedDocument, *, defer_if_absent: bool = False) -> Notice | None:
        """Read the review for this analysis; what to tell the user (reviews lost, a damaged file), if anything.

        ``defer_if_absent``: when nothing is saved for the article yet (no review
        file, nothing to start from), the review is empty and is loaded later
        (see ``deferred``): the first frame does not wait for the review code.
        """
        if not self.enabled:
            return None
        self.analysis = analysis
        if defer_if_absent and self.store is None and self._nothing_saved(analysis):
            self.deferred = True
            self._view = None
            self.problem = None
            return None
        self.deferred = False
        return self._load(analysis)

    def load_deferred(self) -> Notice | None:
        """Load the review whose loading ``load`` deferred (nothing to do otherwise); what to tell the user."""
        if not self.deferred or self.analysis is None:
            return None
        self.deferred = False
        return self._load(self.analysis)

    def _nothing_saved(self, analysis: ParsedDocument) -> bool:
        """True when there is no review file for the article (nor one to start from): its review is empty."""
        from .location import locate

        if self.review_file:
            paths = [Path(self.review_file).expanduser()]
        else:
            path, seed = locate(self.article_path, analysis.source.sha256)
            paths = [path] if seed is None else [path, seed]
        # anything at all at the path (a link, a directory, a pipe) is for the store to read or refuse
        return not any(os.path.lexists(p) for p in paths)

    def _load(self, analysis: ParsedDocument) -> Notice | None:
        from .errors import ReviewError
        from .store import ReviewStore

        try:
            if self.store is None:
                self.store = ReviewStore.for_article(self.article_path, analysis.source.sha256,
                                                     explicit=self.review_file)
            self.store.load(analysis)
            self._view = self.store.view(analysis)
            self.problem = None
        except ReviewError as exc:
            self._view = None
            self.problem = str(exc)
            return self._error(exc, "The review could not be loaded")
        lost = len(self._view.orphans)
        if lost:
            return Notice(f"{lost} reviewed quote{'s are' if lost != 1 else ' is'} not in this analysis of the "
                          "article; kept in the review file and in the Markdown export.",
                          "warning", "Review", 8)
        return None

    def follow_disk(self) -> tuple[bool, Notice | None]:
        """Pick up changes another newsview saved to the same file: (changed, what to say)."""
        from .errors import ReviewError

        view = self.view  # a deferred load happens now: the file may have been written meanwhile
        store = self.store
        if store is None or view is None:
            return False, None
        try:
            if not store.changed_on_disk():
                return False, None
            store.refresh()
        except ReviewError as exc:
            if self.failed and str(exc) in self.message:  # said once, not every tick
                return False, None
            return False, self._error(exc, "The review could not be re-read")
        self._update_view()
        n = store.last_merged
        if n:
            return True, Notice(f"Picked up {n} review change{'s' if n != 1 else ''} saved by another newsview.")
        return True, None

    def _update_view(self) -> None:
        if self.store is not None and self.analysis is not None:
            self._view = self.store.view(self.analysis)

    def _error(self, exc: ReviewError, what: str) -> Notice:
        """Keep the error for the status line (until a save works) and say it."""
        self.failed = True
        self.message = f"{what}: {exc}"
        return Notice(self.message, "error", "Review", 10)

    # -- changes -----------------------------------------------------------------------
    def apply(self, action: Action) -> tuple[bool, Notice | None]:
        """Apply one action: (saved, what to say).  A failure changes nothing but what others saved meanwhile."""
        from .entries import describe_last
        from .errors import ReviewError

        self.load_deferred()
        store = self.store
        if store is None:
            return False, None
        try:
            if store.changed_on_disk():
                store.refresh()
            review = store.apply(action)
        except ReviewError as exc:
            notice = self._error(exc, "Not saved")
            # what another instance saved (picked up before the failure) is still shown
            self._update_view()
            return False, notice
        self.failed = False
        self.message = describe_last(review)
        self._update_view()
        return True, None

    def accepted(self, quote_id: str) -> bool:
        from .actions import ACCEPTED

        rq = self.quote(quote_id)
        return rq is not None and rq.verdict == ACCEPTED

    def undo(self, redo: bool = False) -> tuple[bool, Notice | None]:
        """Undo (or redo) the last change, if there is one."""
        from .actions import Redo, Undo

        self.load_deferred()
        assert self.store is not None
        review = self.store.review
        if not (review.can_redo if redo else review.can_undo):
            return False, Notice(f"Nothing to {'redo' if redo else 'undo'}.", timeout=2)
        return self.apply(Redo() if redo else Undo())

    def next_unreviewed(self, after: str | None, *, least_confident: bool = False,
                        keep: Callable[[str], bool] | None = None) -> str | None:
        """The next quote with no verdict (in reading order, or the least confident) among those ``keep`` keeps."""
        view = self.view
        if view is None:
            return None
        if keep is not None:
            view = replace(view, quotes=tuple(q for q in view.quotes if keep(q.id)))
        return view.next_unreviewed(after, lowest_confidence=least_confident)

    def export_markdown(self) -> Notice:
        """Write the review as a Markdown report beside the review file."""
        from .export import markdown_report

        self.load_deferred()
        assert self.store is not None and self.analysis is not None
        target = export_path(self.store.path, self.article_path)
        try:
            target.write_text(markdown_report(self.analysis, self.store.review), encoding="utf-8")
        except OSError as exc:
            return Notice(f"Could not write {target}: {exc.strerror or exc}", "error", "Review", 10)
        return Notice(f"Review written to {target}", timeout=6)
