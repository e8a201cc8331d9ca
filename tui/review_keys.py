"""The review keys: turn a key (and its dialog) into a call on the review session.

The review itself (loading, saving, undo, what is next) is
``newsview.review.session``, with no Textual in it; this adapter only finds
what a key acts on (the quote or actor under review), asks through a dialog
when the key needs more, shows what the session says, and asks the reader to
redraw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from newsview.widgets.actor_sidebar import UNATTRIBUTED

from newsview.filtering import rank_actors
from newsview.safe_text import sanitize

from .bindings import key_named

if TYPE_CHECKING:  # pragma: no cover
    from newsview.widgets.actor_sidebar import ActorList
    from textual.app import App
    from textual.widget import Widget

    from newsview.filtering import FilterResult, FilterState
    from newsview.model import ParsedDocument
    from newsview.review.actions import Action
    from newsview.review.session import Notice, ReviewSession

    from .dialogs import Pick


class Reader(Protocol):
    """What the review keys need of the reader screen (``ReaderScreen`` is one)."""

    app: App
    document: ParsedDocument
    current_quote: str | None
    selected_actor: str | None
    filter_state: FilterState
    filter_result: FilterResult

    @property
    def is_mounted(self) -> bool: ...
    @property
    def focused(self) -> Widget | None: ...
    @property
    def actor_list(self) -> ActorList: ...
    @property
    def analysis_failed(self) -> bool: ...
    def notify(self, message: str, *, title: str = ..., severity: Any = ..., timeout: float | None = ...,
               markup: bool = ...) -> None: ...
    def review_changed(self) -> None: ...
    def select_actor(self, actor_id: str | None, *, jump: bool = True) -> None: ...
    def show_quote(self, quote_id: str) -> None: ...
    def update_review_panel(self) -> None: ...


class ReviewKeys:
    """What each review key does on the reader screen."""

    def __init__(self, reader: Reader, session: ReviewSession) -> None:
        self.reader = reader
        self.session = session

    def run(self, name: str) -> None:
        """Run the review command ``name`` (a review key's name in the bindings table, or "export")."""
        commands = {
            "accept": self.accept, "reject": self.reject, "reassign": self.reassign, "note": self.note,
            "undo": self.undo, "redo": self.redo, "next": self.next, "next_least_confident": self.next_least_confident,
            "merge": self.merge, "rename": self.rename, "export": self.export,
        }
        commands[name]()

    # -- what a key acts on ----------------------------------------------------
    def quote_under_review(self) -> str | None:
        """The sidebar's quote while the sidebar has focus and its cursor is on one, else the current quote."""
        reader = self.reader
        if reader.is_mounted and reader.focused is reader.actor_list:
            row = reader.actor_list.highlighted_row()
            if row is not None and row.kind == "quote":
                return row.key
        current = reader.current_quote
        if current is not None and reader.document.quote(current) is not None:
            return current
        return None

    def actor_under_review(self) -> str | None:
        """The sidebar's actor (cursor on it or on one of its quotes), else the selected actor, else the speaker."""
        reader = self.reader
        if reader.focused is reader.actor_list:
            row = reader.actor_list.highlighted_row()
            if row is not None and row.kind == "actor" and row.key != UNATTRIBUTED:
                return row.key
        if reader.selected_actor is not None:
            return reader.selected_actor
        qid = self.quote_under_review()
        quote = reader.document.quote(qid) if qid else None
        return quote.speaker if quote else None

    def _key(self, key_id: str) -> str:
        """The key the user's keymap gives a command, for hints."""
        app = self.reader.app
        return key_named(app, key_id, getattr(app, "keymap", {}))

    def say(self, text: str, severity: str = "information", timeout: float = 4.0) -> None:
        self.reader.notify(text, severity=severity, markup=False, timeout=timeout)

    def tell(self, notice: Notice | None) -> None:
        if notice is not None:
            self.reader.notify(notice.text, title=notice.title, severity=notice.severity,
                               markup=False, timeout=notice.timeout)

    def _ready(self) -> bool:
        if self.session.ready:
            return True
        reader = self.reader
        self.tell(self.session.why_not_ready(analysis_failed=reader.analysis_failed,
                                              analysed=reader.document.analysed))
        return False

    def _target_quote(self) -> str | None:
        if not self._ready():
            return None
        qid = self.quote_under_review()
        if qid is None:
            self.say(f"No quote to review: {self._key('newsview.next_quote')} goes to the next quote, "
                     f"{self._key('review.next')} to the next unreviewed one.", "warning")
        return qid

    def _target_actor(self) -> str | None:
        if not self._ready():
            return None
        actor_id = self.actor_under_review()
        if actor_id is None or self.reader.document.actor(actor_id) is None:
            self.say("Choose an actor first: its row in the sidebar, or a quote it said.", "warning")
            return None
        return actor_id

    def _done(self, outcome: tuple[bool, Notice | None], quote_id: str | None = None) -> bool:
        """Show what an action did; the quote stays under the cursor, under its speaker of now."""
        saved, notice = outcome
        self.tell(notice)
        if not saved and notice is not None and notice.severity != "error":
            return False  # nothing was tried: nothing to redraw
        self.reader.review_changed()
        qid = quote_id or self.quote_under_review()
        if saved and qid is not None and self.reader.document.quote(qid) is not None:
            self.reader.actor_list.reveal_quote(qid)
        return saved

    def apply(self, action: Action) -> bool:
        """Apply one review action; True once it is saved.  A failure is shown and changes nothing."""
        return self._done(self.session.apply(action), getattr(action, "quote_id", None))

    def _actor_choices(self, exclude: str | None = None) -> list[tuple[str, str, str]]:
        document = self.reader.document
        counts: dict[str, int] = {}
        for q in document.quotes:
            if q.speaker:
                counts[q.speaker] = counts.get(q.speaker, 0) + 1
        return [
            (a.id, a.name, f"{a.family} · {counts.get(a.id, 0)} quote{'' if counts.get(a.id, 0) == 1 else 's'}")
            for a in rank_actors(document) if a.id != exclude
        ]

    # -- the keys ------------------------------------------------------------------
    def accept(self) -> None:
        from newsview.review.actions import Accept

        qid = self._target_quote()
        if qid is None:
            return
        if self.session.accepted(qid):
            self.say(f"Already accepted ({self._key('review.undo')} undoes, "
                     f"{self._key('review.reject')} rejects).", timeout=2)
            return
        self.apply(Accept(qid))

    def reject(self) -> None:
        from newsview.review.actions import Reject

        from .dialogs import RejectReason

        qid = self._target_quote()
        if qid is None:
            return
        quote = self.reader.document.quote(qid)

        def done(reason: str | None) -> None:
            if reason is not None:
                self.apply(Reject(qid, reason=reason or None))

        self.reader.app.push_screen(RejectReason(quote.text if quote else ""), done)

    def reassign(self) -> None:
        from newsview.review.actions import Reassign

        from .dialogs import ActorPicker

        qid = self._target_quote()
        if qid is None:
            return
        rq = self.session.quote(qid)
        quote = self.reader.document.quote(qid)
        engine = (rq.engine_speaker_name or "nobody") if rq is not None and rq.reassigned else None

        def done(pick: Pick | None) -> None:
            if pick is None:
                return
            if pick.kind == "engine":
                self.apply(Reassign(qid))
            elif pick.kind == "new":
                self.apply(Reassign(qid, new_name=pick.value))
            elif quote is not None and pick.value == quote.speaker and not (rq and rq.reassigned):
                self.say("That is already the speaker.", timeout=3)
            else:
                self.apply(Reassign(qid, actor_id=pick.value))

        self.reader.app.push_screen(ActorPicker("Who said it?", self._actor_choices(quote.speaker if quote else None),
                                                allow_new=True, engine_speaker=engine), done)

    def note(self) -> None:
        from newsview.review.actions import SetNote

        from .dialogs import TextPrompt

        qid = self._target_quote()
        if qid is None:
            return
        rq = self.session.quote(qid)
        quote = self.reader.document.quote(qid)
        initial = sanitize(rq.note) if rq is not None else ""

        def done(text: str | None) -> None:
            if text is not None and text.strip() != initial.strip():
                self.apply(SetNote(qid, text))

        self.reader.app.push_screen(TextPrompt(
            "Note on this quote", initial, context="“" + (quote.text if quote else "") + "”",
            placeholder="what you checked, a source… (empty removes the note)"), done)

    def undo(self) -> None:
        if self._ready():
            self._done(self.session.undo())

    def redo(self) -> None:
        if self._ready():
            self._done(self.session.undo(redo=True))

    def merge(self) -> None:
        from newsview.review.actions import MergeActors

        from .dialogs import ActorPicker

        absorb = self._target_actor()
        if absorb is None:
            return
        reader = self.reader
        name = reader.document.actor(absorb).name  # type: ignore[union-attr]  # _target_actor gives only actors the document has

        def done(pick: Pick | None) -> None:
            if pick is not None and pick.value and self.apply(MergeActors(keep_id=pick.value, absorb_id=absorb)):
                view = self.session.view
                kept = view.actor_of.get(absorb, pick.value) if view is not None else pick.value
                if reader.selected_actor == absorb:
                    reader.select_actor(kept, jump=False)
                reader.actor_list.select_row("actor:" + kept)

        reader.app.push_screen(ActorPicker(f"Merge {name} into…", self._actor_choices(absorb)), done)

    def rename(self) -> None:
        from newsview.review.actions import RenameActor

        from .dialogs import TextPrompt

        actor_id = self._target_actor()
        if actor_id is None:
            return
        name = self.reader.document.actor(actor_id).name  # type: ignore[union-attr]  # _target_actor gives only actors the document has

        def done(text: str | None) -> None:
            if text is not None and " ".join(text.split()) and " ".join(text.split()) != name:
                self.apply(RenameActor(actor_id, text))

        self.reader.app.push_screen(TextPrompt("Rename actor", name, context=f"Now: {name}"), done)

    def next(self, least_confident: bool = False) -> None:
        """Go to the next unreviewed quote (in reading order, or the least confident), within the filter."""
        if not self._ready():
            return
        reader = self.reader
        filtering = reader.filter_state.active
        qid = self.session.next_unreviewed(self.quote_under_review(), least_confident=least_confident,
                                           keep=reader.filter_result.keeps_quote if filtering else None)
        if qid is None:
            where = " among the filtered quotes" if filtering else ""
            self.say(f"Every quote{where} is reviewed.", timeout=3)
            return
        reader.show_quote(qid)
        reader.actor_list.reveal_quote(qid)
        reader.update_review_panel()

    def next_least_confident(self) -> None:
        self.next(least_confident=True)

    def export(self) -> None:
        """Write the review as a Markdown report beside the review file."""
        if self._ready():
            self.tell(self.session.export_markdown())
