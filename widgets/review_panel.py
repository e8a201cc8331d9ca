"""How a quote's review looks: verdict marks for the sidebar and the evidence panel.

A verdict is always a symbol and a word with a text style (never colour alone):
``✓ accepted``, ``✗ rejected``, ``→ reassigned``.  Everything taken from the
article or typed by the reviewer (names, cues, notes) enters as plain text in
``Content``, so markup in it is shown as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from newsview.model import ParsedDocument, Quote
from newsview.safe_text import one_line

if TYPE_CHECKING:
    from newsview.review.view import ReviewedQuote


ACCEPTED_STYLE = "bold $text-success"
REJECTED_STYLE = "bold $text-error"
REASSIGNED_STYLE = "bold $text-accent"


def _flat(text: str) -> str:
    """One line, safe for the terminal: notes and names may come from a review file someone sent."""
    return one_line(text)


def verdict_symbol(rq: ReviewedQuote | None) -> tuple[str, str]:
    """(two-cell symbol, style) that leads a quote's row in the sidebar."""
    if rq is None:
        return "  ", ""
    from newsview.review.actions import ACCEPTED, REJECTED

    if rq.verdict == ACCEPTED:
        return "✓ ", ACCEPTED_STYLE
    if rq.verdict == REJECTED:
        return "✗ ", REJECTED_STYLE
    if rq.reassigned:
        return "→ ", REASSIGNED_STYLE
    return "  ", ""


def verdict_words(rq: ReviewedQuote | None, *, short: bool = False) -> list[tuple[str, str]]:
    """The verdict in words with its style, e.g. ``✗ rejected: wrong speaker``; [] when unreviewed.

    ``short`` (for the sidebar, whose rows already start with the symbol): words only.
    """
    if rq is None:
        return []
    from newsview.review.actions import ACCEPTED, REJECTED

    parts: list[tuple[str, str]] = []
    if rq.verdict == ACCEPTED:
        parts.append(("accepted" if short else "✓ accepted", ACCEPTED_STYLE))
    elif rq.verdict == REJECTED:
        reason = f": {rq.reason.replace('_', ' ')}" if rq.reason and not short else ""
        parts.append((f"{'' if short else '✗ '}rejected{reason}", REJECTED_STYLE))
    if rq.reassigned:
        parts.append(("moved" if short else "→ reassigned", REASSIGNED_STYLE))
    if rq.note:
        parts.append(("note" if short else "✎ note", "italic"))
    return parts


LABEL_WIDTH = 9


def evidence_rows(doc: ParsedDocument, quote: Quote, rq: ReviewedQuote | None) -> list[tuple[str, Content]]:
    """(label, value) rows about one quote: its place, speaker, verdict and note, then the evidence.

    The verdict comes before the evidence, so a short panel cuts the evidence first.
    """
    index = next((i for i, q in enumerate(doc.quotes, 1) if q.id == quote.id), 0)
    rows = [("", Content.assemble(
        (f"Quote {index}/{len(doc.quotes)}", "bold"), f" · {quote.kind} · {quote.confidence:.2f}",
    ))]
    speaker = doc.speaker_name(quote)
    if rq is not None and rq.reassigned:
        rows.append(("Speaker", Content.assemble(("→ ", REASSIGNED_STYLE), (_flat(rq.speaker_name or "nobody"), "bold"))))
        rows.append(("Engine", Content(_flat(rq.engine_speaker_name or "nobody"))))
    else:
        rows.append(("Speaker", Content.styled(_flat(speaker), "bold") if speaker else Content.styled("unattributed", "italic")))
    # the speaker and note rows already say "reassigned" and "note"
    words = [w for w in verdict_words(rq) if not w[0].startswith(("✎", "→"))]
    if not words and rq is not None and rq.reassigned:
        words = [("→ reassigned", REASSIGNED_STYLE)]
    if words:
        rows.append(("Review", Content(" · ").join(Content.styled(text, style) for text, style in words)))
    else:
        rows.append(("Review", Content.styled("not reviewed yet", "italic $text-muted")))
    if rq is not None and rq.note:
        rows.append(("Note", Content(_flat(rq.note))))
    if quote.cue:
        rows.append(("Cue", Content("“" + _flat(quote.cue) + "”")))
    if quote.speaker_span is not None:
        rows.append(("Mention", Content("“" + _flat(doc.text[quote.speaker_span[0]:quote.speaker_span[1]]) + "”")))
    if quote.evidence is not None:
        rows.append(("Rule", Content(_flat(quote.evidence.rule))))
        if quote.evidence.chain:
            rows.append(("Chain", Content(" → ".join(_flat(c) for c in quote.evidence.chain))))
    return rows


def lay_out(rows: list[tuple[str, Content]], width: int) -> Content:
    """The rows as lines, values wrapped under themselves (a hanging indent after the label)."""
    lines: list[Content] = []
    room = max(8, width - LABEL_WIDTH)
    for label, value in rows:
        if not label:
            lines += value.wrap(max(8, width))
            continue
        for i, part in enumerate(value.wrap(room)):
            head = Content.styled(label.ljust(LABEL_WIDTH), "$text-muted") if i == 0 else Content(" " * LABEL_WIDTH)
            lines.append(head + part)
    return Content("\n").join(lines)


class ReviewPanel(Static):
    """The quote under review and the evidence behind its attribution (hidden when there is none)."""

    DEFAULT_CSS = """
    ReviewPanel {
        height: auto;
        max-height: 50%;
        border-top: hkey $panel-lighten-2;
        padding: 0 0 0 1;
        display: none;
    }
    ReviewPanel.-shown {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self.quote_id: str | None = None
        self.text = ""
        self._shown: Content | None = None
        self._rows: list[tuple[str, Content]] = []

    def show_quote(self, doc: ParsedDocument | None, quote_id: str | None, rq: ReviewedQuote | None) -> None:
        quote = doc.quote(quote_id) if doc is not None and quote_id else None
        self.quote_id = quote.id if quote else None
        self._rows = evidence_rows(doc, quote, rq) if quote is not None and doc is not None else []
        self.set_class(bool(self._rows), "-shown")
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        parent = self.parent
        width = self.content_region.width or (parent.content_region.width - 1 if isinstance(parent, Widget) else 30)
        content = lay_out(self._rows, width) if self._rows else Content("")
        if self._shown is not None and content.plain == self.text and content.spans == self._shown.spans:
            return  # unchanged (the same quote after a jump, or a resize that kept the lines)
        self.text = content.plain
        self._shown = content
        self.update(content)
