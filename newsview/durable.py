"""Writing files that survive a crash, and taking turns with another newsview.

:func:`atomic_write` replaces a file so that a crash (kill -9, power cut, full
disk) leaves either the old file or the new one, whole: the new content goes
to a temporary file in the same folder, is flushed and fsynced, renamed over
the old file, and the folder itself is fsynced so that the rename is durable.

:class:`DirLock` is an advisory lock on a folder, for a read-modify-write that
another instance may be doing at the same moment.  Locking the folder (not a
lock file) leaves nothing beside the user's files.

:func:`read_regular_file` reads a file that someone else may have replaced
with a named pipe, a device or a huge file: it never blocks and never reads
more than a cap.

Used by the parse cache and the review store.  No Textual, no spaCy.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Self

try:  # advisory locking where the platform has it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # the lock then does nothing

#: what to write: the bytes, or a function that writes text into the open temporary file
Content = bytes | Callable[[IO[str]], None]


def _temporary_pattern(path: Path) -> str:
    """The glob matching the temporary files :func:`atomic_write` makes for ``path``."""
    return f".{glob.escape(path.name)}.*.tmp"


def atomic_write(path: Path, content: Content) -> None:
    """Replace ``path`` with ``content`` so that a crash leaves the old or the new file, whole.

    ``content`` is bytes, or a function given the temporary file opened for
    UTF-8 text (a long document is written an item at a time, never as one big
    string).  The new file keeps the mode of the one it replaces (a shared file
    stays shared).  Raises OSError, with the old file untouched and no
    temporary file left behind.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(content, bytes):
            _write_all(fd, content)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fd = -1  # the file object closes it
                content(fh)
                fh.flush()
                os.fsync(fh.fileno())
        try:
            os.chmod(tmp, _mode_for(path))
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """The mode of the regular file being replaced; a new file's (umask applied) for anything else.

    Not a device's or a pipe's mode (/dev/zero is writable by everyone): a
    symlink to one is replaced by a file, not given its permissions.
    """
    try:
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode):
            return st.st_mode & 0o777
    except OSError:
        pass
    return 0o666 & ~_umask()


def _write_all(fd: int, data: bytes) -> None:
    """Write, fsync and close ``fd`` (a short write, as on a filling disk, writes on or raises)."""
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the file system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems cannot sync a directory
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files a killed writer of ``path`` left behind.

    Only call this while holding the folder's :class:`DirLock`: otherwise it
    could remove another instance's write in progress.
    """
    try:
        for tmp in path.parent.glob(_temporary_pattern(path)):
            tmp.unlink()
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class NotRegularFile(OSError):
    """The path is a named pipe, a device, a directory or a socket, not a file to read."""


class FileTooLarge(OSError):
    """The file is bigger than the reader's cap."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: Path, *, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    A named pipe or a device (also through a symlink, such as one to
    /dev/zero) raises :class:`NotRegularFile` without blocking: the file is
    opened with O_NONBLOCK (so a FIFO with no writer does not hang) and
    checked with fstat on the open descriptor (so it cannot be swapped between
    the check and the read).  A bigger file raises :class:`FileTooLarge`
    without being read; a file that grows while it is read stops at the cap.
    FileNotFoundError and other OSErrors pass through.  ``str()`` of the
    errors this raises says what the file is, not its name: callers name it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
            raise NotRegularFile(f"it is {kind}, not a regular file")
        if st.st_size > limit:
            raise FileTooLarge(f"it is {st.st_size:,} bytes, over the {limit:,}-byte limit")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(f"it grew past the {limit:,}-byte limit while being read")
        return data
    finally:
        os.close(fd)


class LockTimeout(OSError):
    """Another instance held the folder's lock for longer than the timeout."""


class DirLock:
    """An advisory, exclusive lock on a folder, held for the ``with`` block.

    Where locking is not supported (no fcntl, a file system without flock, a
    folder that cannot be opened) the block runs unlocked and ``held`` is
    False: callers that re-read before writing still catch all but a
    simultaneous write.  Raises :class:`LockTimeout` after ``timeout`` seconds.
    """

    def __init__(self, directory: Path, *, timeout: float) -> None:
        self.directory = directory
        self.timeout = timeout
        self.fd: int | None = None
        self.held = False

    def __enter__(self) -> Self:
        if fcntl is None:
            return self
        try:
            self.fd = os.open(self.directory, os.O_RDONLY)
        except OSError:
            return self
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.held = True
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    self.fd = None
                    raise LockTimeout(errno.EAGAIN, f"another newsview is still writing in {self.directory}") from None
                time.sleep(0.01)
            except OSError:
                return self  # no locking here

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            try:
                if fcntl is not None:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None
                self.held = False
