"""Web pages and addresses on the command line: a local server on 127.0.0.1, started and stopped here."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from webserver import ARTICLE, Site

GDANSK = Path(__file__).resolve().parents[2] / "samples" / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt"


@pytest.fixture(scope="module")
def site():
    running = Site()
    yield running
    running.stop()


@pytest.fixture
def env(tmp_path):
    return {
        **os.environ,
        "NEWSVIEW_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSVIEW_DATA_DIR": str(tmp_path / "data"),
        "NEWSVIEW_TIMEOUT": "1",
    }


def run(*args: str, env: dict, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsview", *args], input=input, capture_output=True, timeout=300, env=env, check=False
    )


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.strip()]


def without_path(document: dict) -> dict:
    return {**document, "source": {k: v for k, v in document["source"].items() if k != "path"}}


def test_an_address_gives_the_same_document_as_the_saved_page(site, env, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes(ARTICLE.encode("utf-8"))
    from_file = run(str(saved), "--format", "json", "--no-cache", env=env)
    from_web = run(site.url("/page.html"), "--format", "json", "--no-cache", env=env)
    assert from_file.returncode == from_web.returncode == 0, from_web.stderr
    a, b = json.loads(from_file.stdout), json.loads(from_web.stdout)
    assert b["source"]["path"] == site.url("/page.html")
    assert without_path(a) == without_path(b)
    meta = b["meta"]
    assert (meta["title"], meta["byline"], meta["date"]) == ("Harbour ferry returns after two winters", "Jane Marlowe", "2025-03-14")
    assert meta["url"] == "https://courier.example/2025/03/harbour-ferry-returns"
    assert any(q["speaker"] and "Brandt" in next(x["name"] for x in b["actors"] if x["id"] == q["speaker"])
               for q in b["quotes"])


def test_html_on_standard_input_is_read_as_a_page(env):
    proc = run("-", "--format", "json", "--no-cache", env=env, input=ARTICLE.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["meta"]["title"] == "Harbour ferry returns after two winters"
    assert "<p" not in doc["text"] and "Share on Facebook" not in doc["text"]


def _refused_address() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/page.html"


BAD = [
    ("/missing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500 Internal Server Error"),
    ("/loop-a", "redirect loop"),
    ("/hop/6", "too many redirects (more than 5)"),
    ("/slow", "timed out after 1 s"),
    ("/huge", "page is over the 10 MB limit"),
    ("/picture.png", "not an HTML page (image/png)"),
]


@pytest.mark.parametrize("path, problem", BAD, ids=[p for p, _ in BAD])
def test_a_bad_address_is_one_line_and_exit_1(site, env, path, problem):
    proc = run(site.url(path), "--format", "json", env=env)
    assert proc.returncode == 1 and proc.stdout == b""
    assert error_lines(proc) == [f"newsview: {site.url(path)}: {problem}"]


@pytest.mark.parametrize(
    "address, problem",
    [
        ("refused", "connection refused"),
        ("http://no-such-host.invalid/page.html", "host not found (DNS lookup failed)"),
        ("ftp://127.0.0.1/page.html", "only http and https addresses can be read, not ftp:"),
    ],
)
def test_an_address_that_cannot_be_reached_is_one_line_and_exit_1(env, address, problem):
    address = _refused_address() if address == "refused" else address
    proc = run(address, "--format", "json", env=env)
    assert proc.returncode == 1 and proc.stdout == b""
    assert error_lines(proc) == [f"newsview: {address}: {problem}"]


def test_with_several_inputs_the_good_ones_are_still_processed(site, env):
    inputs = [str(GDANSK), site.url("/missing"), site.url("/page.html"), _refused_address()]
    proc = run(*inputs, "--format", "jsonl", env=env)
    assert proc.returncode == 1
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["source"]["path"] for d in docs] == [str(GDANSK), site.url("/page.html")]
    lines = error_lines(proc)
    assert len(lines) == 2 and "HTTP 404" in lines[0] and "connection refused" in lines[1]


def test_the_speaker_ledger_takes_pages_and_files_and_names_a_page_it_could_not_fetch(site, env):
    proc = run(site.url("/page.html"), site.url("/missing"), str(GDANSK), "--format", "speakers",
               "--index", str(Path(env["NEWSVIEW_DATA_DIR"]) / "lib.sqlite"), env=env)
    assert proc.returncode == 1
    ledger = proc.stdout.decode("utf-8")
    assert "Ella Brandt" in ledger and "Adamowicz" in ledger
    assert error_lines(proc) == [f"newsview: {site.url('/missing')}: HTTP 404 Not Found"]


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_every_format_takes_a_page_and_a_text_file(site, env, fmt):
    proc = run(site.url("/page.html"), str(GDANSK), "--format", fmt, env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "Brandt" in out and "Adamowicz" in out


def test_a_fetched_page_reopens_offline_and_refresh_fetches_again(env):
    server = Site()
    url = server.url("/page.html")
    try:
        first = run(url, "--format", "json", env=env)
    finally:
        server.stop()
    offline = run(url, "--format", "json", env=env)
    assert first.returncode == offline.returncode == 0
    assert json.loads(offline.stdout)["text"] == json.loads(first.stdout)["text"]
    # --refresh cannot fetch it again: the copy fetched before is analysed, as the library does, and said so
    refreshed = run(url, "--format", "json", "--refresh", env=env)
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(refreshed.stdout)["text"] == json.loads(first.stdout)["text"]
    (notice,) = error_lines(refreshed)
    assert notice.startswith(f"newsview: {url}: could not fetch it again (connection refused); kept the copy fetched 20")
    assert notice.endswith(" UTC")
    # an address never fetched has no copy to keep: the failure stays one line and exit code 1
    never = url.replace("/page.html", "/never-fetched.html")
    missing = run(never, "--format", "json", "--refresh", env=env)
    assert missing.returncode == 1 and missing.stdout == b""
    assert error_lines(missing) == [f"newsview: {never}: connection refused"]


def test_the_app_with_refresh_offline_shows_the_copy_fetched_before_and_says_so(tmp_path, monkeypatch):
    """``newsview URL --refresh`` in the app: the page cannot be fetched again, so the copy fetched
    before opens (exit code 0) with a notification naming the problem."""
    import asyncio

    from cli_runs import run_cli, share_one_pipeline

    import newsview.tui.app as ui
    from newsview.cli.run_app import run_app

    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSVIEW_TIMEOUT", "1")
    share_one_pipeline(monkeypatch)
    server = Site()
    url = server.url("/page.html")
    try:  # fetched and analysed once: the page and its analysis are in the caches
        first = run_cli([url, "--format", "json"], monkeypatch)
    finally:
        server.stop()
    assert first.code == 0, first.stderr
    seen: dict = {}

    def look(app, **_kw):
        async def drive() -> None:
            async with app.run_test(size=(100, 30), notifications=True) as pilot:
                await pilot.pause()
                seen["text"] = app.reader.document.text
                seen["notices"] = [(n.message, n.severity) for n in app._notifications]
                seen["toasts"] = len(app.screen.query("Toast"))

        asyncio.run(drive())

    monkeypatch.setattr(ui.NewsViewApp, "run", look)
    assert run_app(url, model=None, theme=None, mouse=False, use_cache=True, review_file=None, refresh=True) == 0
    assert seen["text"] == json.loads(first.stdout)["text"]
    ((message, severity),) = seen["notices"]
    assert message.startswith(f"{url}: could not fetch it again (connection refused); kept the copy fetched 20")
    assert severity == "warning" and seen["toasts"] == 1  # shown on the screen


def test_a_format_run_fetches_the_next_pages_while_one_is_analysed_and_keeps_their_order(local_site, tmp_path,
                                                                                       monkeypatch):
    import threading

    from library_helpers import PageAnalyzer

    from newsview import batch, engine
    from newsview.cache import ParseCache

    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(engine, "make_analyzer", lambda *args: PageAnalyzer(ParseCache(tmp_path / "parses")))
    held, second, third = local_site.url("/gated/first"), local_site.url("/latin1"), local_site.url("/cyrillic")
    requests = local_site.server.RequestHandlerClass.user_agents
    results: list = []
    running = threading.Thread(target=lambda: results.extend(
        batch.analyse([held, second, third], model=None, use_cache=False)))
    running.start()
    try:
        for _ in range(600):  # the other two pages are asked for while the first is still held back
            if len(requests) >= 3 or not running.is_alive():
                break
            threading.Event().wait(0.05)
        assert len(requests) == 3 and not local_site.gate.is_set() and results == []
    finally:
        local_site.gate.set()
        running.join(timeout=60)
    assert [r.path for r in results] == [held, second, third]
    assert all(r.document is not None for r in results)
