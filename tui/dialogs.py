"""Small modal dialogs for the review: why a quote is rejected, pick an actor, type a note or name.

Every name and note is shown as plain text (``Content``, ``markup=False``).
A dialog with typed text never loses it silently: Esc on changed text asks
for a second Esc first.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsview.safe_text import display_safe


def modal_css(name: str, box: str = "Vertical", width: int = 64) -> str:
    """A centred, bordered box for a modal screen (``{name} > {box}``)."""
    return f"""
    {name} {{
        align: center middle;
    }}
    {name} > {box} {{
        width: {width};
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }}
    """


def dialog_css(name: str) -> str:
    """The review dialogs' look: a modal box, muted hints and a bold warning line."""
    return modal_css(name) + f"""
    {name} .hint {{
        color: $text-muted;
    }}
    {name} .warning {{
        color: $text-warning;
        text-style: bold;
    }}
    """


class RejectReason(ModalScreen["str | None"]):
    """One key says why: s wrong speaker, q wrong quote, x (again) or Enter no reason; Esc cancels.

    Dismisses with the reason ("" for none) or None when cancelled.
    """

    DEFAULT_CSS = dialog_css("RejectReason")

    BINDINGS = [
        Binding("s", "pick('wrong_speaker')", "Wrong speaker", id="reject.speaker"),
        Binding("q,w", "pick('wrong_quote')", "Wrong quote (not a quote, or cut wrong)", id="reject.quote"),
        Binding("x,enter", "pick('')", "Reject without a reason", id="reject.plain"),
        Binding("escape", "cancel", "Cancel", id="reject.cancel"),
    ]

    def __init__(self, quote_text: str) -> None:
        super().__init__()
        self.quote_text = quote_text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Reject quote"
            text = " ".join(self.quote_text.split())
            text = text if len(text) <= 120 else text[:119].rstrip() + "…"
            yield Static(Content("“" + display_safe(text) + "”"))
            yield Static(Content.assemble(
                ("s", "bold"), " wrong speaker   ", ("q", "bold"), " wrong quote   ",
                ("x", "bold"), " just reject   ", ("Esc", "bold"), " cancel",
            ))

    def action_pick(self, reason: str) -> None:
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Pick:
    """What the actor picker returns: an actor id, a new name, or the engine's speaker back."""

    kind: str  # "actor", "new", "engine"
    value: str | None = None


class ActorPicker(ModalScreen["Pick | None"]):
    """Type to narrow the actors (fuzzy), ↑/↓ to choose, Enter to pick, Esc to cancel."""

    DEFAULT_CSS = dialog_css("ActorPicker") + """
    ActorPicker OptionList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next actor", id="picker.down", show=False),
        Binding("up", "move(-1)", "Previous actor", id="picker.up", show=False),
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
    ]

    def __init__(
        self,
        title: str,
        actors: list[tuple[str, str, str]],
        *,
        allow_new: bool = False,
        engine_speaker: str | None = None,
    ) -> None:
        """``actors`` are (id, name, detail); ``engine_speaker`` offers giving the quote back to it."""
        super().__init__()
        self.title_text = title
        self.actors = actors
        self.allow_new = allow_new
        self.engine_speaker = engine_speaker

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            placeholder = "type a name (a new one is added)" if self.allow_new else "type to narrow"
            yield Input(placeholder=placeholder, id="picker-query", select_on_focus=False)
            yield OptionList(id="picker-options", markup=False)
            yield Static(Content("↑/↓ choose · Enter pick · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker-options", OptionList)

    def _fill(self, query: str) -> None:
        query = " ".join(query.split())
        rows: list[Option] = []
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(name), i, aid, name, detail) for i, (aid, name, detail) in enumerate(self.actors)]
            hits = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
        else:
            hits = [(1.0, i, aid, name, detail) for i, (aid, name, detail) in enumerate(self.actors)]
        for _score, _i, aid, name, detail in hits:
            rows.append(Option(Content.assemble((display_safe(name), "bold"), (f"  {detail}", "$text-muted")),
                               id="actor:" + aid))
        exact = any(" ".join(name.split()).casefold() == query.casefold() for _, name, _ in self.actors)
        if self.allow_new and query and not exact:
            rows.append(Option(Content.assemble(("+ new actor: ", "italic"), (display_safe(query), "bold")),
                               id="new:"))
        if self.engine_speaker is not None and not query:
            rows.append(Option(Content.assemble(("↺ back to the engine's speaker: ", "italic"),
                                                (display_safe(self.engine_speaker), "bold")), id="engine:"))
        if not rows:
            rows.append(Option(Content.styled("No actor matches.", "italic $text-muted"), disabled=True))
        self.options.set_options(rows)
        # a typed name with no close match: the new actor comes first
        if rows and not rows[0].disabled:
            self.options.highlighted = 0

    @on(Input.Changed, "#picker-query")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-query")
    def _submitted(self) -> None:
        self._choose(self.options.highlighted_option)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        if option is None or option.disabled or not option.id:
            self.app.bell()
            return
        if option.id == "new:":
            self.dismiss(Pick("new", " ".join(self.query_one(Input).value.split())))
        elif option.id == "engine:":
            self.dismiss(Pick("engine"))
        else:
            self.dismiss(Pick("actor", option.id[len("actor:"):]))

    def action_move(self, step: int) -> None:
        if step > 0:
            self.options.action_cursor_down()
        else:
            self.options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen["str | None"]):
    """One line of text: Enter or ctrl+s saves; Esc cancels, asking first when the text was changed."""

    DEFAULT_CSS = dialog_css("TextPrompt")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="prompt.save"),
        Binding("escape", "cancel", "Cancel (twice when changed)", id="prompt.cancel"),
    ]

    HINT = "Enter or ctrl+s save · Esc cancel"

    def __init__(self, title: str, initial: str = "", *, context: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.context = context
        self.placeholder = placeholder
        self._armed = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            if self.context:
                context = " ".join(self.context.split())
                context = context if len(context) <= 120 else context[:119].rstrip() + "…"
                yield Static(Content(display_safe(context)), classes="hint")
            yield Input(self.initial, placeholder=self.placeholder, id="prompt-input", select_on_focus=False)
            yield Static(Content(self.HINT), id="prompt-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @property
    def changed(self) -> bool:
        return self.value != self.initial

    def warn(self) -> None:
        """Say that the text is unsaved; the next Esc discards it."""
        self._armed = True
        hint = self.query_one("#prompt-hint", Static)
        hint.update(Content("Unsaved changes: Enter saves, Esc again discards them"))
        hint.set_classes("warning")

    @on(Input.Changed, "#prompt-input")
    def _typed(self) -> None:
        if self._armed:
            self._armed = False
            hint = self.query_one("#prompt-hint", Static)
            hint.update(Content(self.HINT))
            hint.set_classes("hint")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.value)

    def action_cancel(self) -> None:
        if self.changed and not self._armed:
            self.warn()
            return
        self.dismiss(None)
