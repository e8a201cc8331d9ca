"""Long articles: the first frame shows a first part cleaned exactly as the
whole clean cleans it; the rest follows in place, before the pipeline loads."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import pytest

from newsview import engine
from newsview.cache import ParseCache
from newsview.clean import HEAD_CHARS, Cleaned, clean_article, clean_head, source_offset
from newsview.export import to_json
from newsview.pipeline import ModelError
from newsview.reader import raw_from_text, read_article
from newsview.tui.app import NewsViewApp

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
DATA = Path(__file__).resolve().parents[1] / "data"
ARCAMAX = REPO.parent / "shared" / "samples" / "arcamax-ukraine-ceasefire.txt"
TEXT_SAMPLES = (
    sorted(SAMPLES.glob("*.txt")) + sorted(DATA.glob("*.txt")) + ([ARCAMAX] if ARCAMAX.is_file() else [])
)


def _make_big():
    spec = importlib.util.spec_from_file_location("make_big", REPO / "benchmarks" / "make_big.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.make_big


@pytest.fixture(scope="module")
def big_path(tmp_path_factory) -> Path:
    """The benchmark's 1 MB article (the samples' paragraphs, one sample's first)."""
    first = SAMPLES / "wikinews-2020-01-10-eastmed-pipeline-mitsotakis.txt"
    return _make_big()(tmp_path_factory.mktemp("big") / "big.txt", 1_000_000, first=first)


@pytest.fixture(scope="module")
def small_big_path(tmp_path_factory) -> Path:
    """Just long enough to be opened from a first part: quick to clean and lay out in Pilot tests."""
    return _make_big()(tmp_path_factory.mktemp("big") / "small-big.txt", 6 * HEAD_CHARS)


def assert_head_of(head: Cleaned, whole: Cleaned) -> None:
    """``head`` is ``whole`` cut after one of its paragraphs: text, paragraphs, offsets, removals, meta."""
    k = len(head.paragraphs)
    assert 0 < k < len(whole.paragraphs)
    assert whole.text.startswith(head.text) and whole.text[len(head.text) : len(head.text) + 2] == "\n\n"
    assert head.paragraphs == whole.paragraphs[:k]
    assert head.offset_map == whole.offset_map[: len(head.offset_map)]
    assert head.meta == whole.meta
    assert head.removed == whole.removed[: len(head.removed)]
    # and none of the rest's removals lies in the part shown
    end_in_source = source_offset(whole.offset_map, len(head.text))
    assert all(r.start >= end_in_source for r in whole.removed[len(head.removed) :])


FILLER = (
    "The council met again on Tuesday, and the vote on the new sea wall was put off for another week while the "
    "engineers looked again at the costs of its northern section."
)


