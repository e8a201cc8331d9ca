"""The status line: what the document holds, the active filter, the review, and the analysis's state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True)
class StatusState:
    """What the status line says: the document's counts, the filter, the review and the engine's state."""

    engine: str  #: the analysis's state in words ("analysing…")
    engine_style: str = ""
    analysed: bool = False  #: the counts are those of an analysis (shown only then)
    actors: int = 0
    quotes: int = 0
    entities: int = 0
    filter_text: str = ""
    matches: int | None = None  #: None: no filter
    current: int | None = None  #: index of the current match
    invalid: tuple[str, ...] = ()  #: filter terms not understood
    review: str = ""  #: review progress
    review_message: str = ""  #: what the last review change did, or why it failed
    review_failed: bool = False
    progress: float | None = None  #: share of the text analysed so far


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


class StatusLine(Static):
    """One line at the bottom of the screen."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self.text = ""
        self._shown: Content | None = None

    def show(self, state: StatusState) -> None:
        """Redraw the line; everything in it that comes from the user is shown literally."""
        filter_text, invalid, matches, current = state.filter_text, state.invalid, state.matches, state.current
        review, review_message = state.review, state.review_message
        label = state.engine
        parts: list[tuple[str, str] | str] = []
        if filter_text or invalid:  # first, so a narrow screen cuts the counts rather than the filter
            parts += [" filter: ", (filter_text, "bold")]
            if matches is not None:
                where = f"{current + 1}/{matches}" if current is not None and matches else str(matches)
                parts.append(f" · {where} {'match' if matches == 1 else 'matches'}")
            if invalid:
                parts.append(("  ? " + " ".join(invalid), "$text-warning"))
            parts.append(" │")
        if state.review_failed and review_message:  # an unsaved change comes before everything else
            parts += [(f" ✗ {review_message}", "bold $text-error"), " │"]
        elif review:
            parts.append((f" {review}", "bold"))
            if review_message:
                parts.append((f" · {review_message}", "$text-muted"))
            parts.append(" │")
        if state.progress is not None:
            label = f"{label} {min(99, int(state.progress * 100))}%"
        parts.append((f" {label}", state.engine_style))
        if state.analysed:
            parts.append(f" · {_plural(state.actors, 'actor')} · {_plural(state.quotes, 'quote')}"
                         f" · {_plural(state.entities, 'entity')}")
        parts.append(("  ? keys", "$text-muted"))  # last: the first thing a narrow screen drops
        content = Content.assemble(*parts)
        if self._shown is not None and content.plain == self.text and content.spans == self._shown.spans:
            return  # the same line: no repaint
        self.text = content.plain
        self._shown = content
        # one line high whatever it says: a repaint, no layout
        self.update(content, layout=False)
