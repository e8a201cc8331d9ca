"""Fetching a web page: one GET, with the limits a reader of untrusted addresses needs.

http and https only; a timeout for the whole exchange; at most
``MAX_REDIRECTS`` redirects (a loop is named as one); no more than
``reader.MAX_BYTES`` of page after gzip/deflate are undone (the
``Content-Length`` is checked first, and the body is read in chunks, so a
compressed bomb stops at the cap); only HTML (by content type, or by content
when the server names none); the charset the server declares is kept for
decoding.  urllib3 (already there for trafilatura) does the HTTP; redirects
are followed here, so each hop is checked.

Every failure is a ``FetchError`` whose message is one line:
``<address>: <problem>``, the address made safe for a terminal.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from . import __version__
from .reader import MAX_BYTES, InputError, display_name, page_charset

#: redirects followed before giving up
MAX_REDIRECTS = 5
#: seconds for the whole fetch, unless ``NEWSVIEW_TIMEOUT`` says otherwise
DEFAULT_TIMEOUT = 20.0
USER_AGENT = f"newsview/{__version__} (+https://github.com/newsview; article reader)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class FetchError(InputError):
    """A page that could not be fetched; ``str(exc)`` is one line."""


@dataclass(frozen=True)
class Page:
    """A fetched page: the address asked for, the one answered (after redirects), its bytes."""

    url: str
    final_url: str
    data: bytes
    charset: str | None
    content_type: str


def is_url(arg: str) -> bool:
    """Is this command-line input a web address (any ``scheme://``), not a file name?"""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", arg) is not None


def timeout_seconds() -> float:
    """The fetch timeout: ``NEWSVIEW_TIMEOUT`` (seconds) when it is a positive number."""
    try:
        value = float(os.environ.get("NEWSVIEW_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _check_scheme(url: str, name: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(name, f"only http and https addresses can be read, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise FetchError(name, "no host in the address")


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _human(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _network_problem(exc: Exception, timeout: float) -> str:
    """One line for what urllib3 raised."""
    from urllib3 import exceptions as e

    reason = exc.reason if isinstance(exc, e.MaxRetryError) and exc.reason is not None else exc
    if isinstance(reason, e.NameResolutionError):
        return "host not found (DNS lookup failed)"
    if isinstance(reason, e.NewConnectionError):  # (a subclass of ConnectTimeoutError)
        text = str(reason).lower()
        if "refused" in text:
            return "connection refused"
        if "name or service" in text or "nodename" in text or "resolution" in text:
            return "host not found (DNS lookup failed)"
        return "cannot connect"
    if isinstance(reason, (e.ConnectTimeoutError, e.ReadTimeoutError, TimeoutError)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, e.SSLError):
        return "secure connection failed (TLS certificate or handshake)"
    if isinstance(reason, e.ProtocolError):
        return "the connection was broken off"
    if isinstance(reason, e.DecodeError):
        return "the page's compressed body is damaged"
    return f"cannot fetch ({reason.__class__.__name__})"


def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES) -> Page:
    """GET an HTML page (see the module's description); raises ``FetchError``."""
    import urllib3

    name = display_name(url)
    timeout = timeout if timeout is not None else timeout_seconds()
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    current = url
    with urllib3.PoolManager(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                 "Accept-Encoding": "gzip, deflate"},
        retries=False,
    ) as http:
        while True:
            _check_scheme(current, name)
            seen.append(current)
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(name, f"timed out after {timeout:g} s")
            try:
                response = http.request(
                    "GET", current, redirect=False, preload_content=False, decode_content=True,
                    timeout=urllib3.Timeout(total=left),
                )
            except urllib3.exceptions.LocationValueError:
                raise FetchError(name, "not a valid address") from None
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise FetchError(name, _network_problem(exc, timeout)) from None
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(name, f"HTTP {response.status} redirect without a Location")
                    target = urljoin(current, location)
                    if target in seen:
                        raise FetchError(name, "redirect loop")
                    if len(seen) > MAX_REDIRECTS:
                        raise FetchError(name, f"too many redirects (more than {MAX_REDIRECTS})")
                    current = target
                    continue
                if response.status >= 400:
                    reason = (response.reason or "").strip()
                    raise FetchError(name, f"HTTP {response.status}{' ' + display_name(reason) if reason else ''}")
                return _read_page(response, url, current, name, timeout, deadline, max_bytes)
            finally:
                response.release_conn()


def _read_page(response, url: str, final: str, name: str, timeout: float, deadline: float, max_bytes: int) -> Page:
    import urllib3

    content_type = response.headers.get("Content-Type", "")
    media = content_type.split(";")[0].strip().lower()
    if media and media not in _HTML_TYPES:
        raise FetchError(name, f"not an HTML page ({display_name(media)})")
    length = response.headers.get("Content-Length", "")
    # a compressed body is never much smaller than what it decompresses to, so its length is checked too
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(name, f"page is {_human(int(length))}, over the {_human(max_bytes)} limit")
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError(name, f"timed out after {timeout:g} s")
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FetchError(name, f"page is over the {_human(max_bytes)} limit")
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(name, _network_problem(exc, timeout)) from None
    data = b"".join(chunks)
    if not data:
        raise FetchError(name, "the page is empty")
    if not media:
        from .clean.article import looks_html

        if not looks_html(data[:8192].decode("latin-1")):
            raise FetchError(name, "not an HTML page (no content type, and it does not look like one)")
    charset = _charset(content_type) or page_charset(data)
    return Page(url, final, data, charset, media or "text/html")
