"""Reading an article: bytes in (a file or stdin), one decoded string out.

Everything that can go wrong with the input surfaces as one ``InputError``
whose message is a single line, ``"<file>: <problem>"``, safe to print to a
terminal (the file name is sanitised).

Encodings, tried in this order:

* a byte-order mark: UTF-8 (``utf-8-sig``), UTF-32 (``utf-32``), UTF-16
  (``utf-16``), BOM removed;
* BOM-less UTF-16 recognised by its pattern of NUL bytes (``utf-16-le`` /
  ``utf-16-be``);
* strict UTF-8 (``utf-8``);
* UTF-8 with a few stray Windows-1252 bytes, each decoded on its own
  (``utf-8+cp1252``: many valid multi-byte UTF-8 sequences, fewer bad bytes);
* Windows-1252 (``cp1252``), with the five bytes it leaves undefined
  (0x81 0x8D 0x8F 0x90 0x9D) taken as Latin-1 (``latin-1`` when those are
  the only bytes from 0x80-0x9F, ``cp1252+latin-1`` when mixed).

Data that is mostly non-ASCII yet not UTF-8 (Shift-JIS, GBK, KOI8-R, ...) is
refused rather than shown as Windows-1252 mojibake; no U+FFFD is ever put in.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, cast

if TYPE_CHECKING:  # pragma: no cover
    import threading

MAX_BYTES = 10 * 1024 * 1024
STDIN_NAME = "<stdin>"

__all__ = ["InputError", "MAX_BYTES", "RawArticle", "decode_bytes", "raw_from_bytes", "raw_from_text", "read_article"]


class InputError(Exception):
    """An input that cannot be read as an article; ``str(exc)`` is one line."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


@dataclass(frozen=True)
class RawArticle:
    path: str | None
    text: str
    encoding: str
    sha256: str
    size: int


# -- names and sizes ------------------------------------------------------------


def display_name(path: str | os.PathLike | bytes) -> str:
    """A file name made safe for a one-line terminal message (escaped: see ``safe_text.escape_name``)."""
    from .safe_text import escape_name

    return escape_name(path) or "(empty file name)"


