"""Any text in the reading pane at any width: every word of every paragraph is on screen.

The text goes through the engine's cleaning as a file's would (``engine.prepare``),
then into the reading pane of a terminal 20 to 200 columns wide.  The pane is
read back line by line, scrolling a screen at a time, and every word of every
paragraph must be there, in order (a word longer than the line may be folded
across lines, so the words are compared with the spaces taken out).

The texts mix plain words with what terminals and Rich measure differently:
bidirectional controls, zero-width and joining characters, combining marks,
wide (CJK) characters and emoji sequences.  Profiles (``ci``, ``fuzz``) are in
this folder's conftest; a pane run costs tens of milliseconds, so this property
runs a fifth of the profile's examples.
"""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st
from newsview.widgets.article_view import ArticleView
from reader_screen_text import every_pane_line
from textual.app import App, ComposeResult

from newsview import engine
from newsview.reader import InputError, raw_from_text
from newsview.safe_text import BIDI_CONTROLS, display_safe

_TRICKY = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"  # bidi controls
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width, joiners
    "\u0301\u0308\u20dd"  # combining marks
    "\ufe0f\ufe0e\U0001f3fd"  # variation selectors, a skin tone
    "漢字한글カ😀👨👩👧👦🇺🇸❤"  # wide characters, emoji, a flag's halves
    "\u00a0\u3000\u2028"  # spaces that are not ASCII
)
_SEQUENCES = ["\u2764\ufe0f", "\U0001f468\u200d\U0001f469", "\U0001f1fa\U0001f1f8", "e\u0301", "\u6f22",
              "\U0001f44d\U0001f3fd", "\u0915\u094d\u200d\u0937"]
_WORD = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), min_size=1, max_size=12),
    st.text(st.sampled_from(BIDI_CONTROLS), min_size=1, max_size=24),  # a run Rich measures as nothing
    st.text(st.sampled_from(_TRICKY + "aeiou"), min_size=1, max_size=8),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6),
    # sequences Rich measures whole (❤️ is two cells, ❤ one), long enough to be folded
    st.lists(st.sampled_from(_SEQUENCES), min_size=1, max_size=60).map("".join),
)
_GAP = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t"])
_TEXT = st.lists(st.tuples(_WORD, _GAP), min_size=3, max_size=80).map(lambda parts: "".join(w + g for w, g in parts))


class _Pane(App[None]):
    """A terminal holding only the reading pane, so one example costs one small app."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view


def _paragraph_words(document) -> list[str]:
    text = document.text
    return [w for p in document.paragraphs for w in display_safe(text[p.start:p.end]).split()]


@settings(max_examples=max(20, settings().max_examples // 5))
@given(text=_TEXT, columns=st.integers(20, 200), rows=st.integers(3, 12))
async def test_every_word_of_any_text_is_on_screen_at_any_width(text: str, columns: int, rows: int) -> None:
    try:
        document = engine.prepare(raw_from_text(text))
    except InputError:  # nothing but boilerplate: the app says so instead of opening
        event("refused as boilerplate")
        return
    view = ArticleView(document)
    async with _Pane(view).run_test(size=(columns, rows)) as pilot:
        await pilot.pause()
        shown = "".join("".join(line.split()) for line in every_pane_line(view))
    position = 0
    for word in _paragraph_words(document):
        found = shown.find("".join(word.split()), position)
        assert found >= 0, f"{word!r} is not on screen after {shown[position - 20:position]!r} at {columns} columns"
        position = found + len(word)
    event(f"{'one line' if view.line_count <= 1 else 'several lines'}")
