"""What each view of the library shows: its columns, a row's cells, its sorts and the line under the list.

Pure functions of the index's rows (no widgets), so the screen stays a
coordinator and the tests can read what a row says.  Every string here that
comes from an article is drawn literally (``RowList`` draws plain segments).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsview.widgets.row_list import Cell, Column

from newsview.library.sources import percent
from newsview.safe_text import one_line

if TYPE_CHECKING:  # pragma: no cover
    from newsview.library.query import ArticleRow
    from newsview.library.sources import LibrarySources
    from newsview.library.speakers import SpeakerQuote, SpeakerRow

#: the views in the order tab goes through them (the speaker's quotes are reached from Speakers)
VIEWS = ("articles", "speakers", "sources")
VIEW_TITLES = {"articles": "Articles", "speakers": "Speakers", "quotes": "Quotes", "sources": "Sources"}

#: the sorts ``o`` goes through, per view, with the words the status line uses
ARTICLE_SORTS = (("date", "newest first"), ("title", "title"), ("quotes", "most quotes"),
                 ("unreviewed", "most unreviewed"), ("confidence", "least confident"), ("state", "failed first"))
SPEAKER_SORTS = (("articles", "most articles"), ("quotes", "most quotes"), ("mentions", "most mentioned"),
                 ("name", "name"), ("date", "most recent"))

LOW_CONFIDENCE = 0.7

ARTICLE_COLUMNS = (
    Column("Title", 16, flex=3), Column("Publisher", 11), Column("Date", 10), Column("Act", 3, right=True),
    Column("Quo", 3, right=True), Column("Review", 7, right=True), Column("<.7", 3, right=True), Column("State", 9, flex=1),
)
SPEAKER_COLUMNS = (
    Column("Speaker", 16, flex=1), Column("Kind", 7), Column("Arts", 4, right=True), Column("Quotes", 6, right=True),
    Column("Words", 6, right=True), Column("First", 10), Column("Last", 10),
)
QUOTE_COLUMNS = (
    Column("Date", 10), Column("Article", 14, flex=2), Column("Quote", 24, flex=3), Column("Conf", 4, right=True),
)

_STATE_STYLE = {"done": "good", "queued": "dim", "analysing": "warn", "failed": "error", "unreadable": "error",
                "fetching": "warn"}


def article_cells(row: ArticleRow) -> Sequence[Cell]:
    analysed = row.analysed
    state = row.state if row.state != "done" else "analysed"
    if row.reason and row.state in ("failed", "unreadable"):
        state = f"{row.state}: {row.reason.removeprefix('analysis failed: ')}"
    low = "" if not analysed else str(row.low_confidence)
    return (
        (row.display_title, ""),
        (row.publisher or "", "dim"),
        (row.date_key or row.date or "", "dim"),
        (str(row.actors) if analysed else "·", ""),
        (str(row.quotes) if analysed else "·", ""),
        (row.progress if analysed and row.quotes else "", "good" if analysed and row.reviewed == row.quotes else ""),
        (low, "warn" if analysed and row.low_confidence else "dim"),
        (state, _STATE_STYLE.get(row.state, "")),
    )


def speaker_cells(row: SpeakerRow) -> Sequence[Cell]:
    return (
        (row.name, "" if row.named else "dim"),
        (row.kind.lower() if row.named else "unnamed", "dim"),
        (str(row.quoted_articles), ""),
        (str(row.quotes), ""),
        (str(row.words), "dim"),
        (row.first_date or "", "dim"),
        (row.last_date or "", "dim"),
    )


def speaker_quote_cells(item: SpeakerQuote) -> Sequence[Cell]:
    quote = item.quote
    return (
        (item.date or "", "dim"),
        (item.title or item.path.rsplit("/", 1)[-1], ""),
        (quote.text, ""),
        (f"{quote.confidence:.2f}", "warn" if quote.confidence < LOW_CONFIDENCE else "dim"),
    )


def library_sources_lines(found: LibrarySources, top: int = 12) -> list[str]:
    """The sources across the library, as the Sources view shows them (names made one safe line each)."""
    overall = found.overall
    cats = overall.by_category
    lines = [
        f"Sources across {found.articles} analysed articles: {overall.quotes} quotes, {overall.words} quoted words",
        "",
        "Quotes by kind of source:",
    ]
    for name in ("named", "unnamed", "other", "unattributed"):
        n = cats.get(name, 0)
        share = n / overall.quotes if overall.quotes else 0.0
        lines.append(f"  {name:<13}{n:>6}  {percent(share):>4}")
    lines += [f"Articles quoting an unnamed source: {found.articles_with_unnamed} of {found.articles}", "",
              "Most of the quoted words:"]
    for s in overall.speakers[:top]:
        lines.append(f"  {percent(s.share):>4}  {one_line(s.name or 'unattributed')} ({s.category}, {s.quotes} quotes)")
    lines += ["", "Quoted first (articles):"]
    for first, category, articles in found.first_quoted[:top]:
        lines.append(f"  {articles:>4}  {one_line(first or category)}")
    return lines
