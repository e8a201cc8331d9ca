"""Running the ``newsview`` command inside the test process: argv in, exit code and output bytes out.

Much faster than a subprocess (the spaCy pipeline is loaded once, see
``shared_pipeline``), and standard output is captured as the bytes a
terminal or a pipe would receive, encoded as Python encodes a real stdout in
a UTF-8 locale (undecodable file-name bytes would come out as they are).
"""

from __future__ import annotations

import functools
import io
import re
import sys
from dataclasses import dataclass

import pytest

from newsview.pipeline import load_pipeline as _load_pipeline


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: str


def run_cli(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``newsview ARGV`` in this process, stdout and stderr captured (neither is a terminal)."""
    from newsview.cli.entry import main

    out_bytes = io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="surrogateescape", newline="", write_through=True)
    err = io.StringIO()
    code = 0
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out.flush()
    return Run(code, out_bytes.getvalue(), err.getvalue())


# _load_pipeline above is the real loader, taken before any test patches it


def share_one_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run in this test loads the spaCy pipeline once (a new Analyzer per run would reload it)."""
    from newsview import pipeline

    monkeypatch.setattr(pipeline, "load_pipeline", _loaded_pipeline)


@functools.cache
def _loaded_pipeline(explicit: str | None = None):
    return _load_pipeline(explicit)


def one_error_line(run: Run) -> str:
    """The run's only stderr line, which must be an ordinary newsview error, not a crash."""
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("newsview: ")
    assert "internal error" not in lines[0]
    return lines[0]


#: what a terminal acts on: C0 controls but newline and tab, DEL, C1 controls (as UTF-8 encodes them)
TERMINAL_CONTROLS = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def assert_harmless(stdout: bytes) -> str:
    """Output that is valid UTF-8 with no byte a terminal would act on (nor a bidi override); its text."""
    text = stdout.decode("utf-8")  # strict: never a lone surrogate or a raw undecodable byte
    found = TERMINAL_CONTROLS.search(stdout)
    assert found is None, (found.group(), stdout[max(0, found.start() - 40):found.end() + 40])
    assert "\u202e" not in text
    return text
