"""User keymap files: read, validated against the app's real binding ids, one-line errors."""

from __future__ import annotations

import pytest

from newsview.keymap import KeymapError, load_keymap
from newsview.tui.app import binding_ids


def test_flat_and_table_forms(tmp_path):
    flat = tmp_path / "flat.toml"
    flat.write_text('"reader.down" = "e, down"\n"review.accept" = "A"\n', encoding="utf-8")
    assert load_keymap(str(flat), known_ids=binding_ids()) == {"reader.down": "e,down", "review.accept": "A"}
    table = tmp_path / "table.toml"
    table.write_text('[keys]\n"newsview.quit" = "Q"\n', encoding="utf-8")
    assert load_keymap(str(table), known_ids=binding_ids()) == {"newsview.quit": "Q"}


def test_environment_variable_and_default_file(tmp_path, monkeypatch):
    monkeypatch.setattr("newsview.keymap.default_path", lambda: tmp_path / "absent.toml")
    monkeypatch.delenv("NEWSVIEW_KEYMAP", raising=False)
    assert load_keymap() == {}, "no file is no keymap, not an error"
    env = tmp_path / "env.toml"
    env.write_text('"reader.up" = "i"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSVIEW_KEYMAP", str(env))
    assert load_keymap() == {"reader.up": "i"}


@pytest.mark.parametrize(
    "content, message",
    [
        ('"reader.down" = ', "not valid TOML"),
        ('"no.such.binding" = "x"\n', "unknown binding id 'no.such.binding'"),
        ('"reader.down" = 3\n', "must map to keys"),
        ('"reader.down" = "  "\n', "must map to keys"),
    ],
)
def test_bad_files_say_what_is_wrong_in_one_line(tmp_path, content, message):
    path = tmp_path / "keymap.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KeymapError) as err:
        load_keymap(str(path), known_ids=binding_ids())
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_explicit_file(tmp_path):
    with pytest.raises(KeymapError, match="no such keymap file"):
        load_keymap(str(tmp_path / "none.toml"))


def test_every_default_key_has_an_id():
    ids = binding_ids()
    for wanted in ("reader.down", "reader.top", "newsview.quit", "newsview.filter", "review.accept", "sidebar.select"):
        assert wanted in ids
