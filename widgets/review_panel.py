"""How a quote's review looks: verdict marks for the sidebar and the evidence panel.

A verdict is always a symbol and a word with a text style (never colour alone):
``✓ accepted``, ``✗ rejected``, ``→ reassigned``.  Everything taken from the
article or typed by the reviewer (names, cues, notes) enters as plain text in
``Content``, so markup in it is shown as written.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from newsview.model import ParsedDocument, Quote
from newsview.review import ACCEPTED, REJECTED, ReviewedQuote

from .article_view import display_safe

ACCEPTED_STYLE = "bold $text-success"
REJECTED_STYLE = "bold $text-error"
REASSIGNED_STYLE = "bold $text-accent"


def _flat(text: str) -> str:
    return display_safe(" ".join(text.split()))


def verdict_symbol(rq: ReviewedQuote | None) -> tuple[str, str]:
    """(two-cell symbol, style) that leads a quote's row in the sidebar."""
    if rq is None:
        return "  ", ""
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


def _label(name: str) -> tuple[str, str]:
    return (f"{name:<8} ", "$text-muted")


def evidence_lines(doc: ParsedDocument, quote: Quote, rq: ReviewedQuote | None) -> list[Content]:
    """What the panel says about one quote: position, speaker, cue, evidence, verdict, note."""
    index = next((i for i, q in enumerate(doc.quotes, 1) if q.id == quote.id), 0)
    lines = [Content.assemble(
        (f"Quote {index}/{len(doc.quotes)}", "bold"), f" · {quote.kind} · {quote.confidence:.2f}",
    )]
    speaker = doc.speaker_name(quote)
    who: list[tuple[str, str] | str] = [_label("Speaker")]
    if rq is not None and rq.reassigned:
        who += [("→ ", REASSIGNED_STYLE), (_flat(rq.speaker_name or "nobody"), "bold")]
        lines.append(Content.assemble(*who))
        lines.append(Content.assemble(_label("Engine"), _flat(rq.engine_speaker_name or "nobody")))
    else:
        who.append((_flat(speaker), "bold") if speaker else ("unattributed", "italic"))
        lines.append(Content.assemble(*who))
    cue: list[tuple[str, str] | str] = []
    if quote.cue:
        cue += [_label("Cue"), "“" + _flat(quote.cue) + "”"]
    if quote.speaker_span is not None:
        mention = doc.text[quote.speaker_span[0]:quote.speaker_span[1]]
        cue += [" · " if cue else _label("Mention"), ("mention " if cue else ""), "“" + _flat(mention) + "”"]
    if cue:
        lines.append(Content.assemble(*cue))
    if quote.evidence is not None:
        rule: list[tuple[str, str] | str] = [_label("Rule"), _flat(quote.evidence.rule)]
        if quote.evidence.chain:
            rule += [" · ", " → ".join(_flat(c) for c in quote.evidence.chain)]
        lines.append(Content.assemble(*rule))
    # the speaker and note lines already say "reassigned" and "note"
    words = [w for w in verdict_words(rq) if not w[0].startswith(("✎", "→"))]
    if not words and rq is not None and rq.reassigned:
        words = [("→ reassigned", REASSIGNED_STYLE)]
    review: list[tuple[str, str] | str] = [_label("Review")]
    if words:
        for i, part in enumerate(words):
            review += ([" · "] if i else []) + [part]
    else:
        review.append(("not reviewed yet", "italic $text-muted"))
    lines.append(Content.assemble(*review))
    if rq is not None and rq.note:
        lines.append(Content.assemble(_label("Note"), _flat(rq.note)))
    return lines


class ReviewPanel(Static):
    """The quote under review and the evidence behind its attribution (hidden when there is none)."""

    DEFAULT_CSS = """
    ReviewPanel {
        height: auto;
        max-height: 9;
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

    def show_quote(self, doc: ParsedDocument | None, quote_id: str | None, rq: ReviewedQuote | None) -> None:
        quote = doc.quote(quote_id) if doc is not None and quote_id else None
        self.quote_id = quote.id if quote else None
        if quote is None or doc is None:
            self.text = ""
            self.remove_class("-shown")
            self.update(Content(""))
            return
        content = Content("\n").join(evidence_lines(doc, quote, rq))
        self.text = content.plain
        self.update(content)
        self.add_class("-shown")
