"""The command line as a user meets it: formats, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsview import export

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

GDANSK = SAMPLES / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt"
BAKER = SAMPLES / "wikinews-2019-10-07-ginger-baker-dies.txt"


def run(*args: str, input: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsview", *args],
        input=input,
        capture_output=True,
        timeout=300,
        env=env,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("newsview: ")
    return lines[0]


def test_help_lists_the_formats():
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for word in ("json", "jsonl", "text", "csv", "--model", "--theme", "--no-mouse"):
        assert word in out


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("newsview ")


@pytest.mark.parametrize(
    "make, expect",
    [
        (lambda d: d / "missing.txt", "missing.txt"),
        (lambda d: d, "no articles in this folder"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blob.bin", bytes(range(256)) * 8), "binary"),
        (lambda d: _write(d / "page.txt", b"Comments\n\nblog comments powered by Disqus\n"), "boilerplate"),
        (lambda d: _write(d / "esc.txt", b"\x1b[31m\x1b[0m\x1b]0;x\x07\n\x1b[2J\n"), "no text: only terminal escape"),
    ],
    ids=["missing", "directory", "empty", "binary", "only-boilerplate", "only-escapes"],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, make, expect):
    path = make(tmp_path)
    proc = run(str(path), "--format", "json")
    assert proc.returncode == 1
    line = one_line_error(proc)
    assert expect in line.lower()
    # one file is one document, so nothing; a folder is an array, so an empty one
    if path.is_dir():
        assert json.loads(proc.stdout) == []
    else:
        assert proc.stdout == b""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_json_document_follows_the_contract():
    proc = run(str(GDANSK), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "newsview/1"
    assert doc["source"]["path"] == str(GDANSK)
    assert len(doc["source"]["sha256"]) == 64
    assert doc["meta"]["title"].startswith("Arrest made as mayor of Gdańsk")
    text = doc["text"]
    for ent in doc["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    ids = {a["id"] for a in doc["actors"]}
    assert any(a["name"].endswith("Tusk") for a in doc["actors"])
    assert doc["quotes"], "the article quotes several people"
    for q in doc["quotes"]:
        assert q["speaker"] is None or q["speaker"] in ids
        for s, e in q["spans"]:
            assert 0 <= s < e <= len(text)
        assert 0.0 <= q["confidence"] <= 1.0


def test_jsonl_keeps_order_and_reports_the_bad_file(tmp_path):
    proc = run(str(BAKER), str(tmp_path / "nope.txt"), str(GDANSK), "--format", "jsonl")
    assert proc.returncode == 1, "one file failed, so the exit code says so"
    assert "nope.txt" in one_line_error(proc)
    lines = proc.stdout.decode().splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(BAKER), str(GDANSK)]


def test_without_a_terminal_the_default_is_a_text_summary():
    proc = run(str(GDANSK))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "Arrest made as mayor of Gdańsk" in out
    assert "Tusk" in out
    assert "\x1b" not in out, "no colour codes when stdout is not a terminal"


def test_app_is_refused_without_a_terminal():
    proc = run(str(GDANSK), "--format", "app")
    assert proc.returncode == 2
    assert "terminal" in one_line_error(proc)


def test_unknown_model_names_the_fix():
    proc = run(str(GDANSK), "--format", "json", "--model", "no_such_pipeline_xyz")
    assert proc.returncode == 3
    line = one_line_error(proc)
    assert "no_such_pipeline_xyz" in line and "pip install" in line


@pytest.mark.parametrize("command", ["app", "library", "speakers"])
def test_an_unknown_model_stops_the_app_the_library_and_speakers_alike(command, tmp_path, capsys):
    """Opening an article, opening a folder and ``--format speakers`` fail as a ``--format json`` run
    does: one line naming the pipeline and the fix, exit 3, and no library index made."""
    from newsview.cli.run_app import run_app
    from newsview.cli.run_library import run_library
    from newsview.cli.run_speakers import run_speakers

    folder = tmp_path / "day"
    folder.mkdir()
    (folder / "gdansk.txt").write_bytes(GDANSK.read_bytes())
    index = tmp_path / "lib.sqlite"
    model = "no_such_pipeline_xyz"
    if command == "app":
        code = run_app(str(folder / "gdansk.txt"), model=model, theme=None, mouse=False, use_cache=False,
                       review_file=None)
    elif command == "library":
        code = run_library([str(folder)], model=model, theme=None, mouse=False, use_cache=False, index=str(index))
    else:
        code = run_speakers([str(folder)], output=tmp_path / "speakers.csv", model=model, use_cache=False,
                            index=str(index))
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1 and err.startswith("newsview: ") and "Traceback" not in err
    assert model in err and "pip install" in err
    assert not index.exists() and not (tmp_path / "speakers.csv").exists()


def test_stdin_and_csv():
    proc = run("-", "--format", "csv", input=GDANSK.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert rows and set(rows[0]) == set(export.CSV_FIELDS)
    assert all(r["file"] == "<stdin>" for r in rows)
    assert any(r["speaker"].endswith("Tusk") for r in rows)


def test_hostile_text_never_reaches_stdout_as_escapes(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_bytes(
        "Evil \x1b]0;PWNED\x07 title\n\n"
        "“Stop \x1b[31mnow\x1b[0m [bold]please[/foo],” said Jane Smith, the mayor. \x9b2J\n".encode()
    )
    for fmt in ("text", "json", "csv"):
        proc = run(str(article), "--format", fmt)
        assert proc.returncode == 0, proc.stderr.decode()
        out = proc.stdout.decode()
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert "PWNED" not in out, "an OSC sequence goes whole, payload included"
        assert "[bold]please[/foo]" in out


def test_csv_cells_that_look_like_formulas_are_neutralised():
    assert export.spreadsheet_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert export.spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"
    assert export.spreadsheet_cell("Plain words") == "Plain words"
    assert export.spreadsheet_cell(0.5) == 0.5


@pytest.mark.parametrize("cell", ["  =1+2", " +cmd", "\t-2+3", "\u00a0@SUM(A1)", "\n=HYPERLINK(1)"])
def test_csv_cells_with_a_formula_after_leading_whitespace_are_neutralised(cell):
    """A spreadsheet skips the spaces and runs the formula: the quote mark goes first."""
    safe = export.spreadsheet_cell(cell)
    assert isinstance(safe, str) and safe.startswith("'")
    assert export.spreadsheet_cell("  plain") == "  plain"


def test_closed_pipe_is_not_an_error():
    cmd = f"{sys.executable} -m newsview {BAKER} {GDANSK} --format jsonl | head -c 5"
    proc = subprocess.run(cmd, shell=True, capture_output=True, timeout=300)
    assert proc.stdout == proc.stdout[:5]
    assert b"Traceback" not in proc.stderr


def test_saved_review_travels_into_json_csv_and_markdown(tmp_path, nlp):
    """Verdicts and notes made in the app appear in every export."""
    from newsview import engine
    from newsview.reader import read_article
    from newsview.review.actions import Accept, SetNote
    from newsview.review.store import ReviewStore

    article = tmp_path / "gdansk.txt"
    article.write_bytes(GDANSK.read_bytes())
    doc = engine.analyze(engine.prepare(read_article(str(article))), nlp)
    tusk = next(q for q in doc.quotes if (doc.speaker_name(q) or "").endswith("Tusk"))
    store = ReviewStore.for_article(str(article), doc.source.sha256)
    store.load(doc)
    store.apply(Accept(tusk.id))
    store.apply(SetNote(tusk.id, "checked against the tweet | ok"))
    assert (tmp_path / "gdansk.txt.review.json").is_file()

    data = json.loads(run(str(article), "-f", "json").stdout)
    reviewed = {q["id"]: q for q in data["review"]["quotes"]}
    assert reviewed[tusk.id]["verdict"] == "accepted"

    rows = list(csv.DictReader(io.StringIO(run(str(article), "-f", "csv").stdout.decode())))
    row = next(r for r in rows if r["quote_id"] == tusk.id)
    assert row["verdict"] == "accepted" and row["note"] == "checked against the tweet | ok"

    md = run(str(article), "-f", "markdown").stdout.decode()
    assert "accepted" in md and "checked against the tweet \\| ok" in md


def test_markdown_without_a_review_lists_the_quotes_unreviewed():
    proc = run(str(GDANSK), "-f", "markdown")
    assert proc.returncode == 0, proc.stderr.decode()
    md = proc.stdout.decode()
    assert md.startswith("# Quote review: Arrest made as mayor of Gdańsk")
    assert "Donald Tusk" in md and "unreviewed" in md


def test_explicit_review_file_that_does_not_exist_is_an_error(tmp_path):
    proc = run(str(GDANSK), "-f", "json", "--review-file", str(tmp_path / "none.review.json"))
    assert proc.returncode == 1
    assert "none.review.json" in one_line_error(proc)


def test_text_summary_defuses_bidirectional_controls(tmp_path):
    article = tmp_path / "bidi.txt"
    article.write_text("Title\n\n“Pay \u202eenil\u202c now,” said Jane Smith.\n", encoding="utf-8")
    proc = run(str(article), "--format", "text")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "\u202e" not in out and "\u202c" not in out
    assert "Pay \ufffdenil\ufffd now" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


#: command lines, and whether they open the app without the full parser
APP_COMMAND_LINES = [
    (["a.txt"], True),
    (["a.txt", "--no-cache"], True),
    (["--no-mouse", "a.txt", "--no-cache"], True),
    (["a.txt", "--theme", "newsview-light"], True),
    (["a.txt", "--theme=newsview-light", "-m", "my_model"], True),
    (["--model=my_model", "a.txt", "--keymap", "keys.toml", "--review-file", "r.json"], True),
    (["a.txt", "--theme", "x", "--theme", "y"], False),  # repeated: the full parser takes the last
    (["a.txt", "--model", "--no-cache"], False),  # an option where a value should be
    (["a.txt", "--theme="], False),
    (["a.txt", "-m=my_model"], False),  # a short option's value is everything after it: "=my_model"
    (["a.txt", "b.txt"], False),
    (["a.txt", "--format", "app"], False),
    (["a.txt", "--frobnicate"], False),
    (["-"], False),
    (["--", "a.txt"], False),
    (["--help"], False),
    ([], False),
]


@pytest.mark.parametrize("argv, quick", APP_COMMAND_LINES, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
@pytest.mark.parametrize("env", [{}, {"NEWSVIEW_MODEL": "env_model", "NEWSVIEW_THEME": "env-theme", "NEWSVIEW_KEYMAP": ""}])
def test_opening_an_article_quickly_means_the_same_as_the_full_parser(argv, quick, env, monkeypatch):
    """`newsview FILE [options]` skips the full parser only where both read it the same way."""
    from newsview.cli import fast, parser, run_app

    for name in ("NEWSVIEW_MODEL", "NEWSVIEW_THEME", "NEWSVIEW_KEYMAP"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    calls: list[dict] = []
    monkeypatch.setattr(run_app, "run_app", lambda path, **kw: calls.append({"path": path, **kw}) or 0)
    with pytest.raises(SystemExit):
        parser.cli(args=argv, prog_name="newsview")
    quick_call = fast.plain_app_call(argv)
    if quick:
        assert quick_call is not None and quick_call == calls[0]
    else:
        assert quick_call is None


def test_without_a_terminal_opening_an_article_takes_the_full_parser(monkeypatch):
    from newsview.cli import fast

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert fast.plain_app_call(["a.txt"]) is None


def test_every_format_the_command_offers_has_a_writer():
    from newsview.cli.options import Format

    # speakers is a table across the files (the library's ledger), and parquet a folder of tables (a corpus
    # run): neither is a writer of documents
    assert {f.value for f in Format} - {"app", "speakers", "parquet"} == set(export.WRITERS)


def test_the_quick_path_takes_only_options_it_can_read_without_converting():
    """Its values are strings or flags as typed: an option needing conversion must go through Typer."""
    from newsview.cli.options import OPTIONS

    app_options = [o for o in OPTIONS if o.app]
    assert app_options
    assert all(o.is_flag or o.type == (str | None) for o in app_options)


def test_a_failure_inside_a_run_takes_the_progress_line_away_first(monkeypatch):
    """main() prints the internal error on a clean line, not after a half-drawn progress line."""
    from newsview import batch
    from newsview.cli.options import Format
    from newsview.cli.run_batch import run_batch

    stderr = _Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)

    def analyse(files, *, progress, **kw):
        progress.draw(force=True)
        raise RuntimeError("bug")
        yield

    monkeypatch.setattr(batch, "analyse", analyse)
    with pytest.raises(RuntimeError):
        run_batch(["a.txt", "b.txt"], Format.json, output=None, model=None, use_cache=False, review_file=None)
    assert "0/2 files" in stderr.getvalue()
    assert stderr.getvalue().endswith("\x1b[2K")  # the bar's line erased
