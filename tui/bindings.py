"""Every key of the reader in one table: what it does, where it works, where it is shown.

The App's ``BINDINGS``, the review keys, the footer (through those bindings),
the help screen, the command palette and the keymap check all read this table,
so a key is written once and a user's keymap reaches everything that names it.
Panes (the reading pane, the sidebar, the filter bar) and dialogs keep their own
``BINDINGS`` beside their code (widgets cannot import the UI above them);
``PANES`` and ``DIALOGS`` say where to find them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from newsview.widgets.actor_sidebar import ActorList
from newsview.widgets.article_view import ArticleView
from newsview.widgets.filter_bar import FilterBar
from textual.binding import Binding
from textual.markup import escape

if TYPE_CHECKING:  # pragma: no cover
    from textual.app import App
    from textual.dom import DOMNode


class ShowsKeys(Protocol):
    """Something that draws a key as the user sees it (a Textual ``App``)."""

    def get_key_display(self, binding: Binding) -> str: ...

#: where a key works: on the reader screen, on the quote (or actor) under review
EVERYWHERE = "Everywhere"
REVIEW = "Review (the current quote, or the sidebar's)"
LIBRARY = "Library (a folder or several articles)"
#: keys that need other articles to compare with (the app given a library context)
VARIANTS = "Quotes in several articles"


@dataclass(frozen=True)
class Key:
    """One command of the reader and its default keys."""

    id: str  #: what a keymap file names
    keys: str  #: default keys, comma-separated, in Textual's names
    action: str  #: the Textual action the key runs
    description: str  #: short, for the footer
    group: str  #: the help section it is listed under
    footer: bool = True  #: shown in the key footer
    tooltip: str = ""  #: longer, for the help screen and the footer's hover
    palette: str = ""  #: its command-palette label ("" keeps it out of the palette)

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.footer, id=self.id,
                       tooltip=self.tooltip)


def _reader(action: str) -> str:
    """An action of the reader screen (the App's bindings run it on the screen shown)."""
    return "screen." + action


# The order is the footer's order: the keys a reviewer needs most come first.
KEYS: tuple[Key, ...] = (
    # before quit: in a library, q in the reader goes back to the list (the first key offered wins)
    Key("library.close", "q", "library_close", "Library", LIBRARY,
        tooltip="In the reader: back to the library, on the same row (Esc too)"),
    Key("newsview.quit", "q", "quit", "Quit", EVERYWHERE),
    Key("newsview.help", "question_mark,f1", "help", "Help", EVERYWHERE),
    Key("newsview.filter", "slash", _reader("focus_filter"), "Filter", EVERYWHERE),
    # the library's keys: bound only in the library app, which offers each where it works (check_action)
    Key("library.next_view", "tab,v", "library_view(1)", "Views", LIBRARY,
        tooltip="Next view: Articles, Speakers, Sources", palette="Library: next view"),
    Key("library.previous_view", "shift+tab", "library_view(-1)", "Previous view", LIBRARY, footer=False,
        palette="Library: previous view"),
    Key("library.sort", "o", "library_sort", "Sort", LIBRARY,
        tooltip="Next sort: date, title, quotes, unreviewed, least confident, failed first (speakers: articles, "
                "quotes, mentions, name, date)", palette="Library: next sort"),
    Key("library.reverse", "O", "library_reverse", "Reverse the order", LIBRARY, footer=False,
        palette="Library: reverse the order"),
    Key("library.next_article", "right_curly_bracket", "library_step_article(1)", "Next article", LIBRARY,
        footer=False, tooltip="In the reader: the next article of the library's list",
        palette="Library: next article"),
    Key("library.previous_article", "left_curly_bracket", "library_step_article(-1)", "Previous article", LIBRARY,
        footer=False, tooltip="In the reader: the previous article of the library's list",
        palette="Library: previous article"),
    Key("newsview.next_match", "n", _reader("step_match(1)"), "Next match", EVERYWHERE, footer=False),
    Key("newsview.previous_match", "N", _reader("step_match(-1)"), "Previous match", EVERYWHERE, footer=False),
    Key("newsview.next_quote", "right_square_bracket", _reader("step_quote(1)"), "Next quote", EVERYWHERE),
    Key("newsview.previous_quote", "left_square_bracket", _reader("step_quote(-1)"), "Previous quote", EVERYWHERE,
        footer=False),
    Key("newsview.copy", "y", _reader("copy"), "Copy the current quote or match", EVERYWHERE, footer=False),
    Key("newsview.sidebar", "s", _reader("toggle_sidebar"), "Sidebar", EVERYWHERE, footer=False),
    Key("newsview.theme", "t", "next_theme", "Next theme", EVERYWHERE, footer=False),
    Key("newsview.next_pane", "tab", "focus_next", "Next pane", EVERYWHERE, footer=False),
    Key("newsview.previous_pane", "shift+tab", "focus_previous", "Previous pane", EVERYWHERE, footer=False),
    Key("newsview.back", "escape", _reader("back"), "Back / clear selection", EVERYWHERE, footer=False),
    # review keys: they act on the quote under review (the current quote, or the sidebar's)
    Key("review.accept", "a", _reader("review('accept')"), "Accept", REVIEW,
        tooltip="Accept the quote and its speaker", palette="Review: accept the quote"),
    Key("review.reject", "x", _reader("review('reject')"), "Reject", REVIEW,
        tooltip="Reject, then s wrong speaker, q wrong quote, x no reason", palette="Review: reject the quote…"),
    Key("review.reassign", "r", _reader("review('reassign')"), "Reassign", REVIEW,
        tooltip="Reassign the speaker (type to narrow; a new name adds an actor)",
        palette="Review: reassign the speaker…"),
    Key("review.note", "c", _reader("review('note')"), "Note", REVIEW, tooltip="Add or edit the quote's note",
        palette="Review: note on the quote…"),
    Key("review.undo", "u", _reader("review('undo')"), "Undo the last review change", REVIEW, footer=False,
        palette="Review: undo"),
    Key("review.redo", "U", _reader("review('redo')"), "Redo", REVIEW, footer=False, palette="Review: redo"),
    Key("review.next", "full_stop", _reader("review('next')"), "Next unreviewed quote", REVIEW, footer=False,
        palette="Review: next unreviewed quote"),
    Key("review.next_least_confident", "greater_than_sign", _reader("review('next_least_confident')"),
        "Least confident unreviewed quote", REVIEW, footer=False,
        palette="Review: least confident unreviewed quote"),
    Key("review.merge", "m", _reader("review('merge')"), "Merge the actor into another", REVIEW, footer=False,
        palette="Review: merge the actor into another…"),
    Key("review.rename", "R", _reader("review('rename')"), "Rename the actor", REVIEW, footer=False,
        palette="Review: rename the actor…"),
    # variants: the current quote's versions in other articles, and every statement quoted in several
    Key("variants.compare", "v", _reader("compare_versions"), "Versions elsewhere", VARIANTS, footer=False,
        tooltip="Compare the current quote's versions in the other articles",
        palette="Variants: compare this quote's versions in other articles"),
    Key("variants.all", "V", "show_variants", "Variants", VARIANTS, footer=False,
        tooltip="Every statement quoted in several articles, most suspicious first",
        palette="Variants: quotes found in several articles"),
)

#: palette entries with no key: (label, help, reader action)
KEYLESS_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Export review as Markdown", "writes ARTICLE.review.md beside the review file", "review('export')"),
)