def lengthened(source: str, paragraphs: int = 40) -> str:
    """``source`` with more body paragraphs in its middle: its head and its end stay as they are."""
    middle = source.find("\n\n", len(source) // 2)
    return source[:middle] + f"\n\n{FILLER}" * paragraphs + source[middle:]


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda p: p.name)
def test_the_first_part_is_a_prefix_of_the_whole_clean_of_each_sample(path):
    heads = 0
    for source in (read_article(path).text, lengthened(read_article(path).text)):
        whole = clean_article(source)
        for chars in range(150, len(source) // 4 + 1, 61):
            head = clean_head(source, chars)
            if head is not None:
                assert_head_of(head, whole)
                heads += 1
    # a long article with this sample's head and end is opened from a first part
    assert heads


def test_the_first_part_of_the_benchmark_article(big_path):
    source = read_article(big_path).text
    head = clean_head(source)
    assert head is not None
    assert len(head.text) < len(source) // 10
    assert_head_of(head, clean_article(source))


def _article(first: str, body_paragraphs: int, last: str) -> str:
    body = [
        f"Paragraph {i}: the harbour council met again on Tuesday and the vote on the sea wall was put off for "
        f"another week while engineers looked at the costs of the northern section."
        for i in range(body_paragraphs)
    ]
    return "\n\n".join([first, *body, last]) + "\n"


def test_a_closing_credit_gives_the_first_part_its_byline():
    source = _article("Harbour council puts off the vote on the new sea wall", 60, "Reporting by Jane Doe; Editing by John Roe")
    whole = clean_article(source)
    assert whole.meta.byline == "Jane Doe"
    head = clean_head(source, 1000)
    assert head is not None
    assert head.meta.byline == "Jane Doe"
    assert_head_of(head, whole)


def test_a_site_name_the_copyright_line_names_goes_from_the_first_part_too():
    source = _article(
        "Harbour Gazette\n\nHarbour council puts off the vote on the new sea wall",
        60,
        "© 2025 Harbour Gazette. All rights reserved.",
    )
    whole = clean_article(source)
    assert whole.meta.title == "Harbour council puts off the vote on the new sea wall"
    head = clean_head(source, 1000)
    assert head is not None and head.text.startswith("Harbour council puts off")
    assert_head_of(head, whole)


def test_a_first_part_that_ends_before_the_body_is_not_used():
    # cut after the deck, the part does not hold the dateline the whole clean finds
    source = _article("Harbour council votes on the new sea wall\n\nA deck line under it", 60, "The end.")
    source = source.replace("Paragraph 0:", "PORTSIDE, Maine — Paragraph 0:")
    whole = clean_article(source)
    assert whole.meta.dateline == "PORTSIDE, Maine"
    for chars in range(1, 120, 3):
        head = clean_head(source, chars)
        if head is not None:
            assert_head_of(head, whole)
    assert clean_head(source, 1000) is not None


def test_a_short_title_the_unread_middle_could_name_is_cleaned_whole():
    # the newsletter line far into the article names the short first line as the site
    middle = "Sign up for the Storm Hits Harbour newsletter"
    source = _article("Storm Hits Harbour\n\nA short deck line under it", 30, "The end.")
    source = source.replace("Paragraph 20:", middle + "\n\nParagraph 20:")
    whole = clean_article(source)
    assert whole.meta.title == "A short deck line under it"
    assert clean_head(source, 1000) is None
    doc = engine.prepare_head(raw_from_text(source))
    assert engine.is_whole(doc) and doc.text == whole.text


def test_an_end_longer_than_what_is_read_of_it_is_cleaned_whole():
    source = _article("Harbour council puts off the vote on the new sea wall", 60, "\n\n".join(["Advertisement"] * 400))
    assert clean_head(source, 1000) is None
    assert engine.is_whole(engine.prepare_head(raw_from_text(source)))


def test_html_pages_are_cleaned_whole():
    page = "<!DOCTYPE html><html><body><article>" + "<p>Words of the article, and more words.</p>\n\n" * 5000
    assert clean_head(page + "</article></body></html>") is None


def test_escapes_in_the_first_part_are_removed_before_it_is_shown():
    source = _article("Harbour council \x1b]0;PWNED\x07puts off the vote\x1b[2J", 60, "The end.")
    head = clean_head(source, 1000)
    assert head is not None
    assert "\x1b" not in head.text and "PWNED" not in head.text
    assert head.text.startswith("Harbour council puts off the vote")
    assert any(r.reason == "control" for r in head.removed)
    assert_head_of(head, clean_article(source))


# -- the engine ---------------------------------------------------------------------


def test_prepare_head_then_finish_is_the_document_prepare_gives(big_path):
    raw = read_article(big_path)
    head = engine.prepare_head(raw)
    assert not engine.is_whole(head)
    assert head.source == engine.prepare(raw).source  # the parse cache's key: the file's hash
    whole = engine.finish(head)
    assert engine.is_whole(whole) and engine.finish(whole) is whole
    # what `newsview FILE --format json` writes (from prepare) is what the app ends up with
    assert to_json(whole) == to_json(engine.prepare(raw))


def test_a_cached_analysis_is_found_from_the_first_part(small_big_path, tmp_path):
    raw = read_article(small_big_path)
    whole = engine.prepare(raw)
    cache = ParseCache(tmp_path)
    analyzer = engine.Analyzer(None, cache=cache)
    cache.put(whole.with_analysis(pipeline=analyzer.pipeline), analyzer.pipeline)
    reports = []
    hit = analyzer(engine.prepare_head(raw), progress=lambda doc, share: reports.append(share), cancelled=lambda: False)
    assert hit.analysed and hit.text == whole.text
    assert reports == []  # nothing to finish: the cached analysis is whole


# -- the app --------------------------------------------------------------------------


class GatedAnalyzer(engine.Analyzer):
    """The engine's analyser, held at the start until ``start`` is set; its pipeline
    waits for ``load`` and then fails to load."""

    def __init__(self) -> None:
        super().__init__(None)
        self.start = threading.Event()
        self.load = threading.Event()

    def cached(self, doc):
        self.start.wait(10)
        return None

    @property
    def nlp(self):
        self.load.wait(10)
        raise ModelError("the pipeline is broken")


async def wait_for(pilot, condition, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def test_the_app_shows_the_first_part_at_once_then_the_whole_text_in_place(small_big_path):
    raw = read_article(small_big_path)
    head = engine.prepare_head(raw)
    whole = engine.prepare(raw)
    analyzer = GatedAnalyzer()
    app = NewsViewApp(head, analyser=analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await pilot.pause()
            view = app.reader.article
            first_paragraph = whole.text[whole.paragraphs[0].start : whole.paragraphs[0].end]
            assert first_paragraph.split()[0] in view.visible_text()
            assert app.reader.document.text == head.text  # the rest is not cleaned yet
            await pilot.press("j", "j", "j")
            top, shown = view.scroll_offset.y, view.visible_text()
            analyzer.start.set()
            await wait_for(pilot, lambda: app.reader.document.text == whole.text)
            await pilot.pause()
            # the text grew under the reader: same lines on screen, same focus
            assert (view.scroll_offset.y, view.visible_text()) == (top, shown)
            assert app.focused is view
            assert "analysing" in app.reader.status_line.text and "%" not in app.reader.status_line.text
            await pilot.press("G")
            await pilot.pause()
            last_words = " ".join(whole.text.split()[-3:])
            assert last_words in " ".join(view.visible_text().split())
        finally:
            analyzer.start.set()
            analyzer.load.set()
        await wait_for(pilot, lambda: app.reader.engine_state == "failed")
        assert app.reader.document.text == whole.text


async def test_a_big_article_whose_pipeline_fails_still_ends_up_whole(small_big_path):
    raw = read_article(small_big_path)
    analyzer = GatedAnalyzer()
    analyzer.start.set()
    analyzer.load.set()
    app = NewsViewApp(engine.prepare_head(raw), analyser=analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.reader.engine_state == "failed")
        await pilot.pause()
        assert "analysis failed" in app.reader.status_line.text
        assert app.reader.document.text == engine.prepare(raw).text
        await pilot.press("G")
        await pilot.pause()
        assert app.reader.article.scroll_offset.y == app.reader.article.max_scroll_y > 0
        assert app.reader.article.layout_complete


def test_a_long_cached_article_opens_from_its_first_part_and_the_analyser_brings_the_rest(
        small_big_path, tmp_path, monkeypatch):
    """Reading a long article's big cache entry would hold up the first frame: the head comes first."""
    from newsview.cli.run_app import run_app
    import newsview.tui.app as ui

    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path))
    raw = read_article(small_big_path)
    whole = engine.prepare(raw)
    analyzer = engine.Analyzer(None, cache=ParseCache(tmp_path))
    analyzer.cache.put(whole.with_analysis(pipeline=analyzer.pipeline), analyzer.pipeline)
    shown = []

    class App:
        return_code = 0
        analysis_running = False

        def __init__(self, doc, *, analyser, **kw):
            shown.append((doc, analyser))

        def run(self, **kw):
            pass

    monkeypatch.setattr(ui, "NewsViewApp", App)
    assert run_app(str(small_big_path), model=None, theme=None, mouse=False, use_cache=True,
                   review_file=None) == 0
    first, analyser = shown[0]
    assert not first.analysed and whole.text.startswith(first.text) and len(first.text) < len(whole.text)
    later = analyser(first, progress=lambda doc, share: None, cancelled=lambda: False)
    assert later.analysed and later.text == whole.text
