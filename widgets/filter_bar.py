"""The filter bar: one line of input that narrows the sidebar and highlights as you type."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

PLACEHOLDER = ("/ filter: words  @NAME  type:person|org|place|date  kind:direct|indirect|mixed  unattributed  "
               "reviewed:no  verdict:accepted|rejected  conf<0.5")


class FilterBar(Input):
    """Typing filters live; Enter jumps to the first match; Esc clears and goes back."""

    BINDINGS = [
        Binding("enter", "submit", "Jump to the first match", id="filter.submit"),
        Binding("escape", "clear_and_leave", "Clear filter, back to the text", id="filter.clear"),
    ]

    HELP = (
        "Plain words match actor names and quote text.  speaker:NAME (or @NAME), "
        "type:person|org|place|date|other, kind:direct|indirect|mixed and unattributed narrow further; "
        "so do reviewed:yes|no, verdict:accepted|rejected|reassigned|none and conf<0.5 (also <=, >, >=); "
        "use double quotes for phrases."
    )

    class Cleared(Message):
        """The user cleared the filter with Esc and wants the text back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())
