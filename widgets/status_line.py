"""The status line: what the document holds, the active filter, and the engine's state."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

ENGINE_TEXT = {
    "waiting": ("text only", "$text-muted"),
    "analysing": ("analysing…", "$text-warning"),
    "done": ("analysed", "$text-success"),
    "failed": ("analysis failed", "bold $text-error"),
    "off": ("text only", "$text-muted"),
}


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
        self.engine_state = "waiting"
        self.text = ""

    def show(
        self,
        *,
        engine: str,
        actors: int,
        quotes: int,
        entities: int,
        filter_text: str = "",
        matches: int | None = None,
        current: int | None = None,
        invalid: tuple[str, ...] = (),
    ) -> None:
        """Redraw the line; every argument that comes from the user is shown literally."""
        self.engine_state = engine
        label, style = ENGINE_TEXT.get(engine, (engine, ""))
        parts: list[tuple[str, str] | str] = [(f" {label}", style)]
        if engine == "done":
            parts.append(f" · {actors} actors · {quotes} quotes · {entities} entities")
        if filter_text:
            parts.append("  │ filter: ")
            parts.append((filter_text, "bold"))
            if matches is not None:
                where = f"{current + 1}/{matches}" if current is not None and matches else str(matches)
                parts.append(f" · {where} {'match' if matches == 1 else 'matches'}")
        if invalid:
            parts.append(("  ? " + " ".join(invalid), "$text-warning"))
        content = Content.assemble(*parts)
        self.text = content.plain
        self.update(content)
