"""Colour themes for the newsview app: definitions, loading and validation.

Each theme is a TOML file beside this module.  A file either gives the base
colours of a Textual theme (``primary``, ``background`` ...) or names a
built-in Textual theme to start from (``base = "ansi-dark"``; an ANSI theme
must be derived this way, since Textual's ANSI themes carry variables of their
own).  Every theme must define every variable in ``HIGHLIGHT_VARIABLES``: an
undefined variable in a text style silently drops the whole style.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

#: Colours of entity types in the reading pane and sidebar.
ENTITY_VARIABLES = ("nv-person", "nv-org", "nv-place", "nv-date", "nv-other")
#: Quote tints, one per speaker (cycled), and the tint of unattributed quotes.
QUOTE_VARIABLES = tuple(f"nv-quote-{i}" for i in range(1, 7)) + ("nv-quote-none", "nv-quote-text")
#: Every variable the reading pane's styles use.
HIGHLIGHT_VARIABLES = ENTITY_VARIABLES + QUOTE_VARIABLES + (
    "nv-selected",
    "nv-match",
    "nv-match-current",
    "nv-match-text",
)
QUOTE_TINTS = len([v for v in QUOTE_VARIABLES if v[-1].isdigit()])

DEFAULT_THEME = "newsview-dark"
LIGHT_THEME = "newsview-light"
ANSI_THEME = "newsview-ansi"
CONTRAST_THEME = "newsview-contrast"

_COLOUR_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent",
                  "foreground", "background", "surface", "panel", "boost")
_OTHER_FIELDS = {"dark": bool, "luminosity_spread": float, "text_alpha": float}


class ThemeError(ValueError):
    """A theme file that cannot be used, with the reason."""


def theme_from_dict(data: dict[str, Any], *, origin: str = "<theme>", check: bool = True) -> Theme:
    """Build a validated Theme from the parsed contents of a theme file.

    ``check=False`` skips generating the colour system (a few milliseconds a
    theme), for the built-in themes, which the test suite validates in full.
    """
    data = dict(data)
    name = data.pop("name", None)
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f"{origin}: a theme needs a name")
    variables = data.pop("variables", {}) or {}
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        raise ThemeError(f"{origin}: [variables] must map names to strings")
    base_name = data.pop("base", None)
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key in _COLOUR_FIELDS:
            if not isinstance(value, str):
                raise ThemeError(f"{origin}: {key} must be a colour string")
            fields[key] = value
        elif key in _OTHER_FIELDS:
            fields[key] = _OTHER_FIELDS[key](value)
        else:
            raise ThemeError(f"{origin}: unknown key {key!r}")
    if base_name is not None:
        base = BUILTIN_THEMES.get(base_name)
        if base is None:
            raise ThemeError(f"{origin}: unknown base theme {base_name!r}")
        # dataclasses.replace builds a new Theme: the built-in stays untouched.
        theme = dataclasses.replace(
            base, name=name, variables={**base.variables, **variables}, **fields
        )
    else:
        if "primary" not in fields:
            raise ThemeError(f"{origin}: a theme without a base needs a primary colour")
        theme = Theme(name=name, variables=dict(variables), **fields)
    if check:
        validate(theme, origin=origin)
    return theme


def validate(theme: Theme, *, origin: str | None = None) -> None:
    """Raise ThemeError unless ``theme`` is complete and all its colours parse."""
    where = origin or theme.name
    missing = [v for v in HIGHLIGHT_VARIABLES if v not in theme.variables]
    if missing:
        raise ThemeError(f"{where}: missing variables {', '.join(missing)}")
    for var in HIGHLIGHT_VARIABLES:
        try:
            Color.parse(theme.variables[var])
        except ColorParseError as exc:
            raise ThemeError(f"{where}: {var}: {exc}") from None
    try:
        theme.to_color_system().generate()
    except (ColorParseError, ValueError) as exc:
        raise ThemeError(f"{where}: {exc}") from None


def load_theme_file(path: str | Path) -> Theme:
    """Load and validate one theme file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(f"{path}: {exc}") from None
    return theme_from_dict(data, origin=str(path))


#: the folder of newsview's theme files, one ``<name>.toml`` a theme
_FOLDER = Path(__file__).parent


@lru_cache(maxsize=1)
def builtin_names() -> tuple[str, ...]:
    """The names of newsview's own themes (their files' names), the default first."""
    order = (DEFAULT_THEME, LIGHT_THEME, ANSI_THEME, CONTRAST_THEME)
    found = sorted(entry.removesuffix(".toml") for entry in os.listdir(_FOLDER) if entry.endswith(".toml"))
    return tuple([n for n in order if n in found] + [n for n in found if n not in order])


@lru_cache(maxsize=None)
def builtin_theme(name: str) -> Theme | None:
    """One of newsview's own themes, read from its file on first use (None: no such theme).

    Reading one theme, not all of them, is what the app's first frame needs.
    """
    if name not in builtin_names():
        return None
    entry = _FOLDER / f"{name}.toml"
    return theme_from_dict(tomllib.loads(entry.read_text(encoding="utf-8")), origin=entry.name, check=False)


def builtin_themes() -> dict[str, Theme]:
    """newsview's own themes by name, the default first."""
    themes: dict[str, Theme] = {}
    for name in builtin_names():
        theme = builtin_theme(name)
        if theme is not None:
            themes[theme.name] = theme
    return themes


def available_themes() -> list[str]:
    """Names accepted by ``--theme``: newsview's themes, then Textual's built-ins."""
    own = list(builtin_themes())
    return own + sorted(n for n in BUILTIN_THEMES if n not in own)


def variable_defaults(theme: Theme | None) -> dict[str, str]:
    """Highlight variables for a theme that does not define them (a Textual built-in).

    Picks the newsview theme closest in kind: ANSI, light or dark.
    """
    if theme is not None and theme.ansi:
        name = ANSI_THEME
    elif theme is not None and not theme.dark:
        name = LIGHT_THEME
    else:
        name = DEFAULT_THEME
    source = builtin_theme(name)
    assert source is not None  # shipped with newsview (the test suite checks every theme file)
    return {k: source.variables[k] for k in HIGHLIGHT_VARIABLES}
