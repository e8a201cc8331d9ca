"""What both app launchers (one article, a library) check before building an app.

Textual and the themes are imported here only when a launcher calls in: the
headless runs never do.
"""

from __future__ import annotations

from .errors import error


def checked_keymap(theme: str | None, keymap_file: str | None) -> dict[str, str] | None:
    """The user's key bindings, once the theme and the keymap are known to be usable.

    None when either is not: the problem has been reported in one line, and the
    caller exits with EXIT_USAGE before any app is built.
    """
    if theme is not None:
        from ..themes import available_themes  # type: ignore[import-not-found]  # themes/ is mapped in by package-dir, out of mypy's sight

        if theme not in available_themes():
            error(f"unknown theme {theme!r}; choose one of: {', '.join(available_themes())}")
            return None
    from ..keymap import KeymapError, load_keymap
    from ..tui.app import binding_ids  # type: ignore[import-not-found]  # tui/ is mapped in by package-dir, out of mypy's sight

    try:
        return load_keymap(keymap_file, known_ids=binding_ids)
    except KeymapError as exc:
        error(str(exc))
        return None
