"""The library from the command line: ``--format speakers``, and the sources in the exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from factories import analysed_document
from library_helpers import FakeAnalyzer, Said, write_article
from library_helpers import ARTICLES

from newsview.cache import ParseCache
from newsview.cli import run_speakers
from newsview.export import WRITERS, to_json, to_markdown


@pytest.fixture
def day(tmp_path: Path, monkeypatch):
    folder = tmp_path / "day"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    for name, title, body, actors in ARTICLES:
        write_article(folder, name, title, body, actors, cache=cache)
    write_article(folder, "2024-03-04-evil.txt", "A formula", '=Evil Corp said "click me" today.',
                  [Said("=Evil Corp", kind="ORG", quotes=("click me",))], cache=cache)
    monkeypatch.setattr("newsview.engine.make_analyzer", lambda model, use_cache, language=None: FakeAnalyzer(cache))
    return folder


def test_speakers_csv_has_one_row_per_speaker_across_the_files_and_no_formulas(day: Path, tmp_path: Path):
    out = tmp_path / "speakers.csv"
    code = run_speakers.run_speakers([str(day)], output=out, model=None, use_cache=True,
                                     index=str(tmp_path / "lib.sqlite"))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by_name = {r["speaker"]: r for r in rows}
    ana = by_name["Ana Costa"]
    assert (ana["quoted_articles"], ana["quotes"], ana["first_date"], ana["last_date"]) == (
        "3", "3", "2024-03-01", "2024-03-03")
    assert "'=Evil Corp" in by_name and "=Evil Corp" not in by_name  # a spreadsheet shows it, never runs it


def test_json_adds_the_sources_and_markdown_and_text_show_them():
    doc = analysed_document()
    fields = json.loads(to_json(doc))
    sources = fields["sources"]
    assert sources["quotes"] == len(doc.quotes)
    assert set(sources["by_category"]) == {"named", "unnamed", "document", "other", "unattributed"}
    assert sources["first"] is not None and sum(s["quotes"] for s in sources["speakers"]) == len(doc.quotes)
    markdown = to_markdown(doc)
    assert "## Sources" in markdown and "Shares of the quoted words:" in markdown
    text = io.StringIO()
    WRITERS["text"](text, [(doc, None)], single=True)
    assert "Sources:" in text.getvalue()


def test_a_folder_with_no_articles_is_one_line_and_exit_1(tmp_path: Path, capsys):
    from newsview.cli.run_library import run_library

    empty = tmp_path / "empty"
    empty.mkdir()
    code = run_library([str(empty)], model=None, theme=None, mouse=False, use_cache=True,
                       index=str(tmp_path / "lib.sqlite"))
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "no articles in this folder" in err


def test_a_review_file_goes_with_one_article_not_a_library(day: Path, capsys):
    from newsview.cli.run_library import run_library

    code = run_library([str(day)], model=None, theme=None, mouse=False, use_cache=True, review_file="x.json")
    assert code == 2 and "--review-file goes with a single article" in capsys.readouterr().err


def test_the_fast_path_passes_a_folder_and_its_index_to_the_app(day: Path, monkeypatch):
    from newsview.cli import fast

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    call = fast.plain_app_call([str(day), "--index", "lib.sqlite"])
    assert call is not None and call["path"] == str(day) and call["index"] == "lib.sqlite"


def test_a_quoted_pattern_opens_the_library_as_a_folder_does(day: Path, monkeypatch):
    from newsview.cli import run_app

    opened: list[list[str]] = []
    monkeypatch.setattr("newsview.cli.run_library.run_library", lambda inputs, **_: opened.append(inputs) or 0)
    pattern = str(day / "2024-03-0*.txt")
    assert run_app.run_app(pattern, model=None, theme=None, mouse=False, use_cache=True, review_file=None) == 0
    assert opened == [[pattern]]


def test_speakers_with_refresh_offline_keep_the_page_fetched_before_and_say_so(local_site, tmp_path: Path, monkeypatch,
                                                                               capsys):
    from library_helpers import PageAnalyzer

    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    cache = ParseCache(tmp_path / "parses")
    monkeypatch.setattr("newsview.engine.make_analyzer", lambda model, use_cache, language=None: PageAnalyzer(cache))
    page = local_site.url("/page.html")
    index = str(tmp_path / "lib.sqlite")
    out = tmp_path / "speakers.csv"
    assert run_speakers.run_speakers([page], output=out, model=None, use_cache=True, index=index) == 0
    first = out.read_text(encoding="utf-8")
    local_site.stop()
    capsys.readouterr()
    code = run_speakers.run_speakers([page], output=out, model=None, use_cache=True, index=index, refresh=True)
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count("\n") == 1 and "could not fetch it again (connection refused); kept the copy fetched" in err
    assert out.read_text(encoding="utf-8") == first and first.count("\n") == 2  # the header and its speaker


def test_speakers_output_that_is_one_of_the_folders_articles_is_refused(day: Path, tmp_path: Path, capsys):
    article = day / ARTICLES[0][0]
    before = article.read_bytes()
    code = run_speakers.run_speakers([str(day)], output=article, model=None, use_cache=True,
                                     index=str(tmp_path / "lib.sqlite"))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "is the input file" in err
    assert article.read_bytes() == before


def test_speakers_of_a_folder_with_a_file_name_that_is_not_utf8_says_so_and_lists_the_others(
        day: Path, tmp_path: Path, capsys):
    import os

    bad = os.fsdecode(bytes(day) + b"/2024-03-05-caf\xe9.txt")
    try:
        Path(bad).write_text('Tom Reyes said "it is late" today.\n', encoding="utf-8")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    out = tmp_path / "speakers.csv"
    code = run_speakers.run_speakers([str(day)], output=out, model=None, use_cache=True,
                                     index=str(tmp_path / "lib.sqlite"))
    err = capsys.readouterr().err
    assert code == 1 and "internal error" not in err
    assert "2024-03-05-caf\\xe9.txt: the library cannot keep a file whose name is not UTF-8" in err
    assert "Ana Costa" in out.read_text(encoding="utf-8")  # the other articles are still in the ledger


def test_speakers_with_an_index_that_is_one_of_the_articles_is_refused_and_the_article_kept(
        day: Path, tmp_path: Path, capsys):
    article = sorted(day.glob("*.txt"))[0]
    before = article.read_bytes()
    code = run_speakers.run_speakers([str(day)], output=None, model=None, use_cache=True, index=str(article))
    err = capsys.readouterr().err
    assert code == 2 and f"--index {article} is the input file" in err
    assert article.read_bytes() == before and not list(day.glob("*.broken*"))


def test_the_library_app_with_an_index_that_is_one_of_the_articles_is_refused_before_it_opens(
        day: Path, capsys):
    from newsview.cli.run_library import run_library

    article = sorted(day.glob("*.txt"))[-1]
    before = article.read_bytes()
    code = run_library([str(day)], model=None, theme=None, mouse=False, use_cache=True, index=str(article))
    assert code == 2 and f"--index {article} is the input file" in capsys.readouterr().err
    assert article.read_bytes() == before
