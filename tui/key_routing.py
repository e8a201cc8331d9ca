"""Keys go to the widget that has the focus when they are handled, not when they arrived.

Textual hands each key to the widget focused at the moment the key comes in,
and runs bindings only when the key bubbles back up to the App.  Keys that
arrive in a burst (a fast typist, a paste of keystrokes, a terminal over SSH)
are all handed out before the first one has run its binding; so in
``/reyes`` the letters went to the reading pane, not to the filter bar the
slash had just focused, and ``r`` and ``y`` ran review and copy commands.
Here a key that was aimed at a widget which has since lost the focus is sent
on to the widget that has it now, and runs no binding of the old one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App

if TYPE_CHECKING:
    from textual.widget import Widget

#: the widget each incoming key was handed to (weak: a key handled on the way up is simply forgotten)
_AIMED_AT: WeakKeyDictionary[events.Key, Widget | None] = WeakKeyDictionary()
_UNKNOWN = object()


class KeysFollowFocus(App[Any]):
    """An App whose keys, typed in a burst, each reach the focus of their own moment."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            _AIMED_AT[event] = self.focused
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        aimed = _AIMED_AT.pop(event, _UNKNOWN)
        focused = self.focused
        if aimed is _UNKNOWN or focused is None or aimed is focused:
            return  # App._on_key runs next: the focused widget's bindings, then the screen's and the App's
        event.prevent_default()
        focused._forward_event(events.Key(event.key, event.character))
