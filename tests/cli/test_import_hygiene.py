"""The engine never drags in Textual, and the app does not import spaCy until it analyses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(imports: list[str]) -> set[str]:
    code = "import json, sys\n" + "".join(f"import {m}\n" for m in imports) + "print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def _roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("module", ["newsview", "newsview.engine", "newsview.model", "newsview.filtering"])
def test_engine_modules_do_not_import_textual(module):
    assert "textual" not in _roots(_modules_after([module]))


def test_app_does_not_import_spacy():
    roots = _roots(_modules_after(["newsview.tui.app"]))
    assert "textual" in roots  # the check would be empty otherwise
    assert "spacy" not in roots and "thinc" not in roots


def test_opening_an_article_does_not_wait_for_the_full_command_line_parser():
    """`newsview FILE` reaches the app without importing Typer (tens of milliseconds before the first frame)."""
    roots = _roots(_modules_after(["newsview.cli", "newsview.tui.app", "newsview.engine", "newsview.cache"]))
    assert "textual" in roots
    assert "typer" not in roots and "click" not in roots


def test_the_first_frame_does_not_load_the_review_store_or_file_code():
    """The review is loaded after the analysis: filtering parses review terms without the review package."""
    modules = _modules_after(["newsview.cli", "newsview.tui.app", "newsview.engine", "newsview.cache", "newsview.filtering"])
    assert "newsview.tui.app" in modules  # the check would be empty otherwise
    assert not {m for m in modules if m.startswith("newsview.review")}


def test_preparing_a_plain_text_article_does_not_load_html_extraction():
    """A text file's first frame cleans it without the HTML page extractor (trafilatura, lxml or
    Python's HTML parser); a page still gets them."""
    code = (
        "import json, sys\n"
        "from newsview import engine\n"
        "from newsview.reader import raw_from_text\n"
        "engine.prepare_head(raw_from_text('A title\\n\\nBy Jane Doe\\n\\nThe body of the article, said Mr Smith.\\n'))\n"
        "before = sorted(sys.modules)\n"
        "engine.prepare(raw_from_text('<!DOCTYPE html><html><body><h1>A title</h1><p>The body of the article, long enough to be kept.</p></body></html>'))\n"
        "print(json.dumps([before, sorted(sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    plain, page = (set(m) for m in json.loads(out.stdout))
    assert "newsview.clean" in plain  # the check would be empty otherwise
    assert not {"newsview.clean.web", "html.parser", "trafilatura", "lxml"} & plain
    assert {"newsview.clean.web", "trafilatura"} <= page


def test_the_first_frame_does_not_load_the_quote_variants_clustering():
    """The reader names its article for the Variants view without the clustering (numpy, rapidfuzz: ~100 ms)."""
    modules = _modules_after(["newsview.cli", "newsview.tui.app", "newsview.engine", "newsview.cache"])
    assert "newsview.variants.documents" in modules  # the check would be empty otherwise
    assert not {"numpy", "rapidfuzz", "newsview.variants.cluster"} & modules
