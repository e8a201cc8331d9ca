"""Reading article files: every bad input is one clear line, every encoding reads right."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from newsview.reader import MAX_BYTES, InputError, decode_bytes, raw_from_text, read_article

PROSE = "Café owners in Zürich said “enough” — the naïve plan cost €40,000.\n\nA second paragraph.\n"


def problem(path, **kw) -> str:
    with pytest.raises(InputError) as info:
        read_article(path, **kw)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    assert "\x1b" not in message
    return message


# -- bad inputs ---------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    assert problem(path) == f"{path}: no such file"


def test_directory(tmp_path):
    assert problem(tmp_path) == f"{tmp_path}: is a directory"


def test_directory_as_given_by_the_user(tmp_path, monkeypatch):
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path)
    assert problem("notes/") == "notes/: is a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(PROSE)
    path.chmod(0)
    try:
        assert problem(path) == f"{path}: permission denied"
    finally:
        path.chmod(0o644)


def test_permission_denied_when_opening(tmp_path, monkeypatch):
    """The same message when stat works but open is refused (also checked as root)."""
    path = tmp_path / "secret.txt"
    path.write_text(PROSE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("newsview.reader.open", refuse, raising=False)
    assert problem(path) == f"{path}: permission denied"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_cut_off_at_the_limit():
    assert problem("/dev/zero", max_bytes=1000) == "/dev/zero: input is over the limit of 1,000 bytes"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\u00a0\n \u00a0\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_or_whitespace_only(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in problem(path)


@pytest.mark.parametrize(
    "content, says",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"Some text\x00\x00\x01\x02 with NULs in the middle of it", "NUL"),
        (bytes(range(1, 9)) * 20 + b"a few letters", "control"),
    ],
)
def test_binary_files_are_refused(tmp_path, content, says):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    message = problem(path)
    assert message.startswith(f"{path}: binary file")
    assert says in message


@pytest.mark.parametrize("codec, text", [("shift_jis", "日本語のニュース記事です。" * 4), ("koi8_r", "Новости дня. " * 5)])
def test_text_in_an_unsupported_encoding_is_refused_not_mangled(tmp_path, codec, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(codec))
    message = problem(path)
    assert "undecodable" in message and "UTF-8" in message


def test_truncated_utf16_is_undecodable(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes("Hello".encode("utf-16") + b"\x00")
    assert "not valid UTF-16" in problem(path)


def test_file_names_in_errors_are_escaped(tmp_path):
    """Inert, and still telling which file it was."""
    name = "evil\x1b]0;PWNED\x07\x1b[31m\nname\x9b2J\u202e.txt"
    message = problem(tmp_path / name)
    assert not any(c in message for c in "\x1b\x07\x9b\n\u202e")
    assert message.endswith("evil\\x1b]0;PWNED\\x07\\x1b[31m\\nname\\x9b2J\\u202e.txt: no such file")


def test_undecodable_file_name_still_gives_a_printable_message(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    message = problem(path)
    message.encode("utf-8")  # no lone surrogates left to crash the terminal
    assert message.endswith("caf\\xe9.txt: no such file")


# -- the size limit ---------------------------------------------------------------------


def test_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("newsview.reader.open", no_open, raising=False)
    assert problem(path) == f"{path}: file is 10,485,761 bytes, over the limit of 10,485,760 bytes (10 MiB)"


def test_sizes_are_exact(tmp_path):
    """One byte over is said to be one byte over, not "10 MB, over the 10 MB limit"."""
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(int(12.3 * 1024 * 1024))
    assert problem(path).endswith("file is 12,897,484 bytes, over the limit of 10,485,760 bytes (10 MiB)")


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "article.txt"
    data = PROSE.encode()
    path.write_bytes(data)
    assert read_article(path, max_bytes=len(data)).size == len(data)
    assert "over the" in problem(path, max_bytes=len(data) - 1)


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, n: int = -1) -> bytes:
        chunk = super().read(n)
        self.taken += len(chunk)
        return chunk


def test_oversized_stdin_is_refused_after_a_limited_read():
    stream = CountingStream(b"word " * 10_000)
    message = problem("-", stdin=stream, max_bytes=1000)
    assert message == "<stdin>: input is over the limit of 1,000 bytes"
    assert stream.taken <= 1001


# -- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PROSE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PROSE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + PROSE.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + PROSE.encode("utf-16-be"), "utf-16"),
        (PROSE.encode("utf-16-le"), "utf-16-le"),
        (PROSE.encode("utf-16-be"), "utf-16-be"),
        (PROSE.encode("utf-32"), "utf-32"),
        (PROSE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    raw = read_article(path)
    assert raw.text == PROSE
    assert raw.encoding == encoding
    assert raw.size == len(data)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.path == str(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bom_less_utf16_in_a_non_latin_script(codec):
    text = "北朝鮮は二人の記者に判決を下した。 “記者” は (AP) 通信に語った。\n" * 3
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_empty_file_name():
    assert problem("") == "(empty file name): no such file"


def test_latin1_text_with_bytes_cp1252_leaves_undefined():
    text, encoding = decode_bytes("Ça coûte 10 francs, déjà".encode("latin-1") + b" \x81\x8d")
    assert text.startswith("Ça coûte 10 francs, déjà")
    assert encoding == "latin-1"
    assert "\ufffd" not in text


def test_cp1252_with_an_undefined_byte_keeps_its_smart_quotes():
    text, encoding = decode_bytes("“Oui,” dit-elle".encode("cp1252") + b" \x90")
    assert text.startswith("“Oui,” dit-elle")
    assert encoding == "cp1252+latin-1"


def test_utf8_with_a_stray_cp1252_byte_keeps_its_utf8():
    data = "Zürich’s mayor — “no”".encode() + b" and it\x92s done"
    text, encoding = decode_bytes(data)
    assert text == "Zürich’s mayor — “no” and it’s done"
    assert encoding == "utf-8+cp1252"


def test_no_replacement_characters_for_a_legacy_file():
    data = "Ministers met in Brussels on Tuesday. “It’s over,” one said – and left.\n".encode("cp1252") * 50
    text, encoding = decode_bytes(data)
    assert encoding == "cp1252"
    assert "\ufffd" not in text and "“It’s over,”" in text


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_newlines_are_normalised(tmp_path, newline):
    path = tmp_path / "article.txt"
    path.write_bytes(PROSE.encode().replace(b"\n", newline))
    assert read_article(path).text == PROSE


def test_stdin():
    data = b"\xef\xbb\xbf" + PROSE.encode()
    raw = read_article("-", stdin=io.BytesIO(data))
    assert raw.path == "<stdin>"
    assert raw.text == PROSE and raw.encoding == "utf-8-sig"


def test_empty_stdin():
    assert problem("-", stdin=io.BytesIO(b"")) == "<stdin>: file is empty"


def test_pathlike_and_escapes_survive_reading(tmp_path):
    path = tmp_path / "colour.txt"
    path.write_bytes(b"Red \x1b[31malert\x1b[0m issued.\n")
    raw = read_article(Path(path))
    assert raw.text == "Red \x1b[31malert\x1b[0m issued.\n"  # cleaning, not reading, strips them


def test_raw_from_text():
    raw = raw_from_text("\ufeffTitle\r\n\r\nBody\rmore", path="x.txt")
    assert raw.text == "Title\n\nBody\nmore"
    assert raw.path == "x.txt" and raw.encoding == "utf-8"
    data = "\ufeffTitle\r\n\r\nBody\rmore".encode()
    assert raw.sha256 == hashlib.sha256(data).hexdigest() and raw.size == len(data)


def test_a_big_file_reads_whole_with_its_hash(tmp_path):
    # big enough to be hashed beside the decoding; the hash is the parse cache's key
    data = PROSE.encode() * 30_000
    path = tmp_path / "long.txt"
    path.write_bytes(data)
    raw = read_article(path)
    assert raw.size == len(data) and raw.text == data.decode()
    assert raw.sha256 == hashlib.sha256(data).hexdigest()


def test_a_file_that_grows_while_it_is_read_is_still_cut_off_at_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"word " * 100)
    real_open = open

    def growing(p, mode="r", *args, **kwargs):
        if os.fspath(p) == os.fspath(path):
            with real_open(path, "ab") as f:  # more arrives after the size was taken
                f.write(b"more " * 1000)
        return real_open(p, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", growing)
    assert "over the limit of 1,000 bytes" in problem(path, max_bytes=1000)


# -- a named pipe nobody writes to ---------------------------------------------------


class _TerminalErr(io.StringIO):
    def isatty(self) -> bool:
        return True


def _write_when(fifo: Path, ready, deadline: float = 30.0) -> threading.Thread:
    """Open ``fifo`` for writing once ``ready()`` (or after ``deadline`` seconds, so the reader never hangs)."""

    def writer() -> None:
        end = time.monotonic() + deadline
        while not ready() and time.monotonic() < end:
            time.sleep(0.02)
        with open(fifo, "wb") as f:
            f.write(b"The mayor said the bridge would open in May.\n")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_with_no_writer_says_it_is_waiting_on_a_terminal(tmp_path, monkeypatch):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    err = _TerminalErr()
    monkeypatch.setattr(sys, "stderr", err)
    writer = _write_when(fifo, lambda: "waiting for input" in err.getvalue())
    raw = read_article(fifo)
    writer.join()
    assert "bridge" in raw.text
    assert err.getvalue() == f"newsview: waiting for input on {fifo} (nothing is writing to it yet)\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_the_waiting_notice_is_only_for_a_terminal(tmp_path, monkeypatch):
    from newsview import reader

    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(reader, "WAIT_NOTICE_SECONDS", 0.01)
    started = time.monotonic()
    writer = _write_when(fifo, lambda: time.monotonic() - started > 0.5)
    assert "bridge" in read_article(fifo).text
    writer.join()
    assert err.getvalue() == ""
