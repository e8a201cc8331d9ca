"""NewsViewApp: read an article, see who is in it and who said what.

The App is the frame around the reader: it registers the themes, applies the
user's keymap, holds the keys (``bindings.KEYS``), quits, shows the help and
shows the reader screen (``ReaderScreen``), which does the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from newsview.themes import DEFAULT_THEME, builtin_theme, builtin_themes, variable_defaults
from textual import events
from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.theme import Theme

from newsview.model import ParsedDocument

from .analysis import Analyser, settle_memory
from .bindings import binding_ids, help_sections, reader_bindings
from .commands import ActorCommands, ReviewCommands
from .key_routing import KeysFollowFocus
from .reader_screen import ReaderScreen
from .variants_host import VariantsHost

if TYPE_CHECKING:  # pragma: no cover
    from textual.screen import Screen

    from .variant_set import LibraryContext, VariantSet

__all__ = ["NewsViewApp", "binding_ids"]

#: seconds a thread may hold the GIL while another waits (Python's default is 0.005)
SWITCH_INTERVAL = 0.001

class NewsViewApp(VariantsHost, KeysFollowFocus, App[int]):
    """The newsview reader."""

    CSS_PATH = "app.tcss"
    TITLE = "newsview"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (Textual declares it)
    COMMANDS = App.COMMANDS | {ActorCommands, ReviewCommands}
    #: articles longer than this filter after a short pause in typing, not on every key
    LIVE_FILTER_CHARS = 200_000

    # the footer shows the keys a reviewer needs most; ? lists them all
    BINDINGS: ClassVar[list[BindingType]] = [*reader_bindings()]

    def __init__(
        self,
        document: ParsedDocument,
        *,
        analyser: Analyser | None = None,
        theme: str | None = None,
        mouse: bool = True,
        article_path: str | None = None,
        review_file: str | None = None,
        library_context: LibraryContext | None = None,
    ) -> None:
        """``article_path`` and/or ``review_file`` turn the review on (see ReviewStore.for_article).

        ``library_context`` (other analysed documents, or a function returning
        clusters, see ``variant_set``) turns on the Variants view and the
        sidebar's marks for quotes found in other articles.

        ``analyser`` is called ``analyser(document, progress=..., cancelled=...)``
        (``analysis.Analyser``; ``engine.Analyzer`` is one).
        """
        super().__init__()
        self.initial_document = document
        self.analyser = analyser
        self.article_path = article_path
        self.review_file = review_file
        self.mouse = mouse
        self.keymap: dict[str, str] = {}
        # newsview's themes: the one shown is read now, the others (for `t` and the
        # palette) just after the first frame (register_builtin_themes)
        wanted = theme or DEFAULT_THEME
        for name in dict.fromkeys((DEFAULT_THEME, wanted)):
            if (own := builtin_theme(name)) is not None:
                self.register_theme(own)
        self._bad_theme: str | None = None
        if self.get_theme(wanted) is None:
            self._bad_theme, wanted = wanted, DEFAULT_THEME
        self.theme = wanted
        self._reader: ReaderScreen | None = None
        self.library_context = library_context
        self.variants: VariantSet | None = None

    @property
    def reader(self) -> ReaderScreen:
        """The reader screen (made with the app's first screen)."""
        if self._reader is None:
            self._reader = ReaderScreen(self.initial_document, analyser=self.analyser,
                                        article_path=self.article_path, review_file=self.review_file,
                                        live_filter_chars=self.LIVE_FILTER_CHARS)
        return self._reader

    @property
    def analysis_running(self) -> bool:
        """True while the reader's analysis thread still runs (a quit during a long parse)."""
        return self._reader is not None and self._reader.analysis_running

    def get_default_screen(self) -> Screen:
        reader = self.reader
        # The width's breakpoint class, which the screen's first resize would add after the first
        # frame: given now, that frame is laid out for the terminal's width, and the resize does
        # not restyle every widget once more.
        width = self.size.width
        for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= edge:
                reader.add_class(name, update=False)
                break
        return reader

    # -- setup -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield from ()  # the reader screen composes the panes

    def on_mount(self) -> None:
        if self._bad_theme is not None:
            self.notify(f"Unknown theme {self._bad_theme!r}; using {DEFAULT_THEME}.",
                        severity="warning", markup=False)
        # after the first frame: what it built is kept out of later collections, and none runs before it
        self.call_after_refresh(settle_memory)
        self.call_after_refresh(self.register_builtin_themes)

    def register_builtin_themes(self) -> None:
        """Register every newsview theme (the one shown was registered with the app)."""
        for own in builtin_themes().values():
            if own.name not in self.available_themes:
                self.register_theme(own)

    def on_ready(self) -> None:
        self.reader.start()
        self.find_variants()  # with other articles only: in a thread

    def on_app_focus(self, _event: events.AppFocus) -> None:
        # back from another window: the reader catches up with what changed meanwhile
        self.reader.catch_up()

    def run(self, *args, mouse: bool | None = None, **kwargs):
        """Run the app; ``mouse`` defaults to the value given to the constructor."""
        # Textual's writer thread puts each frame on the terminal, and needs the GIL for it
        # while this thread goes on (the next layout, loading the review, the analysis
        # thread importing spaCy): let it have the GIL within 1 ms rather than 5 ms.
        # Set back at the end: the process may go on (a script, a test) without a UI to serve.
        previous = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            return super().run(*args, mouse=self.mouse if mouse is None else mouse, **kwargs)
        finally:
            sys.setswitchinterval(previous)

    # -- themes and keys ---------------------------------------------------
    def refresh_css(self, animate: bool = True) -> None:
        # Setting the theme in __init__ asks for this before the first screen exists.  Nothing
        # is styled yet, so the stylesheet only needs the theme's variables: parsing it now
        # would be thrown away when the first screen's styles are parsed (~3 ms at start-up).
        try:
            _ = self.screen
        except ScreenStackError:
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes (from the command palette) lack newsview's
        # variables: lend them those of the closest newsview theme.
        try:
            current: Theme | None = self.current_theme
        except Exception:  # noqa: BLE001 (no theme yet while the app starts: the defaults do)
            current = None
        return variable_defaults(current)

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        self.keymap = {**self.keymap, **keymap}
        super().update_keymap(keymap)

    def action_next_theme(self) -> None:
        self.register_builtin_themes()
        names = list(builtin_themes())
        try:
            index = names.index(self.theme)
        except ValueError:
            index = -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    # -- quit and help -------------------------------------------------------
    async def action_quit(self) -> None:
        # a note or name being typed is never dropped by a stray quit key
        screen = self.screen
        if isinstance(screen, ModalScreen):
            from .dialogs import TextPrompt  # imported here: no dialog is needed for the first frame

            if isinstance(screen, TextPrompt) and screen.changed:
                screen.warn()
                return
        await super().action_quit()

    def action_help(self) -> None:
        from .help import HelpScreen, entity_legend

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(help_sections(self, self.keymap), entity_legend()))
