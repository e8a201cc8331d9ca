"""Corpus inputs: files, folders and globs in a stable order, and tables of
articles (JSONL, CSV, Parquet) whose bad rows become error rows, never a crash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsview.corpus.inputs import Columns, items
from newsview.corpus.partition import partition_words, partitions

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ARTICLE = (SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt").read_text(encoding="utf-8")


def _by_key(found):
    return {item.key: item for item in found}


def test_a_folder_gives_its_article_files_sorted_and_a_glob_its_matches(tmp_path):
    for name in ("b.txt", "a.html", "c.md", "sub/d.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    keys = [item.key for item in items([str(tmp_path)])]
    assert keys == [str(tmp_path / n) for n in ("a.html", "b.txt", "sub/d.txt")]
    assert [item.key for item in items([str(tmp_path / "*.txt")])] == [str(tmp_path / "b.txt")]
    nothing = list(items([str(tmp_path / "*.nothing")]))
    assert len(nothing) == 1 and nothing[0].error == "no articles match this pattern"


def test_a_corpus_folder_holds_the_articles_every_other_format_reads_there(tmp_path):
    """``.text`` articles in, hidden files, review files, other kinds of file and named pipes
    (which a worker would wait on for ever) out, each file once: as ``newsview FOLDER --format jsonl``."""
    import os

    from newsview.library.members import expand_inputs

    for name in ("b.txt", "a.text", "c.html", ".draft.txt", ".hidden/e.txt", "notes.md", "b.txt.review.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
    keys = [item.key for item in items([str(tmp_path), str(tmp_path / "b.txt")])]
    assert keys == [str(tmp_path / n) for n in ("a.text", "b.txt", "c.html")]
    assert keys == list(expand_inputs([str(tmp_path), str(tmp_path / "b.txt")], as_given=True).files)


def test_a_folder_with_no_articles_is_an_error_row_where_it_stands(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    found = list(items([str(tmp_path / "empty"), str(tmp_path / "a.txt")]))
    assert [i.key for i in found] == [str(tmp_path / "empty"), str(tmp_path / "a.txt")]
    assert found[0].error == "no articles in this folder" and found[1].error is None  # its id names the folder


def test_a_pattern_row_names_the_empty_folder_it_matched(tmp_path):
    """The row's id is the pattern, so the folder the pattern matched is named in the reason."""
    (tmp_path / "day-1").mkdir()
    found = list(items([str(tmp_path / "day-*")]))
    assert {i.key for i in found} == {str(tmp_path / "day-*")}
    assert [i.error for i in found] == [f"{tmp_path / 'day-1'}: no articles in this folder",
                                        "no articles match this pattern"]


def test_jsonl_rows_with_missing_empty_or_odd_text_are_error_rows(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "good", "body": ARTICLE, "title": "Doris Day dies", "url": "https://example.org/1"},
        {"id": "no-text", "title": "x"},
        {"id": "empty", "body": "   \n"},
        {"id": "null", "body": None},
        {"id": "number", "body": 42},
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json", "[1, 2]", ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(items([str(path)], Columns(text="body", id="id")))
    assert [i.key for i in found] == ["good", "no-text", "empty", "null", "number", f"{path}:6", f"{path}:7"]
    good = found[0]
    assert good.error is None and good.text == ARTICLE
    assert good.meta == {"title": "Doris Day dies", "url": "https://example.org/1"}
    reasons = [i.error for i in found[1:]]
    assert all(reasons)
    assert "no 'body' column" in reasons[0] and "empty" in reasons[1] and "empty" in reasons[2]
    assert "int" in reasons[3] and "JSON" in reasons[4] and "object" in reasons[5]


def test_a_csv_without_the_text_column_is_one_error_naming_the_columns(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("id,content\n1,hello\n", encoding="utf-8")
    found = list(items([str(path)]))
    assert len(found) == 1 and found[0].key == str(path)
    assert "no 'text' column" in found[0].error and "'content'" in found[0].error and "--text-column" in found[0].error


def test_csv_rows_long_texts_and_empty_cells(tmp_path):
    import csv

    long_text = "\n\n".join([ARTICLE] * 60)  # past the csv module's 128 KiB default limit
    path = tmp_path / "corpus.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "date"])
        writer.writerow([long_text, "2019-05-13"])
        writer.writerow(["", "2019-05-14"])
    found = list(items([str(path)]))
    assert [i.key for i in found] == [f"{path}:1", f"{path}:2"]  # no id column: the file and row number
    assert found[0].text == long_text and found[0].meta == {"date": "2019-05-13"}
    assert found[1].error and "empty" in found[1].error


def test_parquet_rows_and_a_parquet_without_the_text_column(tmp_path):
    good = tmp_path / "good.parquet"
    pq.write_table(pa.table({"doc_id": [7, 8], "text": [ARTICLE, ""]}), good)
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"doc_id": [1], "content": [ARTICLE]}), bad)
    found = list(items([str(good), str(bad)], Columns(id="doc_id")))
    assert [i.key for i in found] == ["7", "8", str(bad)]
    assert found[0].text == ARTICLE and found[0].error is None
    assert "empty" in found[1].error
    assert "no 'text' column" in found[2].error


def test_a_file_that_is_not_the_table_it_claims_is_an_error_row(tmp_path):
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"not parquet at all")
    badcsv = tmp_path / "latin.csv"
    badcsv.write_bytes(b"text\ncaf\xe9\n")
    found = list(items([str(fake), str(badcsv)]))
    assert [i.key for i in found] == [str(fake), str(badcsv)]
    assert all(i.error and "cannot read" in i.error for i in found)


def test_partitions_are_consecutive_stable_and_sized_in_words(tmp_path):
    for n in range(30):
        shutil.copy(SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt", tmp_path / f"{n:02d}.txt")
    found = list(items([str(tmp_path)]))
    size = 3 * found[0].weight
    groups = list(partitions(found, size))
    assert [i.key for g in groups for i in g.items] == [i.key for i in found]
    assert all(len(g.items) == 3 for g in groups) and [g.index for g in groups] == list(range(10))
    assert [g.first for g in groups] == list(range(0, 30, 3))
    assert [g.items for g in partitions(items([str(tmp_path)]), size)] == [g.items for g in groups]
    # a big corpus gets big partitions, a small one at least a few dozen
    assert partition_words(10**9) == 200_000 and partition_words(640_000) == 10_000
