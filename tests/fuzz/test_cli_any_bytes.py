"""Property: any bytes as an article give exit 0 or one clear error line, and a harmless stdout.

For every format: never an internal error or a traceback; standard output is
valid UTF-8 with no escape byte and no other C0 or C1 control character but
newline and tab; a JSON document that is written parses.

Each example runs the whole command (in this process, the pipeline loaded
once), so the normal suite runs 100 of them; the ``fuzz`` profile
(tests/fuzz/conftest.py) runs as many as it says, with its counts reported:

    HYPOTHESIS_PROFILE=fuzz python -m pytest -q tests/fuzz/test_cli_any_bytes.py --hypothesis-show-statistics
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cli_runs import Run, assert_harmless, run_cli, share_one_pipeline
from hypothesis import given, settings
from hypothesis import strategies as st

FORMATS = ("json", "jsonl", "text", "csv", "markdown")

#: pieces that make hostile articles likelier than uniform bytes do: prose and quotes,
#: escape sequences, C0/C1 controls, bidi controls, BOMs, bytes that are not UTF-8, markup
PIECES = [
    b"The minister said ", b"Anna Nowak told reporters ", b" he would not resign.", b'"', b"\xe2\x80\x9c",
    b"\xe2\x80\x9d", b"'", b"\n", b"\n\n", b"\r\n", b"\r", b"\t", b" ", b"\x1b[31m", b"\x1b[0m", b"\x1b[2J",
    b"\x1b]0;PWNED\x07", b"\x1b]8;;http://x\x1b\\", b"\x1bP+q\x1b\\", b"\x1b", b"\x9b2J", b"\xc2\x9b",
    b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x81\xa6", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x07",
    b"\x08", b"\x7f", b"\xe9", b"\x81", b"\xed\xa0\x80", b"Comments", b"Copyright 2024 Reuters", b"By Jane Smith",
    b"WARSAW (Reuters) - ", b"[bold]x[/bold]", b"[/]", b":smile:", b"=1+2", b"@SUM(A1)", b"-", b"%PDF-",
    b"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", b"\xe2\x80\x8b",
]

article_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.binary(min_size=1, max_size=4),
            st.text(max_size=24).map(lambda t: t.encode("utf-8")),
        ),
        max_size=48,
    ).map(b"".join),
)


def check(run: Run, fmt: str) -> None:
    """The property, for one run."""
    assert "Traceback" not in run.stderr
    assert run.code in (0, 1), (run.code, run.stderr)
    if run.code == 0:
        # a run that succeeds says nothing, but for one notice: the article is not English, so only its text is given
        lines = run.stderr.splitlines()
        notice = len(lines) == 1 and lines[0].startswith("newsview: ") and "English-only" in lines[0]
        assert lines == [] or notice, run.stderr
    else:
        lines = run.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsview: "), run.stderr
        assert "internal error" not in lines[0]
    text = assert_harmless(run.stdout)
    if run.code == 0 and fmt == "json":
        json.loads(text)
    if run.code == 0 and fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)


#: a whole command per example: fewer of them in the normal suite than the other properties run
_CI_EXAMPLES = settings(max_examples=100) if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else (lambda f: f)


@_CI_EXAMPLES
@given(data=article_bytes, fmt=st.sampled_from(FORMATS))
def test_any_bytes_as_an_article(data: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        share_one_pipeline(patch)
        article = Path(folder) / "article.txt"
        article.write_bytes(data)
        check(run_cli([str(article), "--format", fmt, "--no-cache"], patch), fmt)


HOSTILE_SAMPLES = [
    b"\x1b]0;PWNED\x07\x1b[2JThe minister said \"we will \x9bwin\" on \xe2\x80\xaeMonday.\n",
    b"\x1b[31m\x1b[0m\n\x1b[2J\n",
    b"Caf\xe9 owner Jean Dupont said \x93it is over\x94 on Tuesday.\r\n",
    b"\xef\xbb\xbf\"=1+2,\" Anna Nowak told reporters.\n\n@SUM(A1) she said\x1b\\.\n",
    b"\xff\xfe\x00\x00",
]


def test_hostile_bytes_through_the_real_command(tmp_path):
    """The console script in its own process: its real stdout, encoding and error boundary."""
    files = []
    for i, data in enumerate(HOSTILE_SAMPLES):
        (tmp_path / f"sample{i}.txt").write_bytes(data)
        files.append(f"sample{i}.txt")
    for fmt in ("text", "csv"):
        proc = subprocess.run([sys.executable, "-m", "newsview", *files, "--format", fmt, "--no-cache"],
                              check=False, capture_output=True, timeout=300, cwd=tmp_path)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 1  # two of the samples are not articles
        lines = err.splitlines()
        assert len(lines) == 2 and all(line.startswith("newsview: sample") for line in lines), err
        assert "internal error" not in err and "Traceback" not in err
        assert_harmless(proc.stdout)
        assert b"minister" in proc.stdout.lower() or b"nowak" in proc.stdout.lower()
