"""An article that is not in English, as a user sees it in every export format (the app: tests/app/test_language_app.py)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from language_samples import LONG, MIXED, article



def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsview", *args], capture_output=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    path = tmp_path_factory.mktemp("articles") / "tranvia.txt"
    path.write_text(article(LONG["es"]), encoding="utf-8")
    return path


def test_json_carries_no_analysis_and_says_why(spanish):
    proc = run(str(spanish), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["meta"]["language"]["code"] == "es"
    assert data["engine"]["coverage"] == "text"
    assert "Spanish" in data["engine"]["note"] and "English-only" in data["engine"]["note"]
    assert data["entities"] == data["actors"] == data["quotes"] == []
    assert "tranvía" in data["text"]


def test_jsonl_carries_the_same_note_per_line(spanish, tmp_path):
    english = tmp_path / "english.txt"
    english.write_text(article(MIXED), encoding="utf-8")
    proc = run(str(spanish), str(english), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.decode().splitlines())
    assert first["engine"]["coverage"] == "text" and first["engine"]["note"]
    assert second["engine"]["coverage"] == "full" and second["engine"]["note"] is None
    assert second["meta"]["language"]["code"] == "en" and second["entities"]


def test_text_summary_says_plainly_which_language_and_why(spanish):
    proc = run(str(spanish), "--format", "text")
    assert proc.returncode == 0
    out = " ".join(proc.stdout.decode().replace("│", " ").split())  # the panel wraps lines
    assert "Spanish (es" in out
    assert "Entity and quote analysis is English-only" in out


def test_markdown_report_says_it_too(spanish):
    proc = run(str(spanish), "--format", "markdown")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    note = next(line for line in out.splitlines() if line.startswith("> "))
    assert "Spanish" in note and "English-only" in note


def test_csv_has_no_rows_and_stderr_says_why(spanish):
    proc = run(str(spanish), "--format", "csv")
    assert proc.returncode == 0
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert rows == []
    err = proc.stderr.decode()
    assert "Spanish (es)" in err and "English-only" in err and "Traceback" not in err


def test_language_en_analyses_it_anyway(spanish):
    proc = run(str(spanish), "--format", "json", "--language", "en")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["engine"]["coverage"] == "full"
    assert data["meta"]["language"] == {"code": "en", "name": "English", "confidence": 1.0, "english_share": 1.0,
                                        "source": "given"}
    assert data["entities"]


def test_a_wrong_language_code_is_one_line_and_exit_2(spanish):
    proc = run(str(spanish), "--format", "json", "--language", "Spanish")
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "language code such as en" in lines[0]
    assert proc.stdout == b""
