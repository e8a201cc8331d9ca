"""A small web server on 127.0.0.1 for the tests: pages, redirects and every way a fetch fails.

Started and stopped by the ``site`` fixture (tests/conftest.py); nothing here
touches the network beyond the loopback interface.  The pages are written for
these tests.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry returns after two winters | Portside Courier</title>
<link rel="canonical" href="https://courier.example/2025/03/harbour-ferry-returns">
<meta property="og:site_name" content="Portside Courier">
<meta name="author" content="Jane Marlowe">
<meta property="article:published_time" content="2025-03-14T08:00:00Z">
</head><body>
<nav class="menu"><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>Harbour ferry returns after two winters</h1>
<p class="byline">By Jane Marlowe</p>
<p>The ferry Gull sailed again on Friday morning, two winters after the harbour board laid her up for repairs.</p>
<p>"We never stopped asking when she would come back," said Ella Brandt, who runs the island shop.</p>
<p>The harbour master, Tom Okafor, said the board had spent more than it planned on the engine.
A second boat was promised in 2019 and never ordered, he added.</p>
<p>Islanders said the timetable was still too thin for commuters, and the council promised to review it in the spring.</p>
</article></main>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share by email</a></div>
<footer><p>Copyright 2025 Portside Courier. All rights reserved.</p></footer>
</body></html>
"""

#: a page in Windows-1251, said so only by the HTTP header
CYRILLIC = """<!DOCTYPE html><html><head><title>Паром вернулся</title></head><body><article>
<h1>Паром вернулся</h1>
<p>Паром снова вышел в море в пятницу утром, после двух зим ремонта в гавани острова.</p>
<p>Жители острова сказали, что расписание всё ещё слишком редкое для тех, кто ездит на работу.</p>
</article></body></html>"""

#: a page in Latin-1, said so only by its <meta> tag
LATIN1 = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Café reopens</title></head><body><article><h1>Café reopens on the quay</h1>
<p>The café on the quay reopened on Saturday, said its owner, Zoë Müller, after a winter of repairs.</p>
<p>Façade, terrace and kitchen were all rebuilt, she said, and the prices stayed the same.</p>
</article></body></html>"""

HUGE = 11 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    server_version = "TestServer"
    user_agents: ClassVar[list[str]] = []

    def log_message(self, format, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        page = ARTICLE.encode("utf-8")
        if path in ("/page.html", "/article"):
            self._send(200, page)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect("/page.html" if n <= 1 else f"/hop/{n - 1}")
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/missing":
            self._send(404, b"<html><body><p>Not here</p></body></html>")
        elif path == "/broken":
            self._send(500, b"<html><body><p>Oops</p></body></html>")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, page)
        elif path == "/huge":  # no length said: the cap is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
            sent = 0
            try:
                while sent <= HUGE:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/huge-said":  # the length said is over the cap: not even read
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
        elif path == "/bomb":  # a few KB of gzip that would be 11 MB
            body = gzip.compress(b"<html><body><p>" + b" " * HUGE + b"</p></body></html>")
            self._send(200, body, Content_Encoding="gzip")
        elif path == "/picture.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/gzip":
            self._send(200, gzip.compress(page), Content_Encoding="gzip")
        elif path == "/deflate":
            self._send(200, zlib.compress(page), Content_Encoding="deflate")
        elif path == "/cyrillic":
            self._send(200, CYRILLIC.encode("cp1251"), "text/html; charset=windows-1251")
        elif path == "/latin1":
            self._send(200, LATIN1.encode("latin-1"), "text/html")
        elif path.startswith("/gated/"):  # answered once the test opens the gate (a page still on its way)
            self.server.gate.wait(timeout=30)  # type: ignore[attr-defined]
            self._send(200, page)
        elif path == "/changing":
            self._send(200, self.server.changing.encode("utf-8"))  # type: ignore[attr-defined]
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (a timeout, a size cap) is what these tests provoke


class Site:
    """The running server: ``url(path)`` gives an address on it."""

    def __init__(self) -> None:
        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.changing = ARTICLE  # type: ignore[attr-defined]
        #: set by a test to let ``/gated/…`` answer
        self.gate = threading.Event()
        self.server.gate = self.gate  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        Handler.user_agents = []

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def stop(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
