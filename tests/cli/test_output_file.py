"""``-o FILE``: never written over the run's own files, never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_runs import one_error_line, run_cli, share_one_pipeline

ARTICLE = 'The mayor said on Monday that "the bridge will open in May," and the council agreed.\n'


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("b.txt").write_text(ARTICLE.replace("May", "June"), encoding="utf-8")
    return tmp_path


def _refused(argv, monkeypatch, keep: Path, says: str) -> None:
    before = keep.read_bytes()
    run = run_cli(argv, monkeypatch)
    assert run.code == 2
    assert says in one_error_line(run)
    assert keep.read_bytes() == before
    assert run.stdout == b""


def test_output_that_is_an_input_is_refused(folder, monkeypatch):
    _refused(["a.txt", "b.txt", "--format", "text", "-o", "b.txt"], monkeypatch, Path("b.txt"), "input file b.txt")
    _refused(["a.txt", "--format", "json", "-o", "a.txt"], monkeypatch, Path("a.txt"), "input file a.txt")


def test_output_that_is_an_input_under_another_name_is_refused(folder, monkeypatch):
    os.symlink("a.txt", "link.txt")
    os.link("a.txt", "hard.txt")
    os.mkdir("sub")
    _refused(["a.txt", "--format", "json", "-o", "link.txt"], monkeypatch, Path("a.txt"), "input file a.txt")
    _refused(["a.txt", "--format", "json", "-o", "hard.txt"], monkeypatch, Path("a.txt"), "input file a.txt")
    _refused(["a.txt", "--format", "json", "-o", "sub/../a.txt"], monkeypatch, Path("a.txt"), "input file a.txt")


def test_output_that_is_the_review_file_is_refused(folder, monkeypatch):
    Path("r.json").write_text('{"kept": true}', encoding="utf-8")
    _refused(["a.txt", "--format", "markdown", "--review-file", "r.json", "-o", "r.json"], monkeypatch,
             Path("r.json"), "review file")
    Path("a.txt.review.json").write_text('{"kept": true}', encoding="utf-8")
    _refused(["a.txt", "--format", "markdown", "-o", "a.txt.review.json"], monkeypatch,
             Path("a.txt.review.json"), "review file of a.txt")


def test_output_in_the_parse_cache_is_refused(folder, monkeypatch):
    from newsview.cache import ParseCache

    cache = folder / "cache"
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(cache))
    entries = ParseCache().entries
    entries.mkdir(parents=True)
    entry = entries / "entry.json"
    entry.write_text("{}", encoding="utf-8")
    _refused(["a.txt", "--format", "json", "-o", str(entry)], monkeypatch, entry, "parse cache")
    os.symlink(entries / "new.json", "looks-harmless.json")  # a link into the cache, to a file not there yet
    run = run_cli(["a.txt", "--format", "json", "-o", "looks-harmless.json"], monkeypatch)
    assert run.code == 2 and "parse cache" in one_error_line(run)
    assert not (entries / "new.json").exists()
    # beside the entries the folder is the user's (the cache never prunes there)
    share_one_pipeline(monkeypatch)
    run = run_cli(["a.txt", "--format", "json", "-o", str(cache / "out.json")], monkeypatch)
    assert run.code == 0, run.stderr


def test_a_run_that_fails_while_writing_leaves_the_old_output_whole(folder, monkeypatch):
    from newsview import export

    share_one_pipeline(monkeypatch)
    Path("out.json").write_text("the previous export\n", encoding="utf-8")

    def fails_halfway(out, documents, *, single):
        out.write('{"schema": "newsview/1", "text": "half')
        for _ in documents:
            pass
        raise KeyboardInterrupt

    monkeypatch.setitem(export.WRITERS, "json", fails_halfway)
    run = run_cli(["a.txt", "--format", "json", "--no-cache", "-o", "out.json"], monkeypatch)
    assert run.code == 130
    assert Path("out.json").read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "out.json"]  # no temporary file left


def test_output_is_replaced_whole_and_keeps_its_mode(folder, monkeypatch):
    share_one_pipeline(monkeypatch)
    Path("out.csv").write_text("old\n" * 1000, encoding="utf-8")
    os.chmod("out.csv", 0o640)
    run = run_cli(["a.txt", "--format", "csv", "--no-cache", "-o", "out.csv"], monkeypatch)
    assert run.code == 0, run.stderr
    text = Path("out.csv").read_text(encoding="utf-8")
    assert text.startswith("file,quote_id") and "old" not in text
    assert os.stat("out.csv").st_mode & 0o777 == 0o640


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "csv", "markdown"])
def test_a_full_device_is_one_line_and_exit_1(fmt, folder, monkeypatch):
    share_one_pipeline(monkeypatch)
    run = run_cli(["a.txt", "--format", fmt, "--no-cache", "-o", "/dev/full"], monkeypatch)
    assert run.code == 1
    assert one_error_line(run) == "newsview: /dev/full: cannot write: No space left on device"


def test_an_output_folder_that_does_not_exist_is_a_usage_error(folder, monkeypatch):
    share_one_pipeline(monkeypatch)
    run = run_cli(["a.txt", "--format", "csv", "--no-cache", "-o", "missing/out.csv"], monkeypatch)
    assert run.code == 2
    assert "missing/out.csv: cannot write" in one_error_line(run)


def test_an_output_that_is_a_folder_is_a_usage_error(folder, monkeypatch):
    share_one_pipeline(monkeypatch)
    os.mkdir("outdir")
    run = run_cli(["a.txt", "--format", "csv", "--no-cache", "-o", "outdir"], monkeypatch)
    assert run.code == 2
    assert one_error_line(run) == "newsview: outdir: cannot write: is a folder"
    assert os.listdir("outdir") == []
