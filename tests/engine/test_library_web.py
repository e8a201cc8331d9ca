"""Web addresses as library members: fetched by the sync through the page cache, keyed by address.

A local server on 127.0.0.1 (tests/webserver.py), started and stopped here.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from library_helpers import PIPELINE, PageAnalyzer, write_article
from webserver import Site

from newsview.cache import ParseCache
from newsview.library import scan
from newsview.library.background import sync_while_analysing
from newsview.library.index import LibraryIndex, default_path


@pytest.fixture
def web_env(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSVIEW_TIMEOUT", "2")
    return tmp_path


def _members(local_site: Site, tmp: Path) -> list[str]:
    """Two good pages, a 404 and a local file."""
    folder = tmp / "day"
    folder.mkdir()
    local = write_article(folder, "2024-03-01-local.txt", "Local council meets", 'Ana Costa said "we meet on Monday".')
    return [local_site.url("/page.html"), local_site.url("/latin1"), local_site.url("/missing"), str(local)]


def _sync(index: LibraryIndex, members: list[str], cache: ParseCache, **kwargs) -> scan.SyncReport:
    found = scan.expand_inputs(members)
    assert found.problems == ()
    return scan.sync(index, list(found.files), pipeline=PIPELINE, cache=cache, **kwargs)


def test_addresses_are_kept_as_members_without_fetching(local_site, web_env):
    addresses = [local_site.url("/page.html"), local_site.url("/missing"), local_site.url("/page.html")]
    found = scan.expand_inputs(addresses)
    assert found.files == tuple(addresses[:2]) and found.problems == ()
    assert local_site.server.RequestHandlerClass.user_agents == []  # nothing was fetched


def test_pages_are_fetched_analysed_and_keyed_by_address(local_site, web_env):
    members = _members(local_site, web_env)
    cache = ParseCache(web_env / "parses")
    with LibraryIndex(web_env / "lib.sqlite") as index:
        report = _sync(index, members, cache)
        assert sorted(report.queued) == sorted([members[0], members[1], members[3]])
        assert report.not_fetched == [members[2]]
        missing = index.article_by_path(members[2])
        assert missing is not None and missing.state == "failed" and missing.reason == "HTTP 404 Not Found"
        assert missing.display_title == members[2]  # nothing was read: the address is its title
        page = index.article_by_path(members[0])
        assert page is not None and page.title == "Harbour ferry returns after two winters"
        assert page.sha256 and page.state == "queued"
        final = scan.AnalysisLoop(index.path, PageAnalyzer(cache)).run()
        assert final.done == 3 and final.failed == 0
        page = index.article_by_path(members[0])
        assert page is not None and page.state == "done" and page.quotes >= 1
        # the site's address names its source; a file's folder names it too
        assert {r.path for r in index.articles("source:127.0.0.1")} == set(members[:3])
        assert {r.path for r in index.articles("source:day")} == {members[3]}


def test_reopening_works_offline_and_refresh_fetches_again(local_site, web_env):
    members = _members(local_site, web_env)
    cache = ParseCache(web_env / "parses")
    with LibraryIndex(web_env / "lib.sqlite") as index:
        _sync(index, members, cache)
        scan.AnalysisLoop(index.path, PageAnalyzer(cache)).run()
        before = {m: index.article_by_path(m) for m in members}
    local_site.stop()
    with LibraryIndex(web_env / "lib.sqlite") as index:
        report = _sync(index, members, cache)
        # the pages come from the page cache: unchanged, still analysed; the 404 is tried again and fails again
        assert report.unchanged == 3 and report.queued == [] and report.not_fetched == [members[2]]
        for m in members[:2]:
            row = index.article_by_path(m)
            assert row is not None and row.state == "done" and row.quotes == before[m].quotes  # type: ignore[union-attr]
        # the reader opens a page from the cache, never from the network
        doc = scan.open_article(members[0], PageAnalyzer(cache))  # type: ignore[arg-type]
        assert doc.analysed and "ferry Gull" in doc.text
        # --refresh offline: the pages keep the copy fetched before, and the report says so
        report = _sync(index, members, cache, refresh=True)
        assert report.not_fetched == [members[2]]  # never fetched: nothing to keep
        assert len(report.kept_copies) == 2
        assert all("could not fetch it again (connection refused); kept the copy fetched " in line
                   for line in report.kept_copies)
        assert {line.split(": could not")[0] for line in report.kept_copies} == set(members[:2])
        for m in members[:2]:
            row = index.article_by_path(m)
            assert row is not None and row.state == "done" and row.quotes == before[m].quotes  # type: ignore[union-attr]


def test_a_trafilatura_upgrade_analyses_the_pages_again_but_not_the_files(local_site, web_env, installed_trafilatura):
    members = _members(local_site, web_env)
    cache = ParseCache(web_env / "parses")
    with LibraryIndex(web_env / "lib.sqlite") as index:
        _sync(index, members, cache)
        scan.AnalysisLoop(index.path, PageAnalyzer(cache)).run()
        assert _sync(index, members, cache).unchanged == 3  # two pages and the file: nothing to do
        installed_trafilatura("99.0.0")  # what a page's text is may have changed; a file's has not
        report = _sync(index, members, cache)
        assert sorted(report.queued) == sorted(members[:2]) and report.unchanged == 1
        assert index.article_by_path(members[0]).state == "queued"  # type: ignore[union-attr]

def test_a_page_is_analysed_as_soon_as_it_arrives_while_another_is_still_downloading(local_site, web_env):
    # the held-back page comes first: it holds up neither the fetch nor the analysis of the other
    held, first = local_site.url("/gated/slow-site"), local_site.url("/page.html")
    index_path = web_env / "lib.sqlite"
    first_done = threading.Event()

    def progress(report: scan.LoopProgress) -> None:
        if report.event == "done" and report.path == first:
            first_done.set()

    loop = scan.AnalysisLoop(index_path, PageAnalyzer(ParseCache(web_env / "parses")), progress=progress)
    outcome: list = []
    running = threading.Thread(target=lambda: outcome.append(sync_while_analysing(loop, [held, first])))
    running.start()
    try:
        assert first_done.wait(timeout=60), "the first page was not analysed while the second was held back"
        with LibraryIndex(index_path) as index:
            assert index.article_by_path(first).state == "done"  # type: ignore[union-attr]
            assert index.article_by_path(held).state == "fetching"  # type: ignore[union-attr]  # still on its way
    finally:
        local_site.gate.set()
        running.join(timeout=60)
    ((report, final),) = outcome
    assert final.event == "finished" and report.not_fetched == []  # the same page: its analysis from the cache
    with LibraryIndex(index_path) as index:
        assert index.article_by_path(held).state == "done"  # type: ignore[union-attr]

def test_a_page_never_fetched_does_not_open_in_the_reader(local_site, web_env):
    from newsview.reader import InputError

    with pytest.raises(InputError, match="has not been fetched"):
        scan.open_article(local_site.url("/page.html"))
    assert local_site.server.RequestHandlerClass.user_agents == []


def test_a_pages_review_is_read_from_where_opening_the_address_puts_it(local_site, web_env):
    from newsview import engine
    from newsview.review.fileformat import locate, review_name

    cache = ParseCache(web_env / "parses")
    address = local_site.url("/page.html")
    with LibraryIndex(web_env / "lib.sqlite") as index:
        _sync(index, [address], cache)
        scan.AnalysisLoop(index.path, PageAnalyzer(cache)).run()
        row = index.article_by_path(address)
        doc = engine.prepare(scan.read_page_member(address, fetch=False))
        expected, _ = locate(review_name(address, doc.meta.url), doc.source.sha256)
        # the canonical address names the review, as `newsview URL` names it
        assert doc.meta.url == "https://courier.example/2025/03/harbour-ferry-returns"
        assert row is not None and index.stamps()[address].review_path == str(expected)


def test_a_set_of_addresses_has_its_own_index_in_the_data_folder(web_env):
    one = default_path(["https://a.example/x", "https://b.example/y"])
    assert one == default_path(["https://b.example/y", "https://a.example/x"])
    assert one != default_path(["https://a.example/x"])
    assert one.parent == web_env / "data" / "libraries" and one.name.startswith("web-a.example-")
