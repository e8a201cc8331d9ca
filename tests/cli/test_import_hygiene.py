"""The engine never drags in Textual, and the app does not import spaCy until it analyses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_the_first_frame_does_not_load_the_quote_variants_view():
    """A single article's first frame loads none of the Variants view: not its screens, not its lists,
    not the clustering (numpy, rapidfuzz: ~100 ms); naming an article for it does not cluster either."""
    modules = _modules_after(["newsview.cli", "newsview.tui.app", "newsview.engine", "newsview.cache"])
    assert "newsview.tui.app" in modules  # the check would be empty otherwise
    assert not {m for m in modules if m.startswith("newsview.variants")}
    assert not {"numpy", "rapidfuzz", "newsview.tui.variants_screen", "newsview.widgets.variants_list"} & modules
    naming = _modules_after(["newsview.variants.documents"])
    assert "newsview.variants.documents" in naming
    assert not {"numpy", "rapidfuzz", "newsview.variants.cluster"} & naming


def test_the_first_frame_of_an_analysed_article_loads_no_review_code_dialog_or_help(tmp_path):
    """A cached reopen of an article with no review file draws its first frame without the review
    store, the file code, the dialogs or the help (they cost tens of milliseconds at start-up);
    the review is loaded right after that frame."""
    code = (
        "import asyncio, json, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from factories import analysed_document\n"
        "from newsview.tui.app import NewsViewApp\n"
        "from newsview.tui.reader_screen import ReaderScreen\n"
        "seen = {}\n"
        "load = ReaderScreen._load_deferred_review\n"
        "def spy(reader):\n"
        "    seen['modules'] = sorted(sys.modules)\n"
        "    load(reader)\n"
        "ReaderScreen._load_deferred_review = spy\n"
        f"app = NewsViewApp(analysed_document(), review_file={str(tmp_path / 'story.review.json')!r})\n"
        "async def main():\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "        seen['loaded'] = app.reader.review_store is not None\n"
        "asyncio.run(main())\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    first_frame = set(seen["modules"])
    assert "newsview.tui.reader_screen" in first_frame and seen["loaded"]
    assert not {"newsview.review.store", "newsview.review.view", "newsview.review.fileformat",
                "newsview.review.actions", "newsview.tui.dialogs", "newsview.tui.help"} & first_frame


def test_asking_whether_an_article_is_long_does_not_load_the_cleaner():
    """A cached article's first frame needs no cleaning: telling a long article from an ordinary
    one (to read the cache first) does not import the boilerplate cleaner."""
    code = (
        "import json, sys\n"
        "from newsview.clean import is_long\n"
        "assert not is_long('A title\\n\\nThe body.\\n')\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(json.loads(out.stdout))
    assert "newsview.clean" in modules  # the check would be empty otherwise
    assert not {"newsview.clean.article", "newsview.clean.plain", "newsview.clean.boilerplate"} & modules


def test_finding_a_cached_analysis_does_not_load_the_cleaner(tmp_path):
    """Reopening a cached article looks its analysis up by the file's source (hash, charset, page
    or not): none of that may import the boilerplate cleaner, which only a new analysis needs."""
    article = tmp_path / "story.txt"
    article.write_text("A title\n\nThe mayor said the bridge would open in May.\n", encoding="utf-8")
    code = (
        "import json, sys\n"
        "from newsview import engine\n"
        "from newsview.engine import make_analyzer\n"
        "from newsview.inputs import read_input_or_kept\n"
        f"raw = read_input_or_kept({str(article)!r}).raw\n"
        "source = engine.source_of(raw)\n"
        "assert source.sha256 == raw.sha256 and not source.page\n"
        "make_analyzer(None, True)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    env = dict(os.environ, NEWSVIEW_CACHE_DIR=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    modules = set(json.loads(out.stdout))
    assert "newsview.engine" in modules
    assert not {"newsview.clean.article", "newsview.clean.plain", "newsview.clean.boilerplate",
                "newsview.batch", "newsview.progress", "newsview.fetch"} & modules
