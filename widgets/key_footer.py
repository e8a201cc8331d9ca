"""The footer: the keys that work now, drawn as one line.

Textual's ``Footer`` rebuilds itself (a widget per key, their styles and
layout) on every change of focus, which makes moving between the text and the
filter bar slow on a big article.  ``KeyFooter`` is one widget that draws one
line: it reads the screen's active bindings when they may have changed, and
repaints only when what it shows did change.

What it shows matches Textual's footer: the bindings with ``show=True`` of the
focused widget, its ancestors and the app (the first key of each action), with
the app's keymap applied, ``key_display`` honoured, and bindings of one
``Group`` drawn as their keys and the group's description.  A key the focused
widget would type (``/`` in the filter bar) is not offered: Textual's footer
shows it because its check misses slash, minus and a few others.  Descriptions are
drawn as plain text, never parsed as markup.  At a narrow width the keys that
do not fit are left out whole.  Clicking a key presses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.keys import REPLACED_KEYS, key_to_character
from textual.strip import Strip
from textual.widget import Widget

from newsview.safe_text import one_line

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.screen import Screen


class FooterKey(NamedTuple):
    key: str  #: what ``simulate_key`` presses (the keymap applied)
    display: str  #: how the key is drawn
    enabled: bool


class FooterItem(NamedTuple):
    """One entry of the footer: one key and its description, or a group's keys and the group's description."""

    keys: tuple[FooterKey, ...]
    description: str
    tooltip: str


def typed_character(key: str) -> str | None:
    """The character a key types, if any (Textual's ``key_to_character`` misses slash, minus, at...)."""
    return key_to_character(REPLACED_KEYS.get(key, key))


def footer_items(app, active: dict[str, ActiveBinding], focused: Widget | None = None) -> tuple[FooterItem, ...]:
    """What the footer shows for these active bindings (``Screen.active_bindings``), in their order.

    A key the ``focused`` widget types (a slash in an input) is left out unless the widget binds it itself.
    """
    by_action: dict[str, tuple] = {}
    for node, binding, enabled, tooltip in active.values():
        if not binding.show or binding.action in by_action:  # one key per action, the first bound
            continue
        if focused is not None and node is not focused and focused.check_consume_key(
                binding.key, typed_character(binding.key)):
            continue
        by_action[binding.action] = (binding, enabled, tooltip)
    items: list[FooterItem] = []
    entries = list(by_action.values())
    i = 0
    while i < len(entries):
        binding, enabled, tooltip = entries[i]
        group = binding.group
        j = i + 1
        while group is not None and j < len(entries) and entries[j][0].group == group:
            j += 1
        if group is not None and j - i > 1:  # a run of one group: its keys, then its description
            keys = tuple(FooterKey(b.key, one_line(app.get_key_display(b)), e) for b, e, _ in entries[i:j])
            items.append(FooterItem(keys, one_line(group.description), ""))
        else:
            j = i + 1
            key = FooterKey(binding.key, one_line(app.get_key_display(binding)), enabled)
            items.append(FooterItem((key,), one_line(binding.description), tooltip or ""))
        i = j
    return tuple(items)


class KeyFooter(Widget, can_focus=False):
    """One line of keys and what they do, for the focused widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--disabled {
            text-style: dim;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.items: tuple[FooterItem, ...] = ()
        #: where each key was drawn: (start, end, key, enabled, item index), for clicks and hover
        self._hit_boxes: list[tuple[int, int, str, bool, int]] = []
        self._hover: int | None = None
        self._line: tuple[tuple, Strip] | None = None
        self._update_pending = False

    # -- keeping up with the bindings --------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.update_items()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        # focus moves and actions can publish several times in a row: read the bindings once, after them
        if not self._update_pending:
            self._update_pending = True
            self.call_later(self.update_items)

    def _theme_changed(self, _theme) -> None:
        self.notify_style_update()
        self._line = None
        self.refresh()

    def update_items(self) -> None:
        """Read the screen's active bindings; repaint only if what the footer shows changed."""
        self._update_pending = False
        if not self.is_attached:
            return
        screen = self.screen
        items = footer_items(self.app, screen.active_bindings, screen.focused)
        if items != self.items:
            self.items = items
            self._hover = None
            self.tooltip = None
            self._line = None
            self.refresh()

    def notify_style_update(self) -> None:
        self._line = None
        super().notify_style_update()

    # -- drawing -----------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style.rich_style
        if y != 0:
            return Strip.blank(width, base)
        key = (width, self.items, self._hover)
        if self._line is None or self._line[0] != key:
            self._line = (key, self._draw(width, base))
        return self._line[1]

    def _draw(self, width: int, base: Style) -> Strip:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        dim = self.get_component_rich_style("key-footer--disabled", partial=True)
        hover = self.get_component_rich_style("key-footer--hover", partial=True)
        segments: list[Segment] = []
        boxes: list[tuple[int, int, str, bool, int]] = []
        x = 0
        for index, item in enumerate(self.items):
            parts: list[tuple[str, Style, FooterKey | None]] = [
                (f" {k.display} ", key_style + (dim if not k.enabled else Style()), k) for k in item.keys
            ]
            if item.description:
                enabled = any(k.enabled for k in item.keys)
                parts.append((f"{item.description} ", description_style + (dim if not enabled else Style()), None))
            if index == self._hover:
                parts = [(text, style + hover, k) for text, style, k in parts]
            size = sum(cell_len(text) for text, _, _ in parts)
            if x + size > width:
                if x == 0:  # not even the first key fits: cut it short
                    segments += [Segment(text, style) for text, style, _ in parts]
                    strip = Strip(segments).crop(0, max(0, width - 1))
                    boxes.append((0, width, item.keys[0].key, item.keys[0].enabled, index))
                    self._hit_boxes = boxes
                    return Strip([*strip, Segment("…", description_style)]).adjust_cell_length(width, base)
                break
            for text, style, k in parts:
                length = cell_len(text)
                segments.append(Segment(text, style))
                end = x + length if k is not None else x
                if k is not None:
                    boxes.append((x, end, k.key, k.enabled, index))
                elif boxes and boxes[-1][4] == index:  # the description belongs to the item's last key
                    start, _, key, enabled, _ = boxes[-1]
                    boxes[-1] = (start, x + length, key, enabled, index)
                x += length
        self._hit_boxes = boxes
        return Strip(segments, x).adjust_cell_length(width, base)

    # -- mouse ---------------------------------------------------------------
    def _box_at(self, x: int) -> tuple[int, int, str, bool, int] | None:
        for box in self._hit_boxes:
            if box[0] <= x < box[1]:
                return box
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        box = self._box_at(event.x)
        if box is None:
            return
        event.stop()
        if box[3]:
            self.app.simulate_key(box[2])
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        box = self._box_at(event.x)
        index = box[4] if box is not None else None
        if index != self._hover:
            self._hover = index
            self.tooltip = (self.items[index].tooltip or None) if index is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
