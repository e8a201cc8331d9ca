"""What the reading pane shows, read back from the widget as a user would see it by scrolling."""

from __future__ import annotations

from factories import paragraphs, source
from newsview.widgets.article_view import ArticleView

from newsview.model import Meta, ParsedDocument


def bare_document(text: str) -> ParsedDocument:
    """``text`` as an unanalysed document with no title or meta line: only the paragraphs are drawn."""
    return ParsedDocument(text=text, source=source(text), meta=Meta(), paragraphs=paragraphs(text))


def every_pane_line(view: ArticleView) -> list[str]:
    """Every line of the pane, top to bottom, as drawn: scrolled a screen at a time and read off the screen."""
    height = view.scrollable_content_region.height
    seen: dict[int, str] = {}
    top = 0
    while True:
        view.scroll_to(y=top, animate=False, immediate=True)
        first = view.scroll_offset.y
        for y in range(height):
            seen[first + y] = view.render_line(y).text
        if first + height >= view.line_count or first < top:
            break
        top = first + height
    return [seen[i] for i in sorted(seen) if i < view.line_count]


def shown_characters(view: ArticleView) -> str:
    """Everything the pane shows, without the spaces: to compare with the text it should show."""
    return "".join("".join(line.split()) for line in every_pane_line(view))
