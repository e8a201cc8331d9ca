"""Reading articles from web addresses, against a server on 127.0.0.1 that the tests start and stop."""

from __future__ import annotations

import socket

import pytest
from webserver import Handler, Site

from newsview import engine
from newsview.fetch import FetchError, fetch
from newsview.inputs import read_input
from newsview.page_cache import PageCache, read_page


@pytest.fixture(scope="module")
def site():
    running = Site()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))


def problem(site, path: str, **kw) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(site.url(path), **kw)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(site.url(path) + ": ")
    return message.removeprefix(site.url(path) + ": ")


def test_a_page_is_fetched_as_newsview_with_its_bytes_and_charset(site):
    page = fetch(site.url("/page.html"))
    assert page.data.startswith(b"<!DOCTYPE html>") and page.charset == "utf-8"
    assert page.final_url == site.url("/page.html")
    assert Handler.user_agents[-1].startswith("newsview/")


def test_a_fetched_page_reads_as_an_article_with_its_metadata(site):
    doc = engine.prepare(read_input(site.url("/page.html")))
    assert doc.meta.title == "Harbour ferry returns after two winters"
    assert doc.text.startswith(doc.meta.title + "\n\nThe ferry Gull sailed again")
    assert (doc.meta.byline, doc.meta.date, doc.meta.publisher) == ("Jane Marlowe", "2025-03-14", "Portside Courier")
    assert doc.meta.url == "https://courier.example/2025/03/harbour-ferry-returns"
    assert "Share on Facebook" not in doc.text and "Copyright" not in doc.text
    reasons = {r.reason for r in doc.removed}
    assert {"navigation", "share", "footer"} <= reasons
    assert doc.source.path == site.url("/page.html")


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_compressed_pages_are_decompressed(site, path):
    assert fetch(site.url(path)).data == fetch(site.url("/page.html")).data


def test_redirects_are_followed_up_to_five(site):
    page = fetch(site.url("/hop/5"))
    assert page.final_url == site.url("/page.html") and page.data.startswith(b"<!DOCTYPE html>")


def test_the_charset_the_server_names_is_honoured(site):
    doc = engine.prepare(read_input(site.url("/cyrillic")))
    assert doc.source.encoding == "windows-1251"
    assert "Паром снова вышел в море в пятницу утром" in doc.text


def test_the_charset_the_page_names_is_honoured(site):
    doc = engine.prepare(read_input(site.url("/latin1")))
    assert "said its owner, Zoë Müller" in doc.text and "Façade" in doc.text


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/hop/6", "too many redirects (more than 5)"),
        ("/loop-a", "redirect loop"),
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/picture.png", "not an HTML page (image/png)"),
        ("/huge", "page is over the 10 MB limit"),
        ("/huge-said", "page is 11 MB, over the 10 MB limit"),
        ("/bomb", "page is over the 10 MB limit"),
    ],
)
def test_each_failure_is_one_line(site, path, expected):
    assert problem(site, path) == expected


def test_a_slow_server_times_out(site):
    assert problem(site, "/slow", timeout=0.5) == "timed out after 0.5 s"


def test_a_refused_connection_and_an_unknown_host():
    with socket.socket() as s:  # a port nobody listens on: bound, then closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=r": connection refused$"):
        fetch(f"http://127.0.0.1:{port}/page.html")
    with pytest.raises(FetchError, match=r": host not found \(DNS lookup failed\)$"):
        fetch("http://no-such-host.invalid/page.html", timeout=5)


@pytest.mark.parametrize("address", ["ftp://127.0.0.1/page.html", "file:///etc/passwd"])
def test_only_http_and_https_are_read(address):
    with pytest.raises(FetchError, match="only http and https"):
        read_input(address)


def test_a_page_reopens_offline_from_the_cache_and_refresh_fetches_again(tmp_path):
    cache = PageCache(tmp_path / "pages")
    server = Site()
    try:
        url = server.url("/changing")
        first = read_page(url, cache=cache)
        server.server.changing = first.data.decode().replace("Friday morning", "Saturday morning")  # type: ignore[attr-defined]
        assert read_page(url, cache=cache).data == first.data  # the cached page, not the changed one
        assert b"Saturday morning" in read_page(url, refresh=True, cache=cache).data
    finally:
        server.stop()
    # the server is gone: the page still opens, as it was last fetched
    assert b"Saturday morning" in read_page(url, cache=cache).data
    with pytest.raises(FetchError, match="connection refused"):
        read_page(url, refresh=True, cache=cache)


def test_a_damaged_cache_entry_is_fetched_again(site, tmp_path):
    cache = PageCache(tmp_path / "pages")
    url = site.url("/page.html")
    read_page(url, cache=cache)
    for body in (tmp_path / "pages").glob("*.page"):
        body.write_bytes(b"<html>tampered</html>")
    assert cache.get(url) is None
    assert read_page(url, cache=cache).data.startswith(b"<!DOCTYPE html>")


def test_a_web_page_review_lives_in_the_data_folder_keyed_by_its_canonical_address(site, tmp_path):
    from newsview.review.fileformat import locate, review_name

    doc = engine.prepare(read_input(site.url("/page.html")))
    redirected = engine.prepare(read_input(site.url("/hop/2")))
    name = review_name(doc.source.path, doc.meta.url)
    assert name == review_name(redirected.source.path, redirected.meta.url) == doc.meta.url
    path, _ = locate(name, doc.source.sha256)
    assert path.parent == tmp_path / "data" / "reviews" and path.name.startswith("web-courier.example-")