def _exact_size(n: int) -> str:
    """``10,485,761 bytes``, with the binary unit when it is round (``10,485,760 bytes (10 MiB)``)."""
    text = f"{n:,} byte{'s' if n != 1 else ''}"
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{text} ({n // scale} {unit})"
    return text


def _too_big(size: int | None, max_bytes: int) -> str:
    """Exact numbers: "10 MB, over the 10 MB limit" hides the one byte too many."""
    if size is None:
        return f"input is over the limit of {_exact_size(max_bytes)}"
    return f"file is {size:,} bytes, over the limit of {_exact_size(max_bytes)}"


# -- decoding -------------------------------------------------------------------

#: (magic bytes, what it is, advice) — checked at the start of the data
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; convert it to text first, e.g. with pdftotext"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub); save it as plain text first"),
    (b"PK\x05\x06", "a ZIP archive; extract it first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"BZh", "bzip2-compressed; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed; decompress it first"),
    (b"(\xb5/\xfd", "zstd-compressed; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document; save it as plain text first"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
)

#: C0 control bytes that plain text does not contain (tab, LF, VT, FF, CR and
#: ESC are left out: escape sequences are text to strip, not proof of binary)
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
_LEGACY_ERRORS = "newsview.cp1252-byte"


def _legacy_byte_handler(exc: UnicodeError) -> tuple[str, int]:
    """Decode one byte that is not UTF-8 as Windows-1252 (Latin-1 where undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), exc.start + 1


codecs.register_error(_LEGACY_ERRORS, _legacy_byte_handler)


def _control_share(text_or_bytes: bytes) -> float:
    if not text_or_bytes:
        return 0.0
    bad = len(text_or_bytes) - len(text_or_bytes.translate(None, _CONTROL_BYTES))
    return bad / len(text_or_bytes)


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the NUL bytes sit (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: 64 * 1024]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII-heavy text has NULs in half of all code units; other scripts
    # still have them at spaces and punctuation, and only on one side
    if odd_nul > 0.05 * half and even_nul < 0.01 * half:
        return "utf-16-le"
    if even_nul > 0.05 * half and odd_nul < 0.01 * half:
        return "utf-16-be"
    return None


def _check_text(text: str) -> None:
    """Reject decoded text that is mostly control characters."""
    sample = text[: 256 * 1024]
    share = _control_share(sample.encode("utf-8", "surrogatepass"))
    if share > 0.1:
        raise ValueError("binary file: too many control characters")


def _decode_utf16_32(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        name = codec.upper().replace("-LE", "").replace("-BE", "")
        raise ValueError(f"undecodable bytes: not valid {name} (truncated or corrupt?)") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ValueError("binary file: NUL characters")
    _check_text(text)
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    Raises ``ValueError`` with a short reason when the bytes are not text.
    The text keeps its original newlines (see ``normalize_newlines``).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary file: {what}")
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_utf16_32(data, "utf-32"), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16_32(data, "utf-16"), "utf-16"
    else:
        encoding = "utf-8"
    if b"\x00" in data:
        guess = _looks_utf16(data)
        if guess is None:
            raise ValueError("binary file: NUL bytes")
        return _decode_utf16_32(data, guess), guess
    if _control_share(data[: 256 * 1024]) > 0.1:
        raise ValueError("binary file: too many control characters")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    body = data[3:] if encoding == "utf-8-sig" else data
    # Valid multi-byte sequences against bytes that are not UTF-8: a UTF-8 file
    # with a few stray Windows-1252 bytes keeps its UTF-8; otherwise legacy.
    kept = body.decode("utf-8", "ignore")
    valid_multibyte = len(kept) - len(kept.encode("ascii", "ignore"))
    invalid = len(body) - len(kept.encode("utf-8"))
    if valid_multibyte > invalid:
        return body.decode("utf-8", _LEGACY_ERRORS), "utf-8+cp1252"
    high = len(body) - len(body.translate(None, bytes(range(0x80, 0x100))))
    letters = len(body.translate(None, b" \t\n\r"))
    if high >= 16 and high > 0.3 * letters:
        raise ValueError(
            "undecodable bytes: not UTF-8, and too much of it is non-ASCII for a Western"
            " single-byte encoding; convert it to UTF-8 first (e.g. iconv)"
        )
    c1 = {b for b in body if 0x80 <= b <= 0x9F}
    if not c1 & set(_CP1252_UNDEFINED):
        name = "cp1252"
    elif c1 <= set(_CP1252_UNDEFINED):
        name = "latin-1"
    else:
        name = "cp1252+latin-1"
    return body.decode("cp1252", _LEGACY_ERRORS), name


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- reading ----------------------------------------------------------------------


def _read_limited(stream: BinaryIO, max_bytes: int, size_hint: int = 0) -> bytes:
    """At most ``max_bytes + 1`` bytes; a file of ``size_hint`` bytes in one read."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        step = size_hint + 1 if not chunks and size_hint else 1 << 20
        chunk = stream.read(min(step, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    reason = exc.strerror or exc.__class__.__name__
    return f"cannot read ({reason[:1].lower() + reason[1:]})"


def read_article(
    path: str | os.PathLike,
    *,
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> RawArticle:
    """Read and decode one article; ``"-"`` reads standard input.

    Raises ``InputError`` for a missing, unreadable, empty, binary,
    undecodable or oversized input.  A file's size is checked before it is
    read, and no more than ``max_bytes + 1`` bytes are ever read.
    """
    if os.fspath(path) in ("-", b"-"):
        name = STDIN_NAME
        stream = stdin
        if stream is None:
            if sys.stdin is None:
                raise InputError(name, "no standard input")
            # a stand-in stdin without .buffer (one a calling program set) is read as it is
            stream = cast(BinaryIO, getattr(sys.stdin, "buffer", sys.stdin))
        try:
            data = _read_limited(stream, max_bytes)
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from None
        if len(data) > max_bytes:
            raise InputError(name, _too_big(None, max_bytes))
        user_path = name
    else:
        user_path = os.fsdecode(path)
        name = display_name(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError(name, "is a directory")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(name, _too_big(st.st_size, max_bytes))
        # a named pipe with no writer blocks in open(): say so rather than hang in silence
        notice = None if stat.S_ISREG(st.st_mode) else _waiting_notice(name)
        try:
            with open(path, "rb") as f:
                data = _read_limited(f, max_bytes, st.st_size if stat.S_ISREG(st.st_mode) else 0)
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from None
        finally:
            if notice is not None:
                notice.cancel()
        if len(data) > max_bytes:  # grew, or a pipe/device with no size
            size = st.st_size if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes else None
            raise InputError(name, _too_big(size, max_bytes))
    if not data:
        raise InputError(name, "file is empty")
    return _decoded(data, name, user_path, _sha256(data), page_charset(data))


#: how long a read from a pipe or device may wait before newsview says it is waiting
WAIT_NOTICE_SECONDS = 1.0


def _waiting_notice(name: str) -> threading.Timer | None:
    """A timer that says ``newsview: waiting for input on NAME`` on stderr, if stderr is a terminal.

    Only a person watching a terminal needs telling; logs and pipes never see it.
    """
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None

    def tell() -> None:
        try:
            sys.stderr.write(f"newsview: waiting for input on {name} (nothing is writing to it yet)\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass

    import threading

    timer = threading.Timer(WAIT_NOTICE_SECONDS, tell)
    timer.daemon = True
    timer.start()
    return timer


#: files at least this big are hashed in a thread while they are decoded
_HASH_IN_THREAD = 1 << 20


def _sha256(data: bytes):
    """A function returning the hex SHA-256 of ``data``.

    For a big file the hash is computed in a thread at once: hashlib lets go
    of the GIL, so it runs beside the decoding (both take tens of
    milliseconds for 10 MB) instead of after it.
    """
    if len(data) < _HASH_IN_THREAD:
        value = hashlib.sha256(data).hexdigest()
        return lambda: value
    import threading

    result: list[str] = []
    thread = threading.Thread(target=lambda: result.append(hashlib.sha256(data).hexdigest()), daemon=True)
    thread.start()

    def digest() -> str:
        thread.join()
        return result[0]

    return digest


def raw_from_text(text: str, *, path: str | None = None) -> RawArticle:
    """Wrap in-memory text as a RawArticle (newlines normalised, BOM removed)."""
    data = text.encode("utf-8", "surrogatepass")
    if text.startswith("\ufeff"):
        text = text[1:]
    return RawArticle(
        path=path,
        text=normalize_newlines(text),
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def raw_from_bytes(data: bytes, *, path: str | None = None, encoding: str | None = None) -> RawArticle:
    """Decode bytes that are already in memory (a fetched page, a benchmark page).

    ``encoding`` is a charset the bytes declare (an HTTP header, an HTML
    ``<meta charset>``); it is used when the bytes decode with it, else the
    bytes are decoded as ``read_article`` decodes a file.  Raises
    ``InputError`` as ``read_article`` does.
    """
    name = display_name(path or "<text>")
    if not data:
        raise InputError(name, "file is empty")
    value = hashlib.sha256(data).hexdigest()
    return _decoded(data, name, path, lambda: value, encoding)


def page_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset>`` or
    ``http-equiv``), or None (not a page, or it declares none).  A byte-order mark wins over it."""
    head = data[:4096]
    if head.lstrip()[:1] != b"<" or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    import re

    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", head, re.IGNORECASE)
    if m is None:
        return None
    name = m.group(1).decode("ascii")
    try:
        # a page that says UTF-8 but is not goes through the usual guessing, not strict UTF-8
        return None if codecs.lookup(name).name == "utf-8" else name
    except LookupError:
        return None


def _decoded(data: bytes, name: str, path: str | None, digest, declared: str | None = None) -> RawArticle:
    """The article in ``data``: decoded with the ``declared`` charset when it fits, else as a file is."""
    text: str | None = None
    encoding = ""
    if declared:
        try:
            # as browsers do: a page labelled Latin-1 or ASCII is read as Windows-1252
            if codecs.lookup(declared).name in ("latin-1", "iso8859-1", "ascii"):
                declared = "cp1252"
            text, encoding = data.decode(declared).removeprefix("\ufeff"), declared
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            raise InputError(name, str(exc)) from None
    if not text or text.isspace():
        raise InputError(name, "file is empty (only whitespace)")
    return RawArticle(
        path=path,
        text=normalize_newlines(text),
        encoding=encoding,
        sha256=digest(),
        size=len(data),
    )
