"""The help screen, generated from the bindings the app really has."""

from __future__ import annotations

from newsview.widgets.entity_styles import (
    FAMILY_LABEL,
    FAMILY_STYLE,
    MATCH_STYLE,
    quote_style,
)
from newsview.widgets.filter_bar import FilterBar
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .dialogs import modal_css


def entity_legend() -> Content:
    """How each entity type and highlight looks, drawn with the real styles."""
    parts: list[Content | tuple[str, str] | str] = []
    for family, style in FAMILY_STYLE.items():
        parts += [(FAMILY_LABEL[family], style), "  "]
    parts += ["\n", ("a quote", quote_style(1)), "  ", ("unattributed quote", quote_style(None)),
              "  ", ("a match", MATCH_STYLE)]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys, the entity legend and the filter syntax."""

    DEFAULT_CSS = modal_css("HelpScreen", "VerticalScroll", 80)

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", id="help.down", show=False),
        Binding("k,up", "scroll(-1)", "Up", id="help.up", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], legend: Content) -> None:
        super().__init__()
        self.sections = sections
        self.legend = legend

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        for title, rows in self.sections:
            if not rows:
                continue
            lines.append(Content.styled(title, "bold $text-primary"))
            width = max(len(k) for k, _ in rows)
            for keys, description in rows:
                lines.append(Content.assemble("  ", (keys.ljust(width), "bold"), "  ", description))
            lines.append(Content(""))
        lines.append(Content.styled("Highlights", "bold $text-primary"))
        lines.append(self.legend)
        lines.append(Content(""))
        lines.append(Content.styled("Filter", "bold $text-primary"))
        lines.append(Content(FilterBar.HELP))
        scroll = VerticalScroll(Static(Content("\n").join(lines), id="help-text"))
        scroll.border_title = "newsview keys"
        yield scroll

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    @property
    def text(self) -> str:
        return str(self.query_one("#help-text", Static).render())
