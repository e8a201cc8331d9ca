"""A folder, a pattern or several paths in every export format: each article once, in a stable order.

The export formats expand their inputs as the library does (``scan.expand_inputs``):
a folder's article files sorted by path, hidden and review files left out.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from cli_runs import assert_harmless, one_error_line, run_cli, share_one_pipeline

HOSTILE = "\x1b]0;PWNED\x07\x1b[31m\u202e"
ARTICLES = {
    "day/b.txt": '"The bridge opens in May," Mayor Anna Nowak said on Monday.\n\nThe council agreed.\n',
    "day/sub/a.txt": '"We want more buses," said Tom Reyes, who leads the riders\' union.\n',
    f"day/c{HOSTILE}.txt": '"Prices stay the same," the baker Ella Brandt said.\n',
}
#: the order every format gives them: sorted by path
ORDER = ["day/b.txt", f"day/c{HOSTILE}.txt", "day/sub/a.txt"]


@pytest.fixture
def day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    share_one_pipeline(monkeypatch)
    for name, text in ARTICLES.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    # not articles: a hidden file, a review file, another kind of file
    Path("day/.draft.txt").write_text('"Secret," said Nobody.\n', encoding="utf-8")
    Path("day/gone.txt.review.json").write_text("{}", encoding="utf-8")
    Path("day/notes.md").write_text("notes", encoding="utf-8")
    return tmp_path / "day"


def _escaped(name: str) -> str:
    from newsview.safe_text import escape_name

    return escape_name(name)


def test_jsonl_of_a_folder_is_one_line_per_article_in_path_order(day, monkeypatch):
    run = run_cli(["day", "--format", "jsonl"], monkeypatch)
    assert run.code == 0, run.stderr
    docs = [json.loads(line) for line in assert_harmless(run.stdout).splitlines()]
    assert [d["source"]["path"] for d in docs] == ORDER
    assert "Anna Nowak" in {a["name"] for a in docs[0]["actors"]}


def test_json_of_a_folder_is_an_array_even_with_one_article_and_one_file_stays_one_document(day, monkeypatch):
    run = run_cli(["day", "--format", "json"], monkeypatch)
    assert run.code == 0, run.stderr
    assert [d["source"]["path"] for d in json.loads(assert_harmless(run.stdout))] == ORDER
    # a folder is an array whatever it holds today: a script reads every run the same way
    run = run_cli(["day/sub", "--format", "json"], monkeypatch)
    assert run.code == 0, run.stderr
    (doc,) = json.loads(run.stdout)
    assert doc["source"]["path"] == "day/sub/a.txt"
    run = run_cli(["day/b.txt", "--format", "json"], monkeypatch)
    assert json.loads(run.stdout)["source"]["path"] == "day/b.txt"


def test_csv_of_a_folder_has_every_article_once_in_path_order(day, monkeypatch):
    run = run_cli(["day", "--format", "csv"], monkeypatch)
    assert run.code == 0, run.stderr
    files = [row["file"] for row in csv.DictReader(io.StringIO(assert_harmless(run.stdout)))]
    assert list(dict.fromkeys(files)) == [_escaped(name) for name in ORDER]


def test_text_of_a_folder_heads_each_summary_with_its_escaped_file_name(day, monkeypatch):
    run = run_cli(["day", "--format", "text"], monkeypatch)
    assert run.code == 0, run.stderr
    text = assert_harmless(run.stdout)
    headers = [line for line in text.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {_escaped(name)} <==" for name in ORDER]
    assert text.index("Anna Nowak") < text.index("Ella Brandt") < text.index("Tom Reyes")
    # one file alone: its summary, no header
    assert "==> " not in run_cli(["day/b.txt", "--format", "text"], monkeypatch).stdout.decode()


def test_markdown_of_a_folder_is_one_report_per_article_a_rule_apart(day, monkeypatch):
    run = run_cli(["day", "--format", "markdown"], monkeypatch)
    assert run.code == 0, run.stderr
    reports = assert_harmless(run.stdout).split("\n---\n")
    assert len(reports) == 3
    assert [r.split("- Source: `")[1].split("`")[0] for r in reports] == [_escaped(n).replace("`", "") for n in ORDER]


def test_a_quoted_pattern_and_several_paths_are_expanded_the_same_way(day, monkeypatch):
    run = run_cli(["day/*.txt", "day/sub", "day/b.txt", "--format", "jsonl"], monkeypatch)
    assert run.code == 0, run.stderr
    paths = [json.loads(line)["source"]["path"] for line in run.stdout.decode().splitlines()]
    assert paths == ["day/b.txt", f"day/c{HOSTILE}.txt", "day/sub/a.txt"]  # day/b.txt once


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "text", "markdown"])
def test_an_empty_folder_is_one_line_and_exit_1(fmt, tmp_path, monkeypatch):
    """And nothing on stdout but, for json, the empty array a script can still parse."""
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    Path("empty/notes.md").write_text("not an article", encoding="utf-8")
    run = run_cli(["empty", "--format", fmt], monkeypatch)
    assert run.code == 1
    assert one_error_line(run) == "newsview: empty: no articles in this folder"
    if fmt == "json":
        assert json.loads(run.stdout) == []
    else:
        assert run.stdout == b""


def test_json_of_an_empty_folder_is_what_json_of_a_folder_of_unreadable_files_is(tmp_path, monkeypatch):
    """``[]`` either way, on stdout or in the -o file, so a script never reads a missing or stale file."""
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    Path("bad").mkdir()
    Path("bad/blob.txt").write_bytes(bytes(range(256)) * 8)
    Path("out.json").write_text('[{"yesterday": true}]', encoding="utf-8")
    empty = run_cli(["empty", "--format", "json"], monkeypatch)
    unreadable = run_cli(["bad", "--format", "json"], monkeypatch)
    assert empty.code == unreadable.code == 1
    assert json.loads(empty.stdout) == [] and empty.stdout == unreadable.stdout
    to_file = run_cli(["empty", "--format", "json", "-o", "out.json"], monkeypatch)
    assert to_file.code == 1 and to_file.stdout == b""
    assert one_error_line(to_file) == "newsview: empty: no articles in this folder"
    assert json.loads(Path("out.json").read_text(encoding="utf-8")) == []


def test_an_empty_folder_beside_articles_is_reported_and_the_articles_still_written(day, monkeypatch):
    Path("empty").mkdir()
    run = run_cli(["empty", "day/sub", "--format", "jsonl"], monkeypatch)
    assert run.code == 1
    assert "empty: no articles in this folder" in one_error_line(run)
    assert [json.loads(line)["source"]["path"] for line in run.stdout.decode().splitlines()] == ["day/sub/a.txt"]


def test_a_pattern_that_matches_nothing_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_cli(["nothing-*.txt", "--format", "json"], monkeypatch)
    assert run.code == 1 and json.loads(run.stdout) == []
    assert one_error_line(run) == "newsview: nothing-*.txt: no articles match this pattern"


def test_output_file_that_is_an_article_of_the_folder_is_refused(day, monkeypatch):
    before = Path("day/b.txt").read_bytes()
    run = run_cli(["day", "--format", "jsonl", "-o", "day/b.txt"], monkeypatch)
    assert run.code == 2
    assert "input file" in one_error_line(run)
    assert Path("day/b.txt").read_bytes() == before


def test_a_review_file_goes_with_one_article_not_a_folder(day, monkeypatch):
    run = run_cli(["day", "--format", "json", "--review-file", "r.json"], monkeypatch)
    assert run.code == 2 and "--review-file goes with a single article" in one_error_line(run)
    assert not os.path.exists("r.json")


def test_a_folder_with_two_jobs_gives_what_one_job_gives(day, monkeypatch):
    one = run_cli(["day", "--format", "jsonl"], monkeypatch)
    two = run_cli(["day", "--format", "jsonl", "--jobs", "2", "--no-cache"], monkeypatch)
    assert two.code == one.code == 0, two.stderr
    assert two.stdout == one.stdout


def test_json_of_a_folder_with_an_unreadable_file_is_still_one_valid_array(day, monkeypatch):
    Path("day/zz-binary.txt").write_bytes(bytes(range(256)) * 8)
    run = run_cli(["day", "--format", "json"], monkeypatch)
    assert run.code == 1
    assert "zz-binary.txt" in one_error_line(run)
    assert [d["source"]["path"] for d in json.loads(run.stdout)] == ORDER
