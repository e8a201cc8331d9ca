"""Many files at once: the same output whatever the number of jobs, and a progress line only on a terminal."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from newsview.batch import ProgressLine, default_jobs, word_count

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _newsview(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsview", *args], capture_output=True, text=True, timeout=600)


def test_several_jobs_give_the_same_output_in_the_same_order(tmp_path):
    files = [
        str(SAMPLES / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt"),
        str(tmp_path / "missing.txt"),
        str(SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt"),
        str(SAMPLES / "wikinews-2019-01-07-trump-state-of-emergency.txt"),
    ]
    one = _newsview(*files, "--format", "jsonl", "--no-cache")
    two = _newsview(*files, "--format", "jsonl", "--no-cache", "--jobs", "2")
    assert one.returncode == two.returncode == 1  # the missing file
    assert one.stdout == two.stdout
    assert len(two.stdout.splitlines()) == 3
    assert two.stderr.strip() == one.stderr.strip()
    assert two.stderr.strip().startswith("newsview: ") and "missing.txt" in two.stderr
    assert "Traceback" not in two.stderr


def test_several_jobs_with_a_missing_pipeline_is_one_error(tmp_path):
    proc = _newsview(str(SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt"), str(SAMPLES / "hostile.txt"),
                     "--format", "jsonl", "--jobs", "2", "--model", "no_such_pipeline_xyz")
    assert proc.returncode == 3
    assert proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no_such_pipeline_xyz" in lines[0]


def test_progress_line_counts_files_and_goes_away():
    out = _Terminal()
    line = ProgressLine(3, out, interval=0)
    line.file_done(1200)
    assert "1/3 files" in out.getvalue() and "words/s" in out.getvalue()
    line.file_share(0.5)
    assert "1/3 files (next 50%)" in out.getvalue().rsplit("\r", 1)[-1]
    drawn = len(out.getvalue())
    line.clear()
    # the cursor is shown again and the bar's line erased, last of all
    assert "\x1b[?25h" in out.getvalue()[drawn:] and out.getvalue().endswith("\x1b[2K")


def test_progress_line_is_silent_off_a_terminal():
    out = io.StringIO()
    line = ProgressLine(2, out, interval=0)
    line.file_done(10)
    line.file_done(10)
    line.clear()
    assert out.getvalue() == ""


def test_progress_line_counts_words_as_whitespace_separates_them():
    # the words/s of the progress line: every kind of space (no-break, em, line and file separators) parts words
    text = "Le\u00a0ministre a dit\u2003«\u00a0non\u00a0»\n\nfin\x1cde\u2028ligne  \t"
    assert word_count(text) == len(text.split()) == 10
    assert word_count("") == 0 and word_count(" \n ") == 0


def test_zero_jobs_means_one_per_core():
    assert default_jobs() >= 1


def test_a_long_article_in_a_batch_shows_how_far_its_parse_is(tmp_path):
    """A file parsed in many pieces moves the progress line while it is analysed, not only when it is done."""
    from newsview.batch import analyse

    body = (SAMPLES / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt").read_text(encoding="utf-8")
    long_article = tmp_path / "long.txt"
    long_article.write_text(body + "\n\n" + "\n\n".join([body.split("\n\n", 1)[1]] * 40), encoding="utf-8")
    out = _Terminal()
    line = ProgressLine(1, out, interval=0)
    results = list(analyse([str(long_article)], model=None, use_cache=False, progress=line))
    assert results[0].document is not None and results[0].document.analysed
    assert "(next " in out.getvalue()


def test_time_left_is_estimated_by_size_not_by_file_count(monkeypatch, tmp_path):
    """Three small files done in 3 s, a big one to go: about 97 s left, not 1 s."""
    from newsview import batch
    from newsview import progress

    clock = [1000.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    files = []
    for name, size in (("a.txt", 100), ("b.txt", 100), ("c.txt", 100), ("big.txt", 9700)):
        (tmp_path / name).write_bytes(b"x" * size)
        files.append(str(tmp_path / name))
    out = _Terminal()
    line = ProgressLine(4, out, interval=0, sizes=batch.input_sizes(files))
    for _ in range(3):
        clock[0] += 1.0
        line.file_done(20)
    assert line.text().endswith("1:37 left")
    line.file_share(0.5)  # half of the big file parsed: 5150 of 10000 bytes in 3 s
    assert line.text().endswith("0:02 left")


def test_inputs_of_unknown_size_count_as_the_mean(tmp_path):
    from newsview.batch import input_sizes

    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    (tmp_path / "b.txt").write_bytes(b"x" * 300)
    assert input_sizes([str(tmp_path / "a.txt"), "-", str(tmp_path / "b.txt"), str(tmp_path / "gone")]) == [
        100, 200, 300, 200]


def test_a_corpus_run_ends_with_one_summary_line():
    from newsview.progress import RunProgress

    out = io.StringIO()
    progress = RunProgress(3, stream=out, interval=0)
    progress.set_workers(2)
    progress.advance(2, 1500)
    progress.advance(1, 0, errors=1)
    progress.clear()
    assert out.getvalue() == ""  # nothing drawn off a terminal
    line = progress.summary()
    assert line.startswith("3 articles (1 error) in 0:0") and "words/s on 2 workers" in line