def bindings(group: str | None = None) -> list[Binding]:
    """Textual bindings for the table's keys (of one help group, or all of them)."""
    return [k.binding() for k in KEYS if group is None or k.group == group]


def reader_bindings() -> list[Binding]:
    """The bindings of the app on one article: every key but the library's."""
    return [k.binding() for k in KEYS if k.group != LIBRARY]


def keys_of(binding: Binding, keymap: dict[str, str]) -> str:
    """The keys a binding has under ``keymap`` (its own when the keymap does not name it)."""
    return keymap.get(binding.id, binding.key) if binding.id else binding.key


def key_display(app: ShowsKeys, keys: str) -> str:
    """How the help and the palette show comma-separated keys ("?, f1")."""
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(",") if k.strip())


def key_named(app: ShowsKeys, key_id: str, keymap: dict[str, str]) -> str:
    """How the first key of the table's ``key_id`` is shown under ``keymap`` (for hints in messages)."""
    keys = keymap.get(key_id) or next(k.keys for k in KEYS if k.id == key_id)
    return key_display(app, keys.split(",")[0])


def palette_entries(app: ShowsKeys, keymap: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(label, help, reader action) for the command palette; the help names the key the keymap gives.

    The palette reads help as markup: the key, which comes from the user's keymap file, is escaped.
    """
    for k in KEYS:
        if k.palette:
            keys = escape(key_display(app, keymap.get(k.id, k.keys)))
            if k.group != LIBRARY:  # the library's own palette entries are the library app's
                yield k.palette, f"key {keys}", k.action.removeprefix("screen.")
    yield from KEYLESS_COMMANDS


def help_rows(app: ShowsKeys, bindings: Iterable, keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(keys, description) for each described binding, with the keymap applied."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.system:
            continue
        # the footer shows the short description; the help the longer tooltip when there is one
        rows.append((key_display(app, keys_of(binding, keymap)), binding.tooltip or binding.description))
    return rows


def binding_ids() -> set[str]:
    """Every binding id a keymap may name: the table's, its panes' and its dialogs'."""
    # the dialogs and the help are imported when they are needed, not for the first frame
    from .dialogs import ActorPicker, RejectReason, TextPrompt
    from .help import HelpScreen

    ids = {k.id for k in KEYS}
    classes: tuple[type[DOMNode], ...] = (*pane_classes(), *(cls for _, cls in library_panes()),
                                          *(cls for _, cls in variant_panes()), RejectReason, ActorPicker, TextPrompt,
                                          HelpScreen)
    for cls in classes:
        for klass in cls.__mro__:
            for b in vars(klass).get("BINDINGS", ()):
                if isinstance(b, Binding) and b.id:
                    ids.add(b.id)
    return ids


def pane_classes() -> tuple[type[DOMNode], ...]:
    """The panes whose own keys the help lists, in its order."""
    return tuple(cls for _, cls in panes())


def panes() -> list[tuple[str, type[DOMNode]]]:
    """(help section title, pane class) for the reader's panes."""
    return [("Reading pane", ArticleView), ("Sidebar", ActorList), ("Filter bar", FilterBar)]


def library_panes() -> list[tuple[str, type[DOMNode]]]:
    """(help section title, pane class) for the library screen's panes."""
    from newsview.widgets.row_list import RowList

    return [("Library lists", RowList)]


def variant_panes() -> list[tuple[str, type[DOMNode]]]:
    """(help section title, list class) for the Variants view's lists."""
    from newsview.widgets.variants_list import VariantsList, VersionsList

    return [("Variants list", VariantsList), ("Versions of a quote", VersionsList)]


def help_sections(app: App, keymap: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Key tables for the help screen: the bindings table's keys, then each pane's, with the keymap applied.

    The library's keys and lists are listed when the app shows a library (it has a ``library`` screen);
    the variants' keys and lists when the app has other articles to compare with (a library context).
    """
    from textual.app import App as TextualApp

    in_library = getattr(app, "library", None) is not None
    with_variants = getattr(app, "library_context", None) is not None
    sections = [
        (EVERYWHERE, help_rows(app, [*bindings(EVERYWHERE), *TextualApp.BINDINGS], keymap)),
        *([(LIBRARY, help_rows(app, bindings(LIBRARY), keymap))] if in_library else []),
        (REVIEW, help_rows(app, bindings(REVIEW), keymap)),
        *((title, help_rows(app, cls.BINDINGS, keymap)) for title, cls in panes()),
        *((title, help_rows(app, cls.BINDINGS, keymap)) for title, cls in (library_panes() if in_library else [])),
    ]
    if with_variants:  # after the review keys, and their lists after the other panes
        after_review = next(i for i, (title, _) in enumerate(sections) if title == REVIEW) + 1
        sections.insert(after_review, (VARIANTS, help_rows(app, bindings(VARIANTS), keymap)))
        sections += [(title, help_rows(app, cls.BINDINGS, keymap)) for title, cls in variant_panes()]
    sections[0][1].append((app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), "Command palette"))
    return sections
