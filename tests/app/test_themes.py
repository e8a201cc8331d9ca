"""Themes: every shipped theme is complete and valid; loading rejects broken files."""

from __future__ import annotations

import pytest
from textual.theme import BUILTIN_THEMES

from newsview.filtering import TINT_COUNT
from newsview.themes import (
    ANSI_THEME,
    DEFAULT_THEME,
    HIGHLIGHT_VARIABLES,
    ThemeError,
    available_themes,
    builtin_themes,
    load_theme_file,
    validate,
    variable_defaults,
)

OWN = list(builtin_themes())


def test_four_themes_default_first():
    assert OWN[:4] == ["newsview-dark", "newsview-light", "newsview-ansi", "newsview-contrast"]
    assert available_themes()[: len(OWN)] == OWN
    assert "textual-dark" in available_themes()


@pytest.mark.parametrize("name", OWN)
def test_every_theme_defines_every_highlight_variable(name):
    theme = builtin_themes()[name]
    missing = [v for v in HIGHLIGHT_VARIABLES if v not in theme.variables]
    assert missing == []
    validate(theme)  # colours parse, colour system generates


def test_as_many_quote_tints_as_the_reader_cycles_through():
    assert [f"nv-quote-{i}" for i in range(1, TINT_COUNT + 1)] == [
        v for v in HIGHLIGHT_VARIABLES if v.startswith("nv-quote-") and v[-1].isdigit()
    ]


def test_entity_colours_differ_within_each_theme():
    for theme in builtin_themes().values():
        colours = [theme.variables[v] for v in ("nv-person", "nv-org", "nv-place", "nv-date")]
        assert len(set(colours)) == 4, theme.name


def test_ansi_theme_follows_the_terminal_palette():
    theme = builtin_themes()[ANSI_THEME]
    assert theme.ansi
    assert theme.variables["ansi-background"] == BUILTIN_THEMES["ansi-dark"].variables["ansi-background"]
    assert all(theme.variables[v].startswith("ansi_") for v in HIGHLIGHT_VARIABLES)


def test_builtin_textual_themes_are_not_changed():
    assert "newsview-dark" not in BUILTIN_THEMES
    assert not any(v.startswith("nv-") for v in BUILTIN_THEMES["ansi-dark"].variables)


def test_textual_themes_borrow_matching_variables():
    assert variable_defaults(BUILTIN_THEMES["ansi-light"])["nv-person"].startswith("ansi_")
    light = variable_defaults(BUILTIN_THEMES["textual-light"])
    assert light == {k: builtin_themes()["newsview-light"].variables[k] for k in HIGHLIGHT_VARIABLES}
    assert variable_defaults(None) == variable_defaults(BUILTIN_THEMES["textual-dark"])


def _write(tmp_path, body: str):
    path = tmp_path / "t.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _variables(**overrides: str) -> str:
    values = {v: "#123456" for v in HIGHLIGHT_VARIABLES} | overrides
    return "[variables]\n" + "\n".join(f'{k} = "{v}"' for k, v in values.items())


def test_load_a_user_theme(tmp_path):
    theme = load_theme_file(_write(tmp_path, 'name = "mine"\nprimary = "#ff0000"\n' + _variables()))
    assert theme.name == "mine" and theme.variables["nv-person"] == "#123456"


def test_missing_variable_is_rejected(tmp_path):
    body = 'name = "mine"\nprimary = "#ff0000"\n[variables]\nnv-person = "#ffffff"\n'
    with pytest.raises(ThemeError, match="missing variables"):
        load_theme_file(_write(tmp_path, body))


@pytest.mark.parametrize("body, message", [
    ('name = "x"\nprimary = "not-a-colour"\n' + _variables(), "x|colour|Color"),
    ('name = "x"\nprimary = "#fff"\n' + _variables(**{"nv-org": "bogus"}), "nv-org"),
    ('name = "x"\nbase = "no-such-theme"\n' + _variables(), "unknown base"),
    ('primary = "#fff"\n' + _variables(), "needs a name"),
    ('name = "x"\nprimary = "#fff"\nsparkle = 3\n' + _variables(), "unknown key"),
    ('name = "x"\nprimary = \n', "t.toml"),
])
def test_broken_theme_files_are_rejected(tmp_path, body, message):
    with pytest.raises(ThemeError, match=message):
        load_theme_file(_write(tmp_path, body))


def test_default_theme_name():
    assert DEFAULT_THEME in builtin_themes()


def test_a_theme_is_found_by_its_file_name():
    """The app reads only the theme it shows at start-up, by name: each file is named after its theme."""
    from newsview.themes import builtin_names, builtin_theme

    assert list(builtin_names()) == OWN
    for name in OWN:
        assert builtin_theme(name).name == name
    assert builtin_theme("no-such-theme") is None and builtin_theme("../newsview-dark") is None


async def test_every_theme_is_offered_once_the_app_is_on_screen():
    from factories import analysed_document
    from newsview.tui.app import NewsViewApp

    app = NewsViewApp(analysed_document(), theme="newsview-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "newsview-contrast"
        assert set(OWN) <= set(app.available_themes)
        await pilot.press("t")
        assert app.theme == OWN[0]  # after the last of newsview's themes, the first
