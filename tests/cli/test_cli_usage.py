"""A wrong command line is one line on stderr that points to --help, with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_runs import one_error_line, run_cli


@pytest.mark.parametrize(
    "argv, says",
    [
        (["a.txt", "--format", "xml"], "'xml' is not one of"),
        (["a.txt", "--format", "json", "--jobs", "-3"], "--jobs"),
        ([], "no article given"),
        (["a.txt", "--format"], "requires an argument"),
        (["a.txt", "--frobnicate"], "no such option: --frobnicate"),
    ],
    ids=["unknown format", "negative jobs", "no arguments", "missing value", "unknown option"],
)
def test_a_usage_error_is_one_line_pointing_to_help(argv, says, monkeypatch):
    run = run_cli(argv, monkeypatch)
    assert run.code == 2
    line = one_error_line(run)
    assert says in line
    assert line.endswith("(see 'newsview --help')")
    assert run.stdout == b""


def test_a_file_whose_name_starts_with_a_dash_is_reached_after_double_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-leading.txt").write_text("The mayor said the bridge would open in May.\n", encoding="utf-8")
    refused = run_cli(["-leading.txt"], monkeypatch)
    assert refused.code == 2
    assert "newsview [OPTIONS] -- -leading.txt" in one_error_line(refused)
    # and that advice works
    opened = run_cli(["--format", "text", "--no-cache", "--", "-leading.txt"], monkeypatch)
    assert opened.code == 0, opened.stderr
    assert b"-leading.txt" in opened.stdout or b"mayor" in opened.stdout.lower()


def test_a_dash_word_that_is_no_file_still_says_how_to_reach_such_files(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli(["-x.txt"], monkeypatch))
    assert "goes after '--'" in line


def test_usage_error_from_the_installed_command_has_no_box():
    """The real console script, not just main(): no Rich panel, one line."""
    proc = subprocess.run([sys.executable, "-m", "newsview", "a.txt", "--format", "xml"],
                          check=False, capture_output=True, timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert len(err.splitlines()) == 1, err
    assert "╭" not in err and "Usage:" not in err


def test_help_and_version_still_exit_0(monkeypatch):
    assert run_cli(["--help"], monkeypatch).code == 0
    version = run_cli(["--version"], monkeypatch)
    assert version.code == 0 and version.stdout.startswith(b"newsview ")


def test_an_error_quoting_outside_text_stays_one_harmless_line(capsys):
    from newsview.cli.errors import error

    error("the review file /tmp/r\u202eevil\n\x1b[2Jx.json is damaged")
    err = capsys.readouterr().err
    assert err == "newsview: the review file /tmp/r\ufffdevil x.json is damaged\n"


def test_help_names_each_value_as_a_user_would_not_as_a_python_type(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    help_text = run_cli(["--help"], monkeypatch).stdout.decode()
    assert "Usage: newsview [OPTIONS] {FILE}..." in help_text  # not {FILE...}...
    for python_type in ("<bool>", "<str>", "<path>", "<int>"):
        assert python_type not in help_text
    for option, value in (("--format", "FORMAT"), ("--output", "PATH"), ("--jobs", "N"), ("--index", "FILE")):
        line = next(line for line in help_text.splitlines() if line.lstrip("│ ").startswith(option))
        assert value in line
    assert "folders" in help_text and "patterns" in help_text  # every format takes them
