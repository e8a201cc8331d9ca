"""A SQLite file of derived data: opened under a lock, shared by instances, rebuilt rather than crashed on.

Everything in such a file can be made again from elsewhere, so a file that
is corrupt, belongs to something else, or has another schema version is
replaced by an empty one of ours (a file at a path the user named is moved
aside, never deleted).  Damage found later, by any query, does the same
through :meth:`DerivedDatabase.guarded`.  Opening and replacing happen under
an advisory lock on the file's folder (no lock file is left behind), and an
instance that finds the file replaced under it reopens it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self, TypeVar

try:  # advisory locking where the platform has it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # the lock then does nothing

_T = TypeVar("_T")


class LibraryIndexError(Exception):
    """The index cannot be used at all (its folder cannot be created); ``str()`` is one line."""


class _FolderLock:
    """An advisory lock on the index's folder while it is opened or rebuilt (no lock file left behind)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self) -> _FolderLock:
        if fcntl is not None:
            try:
                self.fd = os.open(self.folder, os.O_RDONLY)
                fcntl.flock(self.fd, fcntl.LOCK_EX)
            except OSError:
                self._close()
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing lets the lock go
            self.fd = None


def _corruption(exc: sqlite3.DatabaseError) -> bool:
    """True for errors that mean the file is damaged, not merely busy."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return True
    text = str(exc)
    return "malformed" in text or "not a database" in text


class DerivedDatabase:
    """One connection to a derived SQLite file; subclasses give its schema.  Belongs to one thread."""

    #: the tables, run in one transaction on an empty file
    SCHEMA = ""
    #: bump when SCHEMA changes: a file of another version is rebuilt
    VERSION = 1
    #: the file header's mark that it is ours
    APPLICATION_ID = 0
    #: what the file is called in messages
    WHAT = "newsview database"
    #: tables read once on opening, to find damage early
    TABLES: tuple[str, ...] = ()
    #: a query whose first column is kept from a file of another version
    SALVAGE = "SELECT 1 WHERE 0"
    #: seconds a writer waits for another instance's transaction
    TIMEOUT = 10.0

    def __init__(self, path: str | os.PathLike[str], *, explicit: bool = False, timeout: float | None = None) -> None:
        #: a path the user gave (``--index``): a file there that is not ours is moved aside, never deleted
        self.explicit = explicit
        self.path = Path(path).expanduser().absolute()
        self.timeout = self.TIMEOUT if timeout is None else timeout
        #: why the file was rebuilt when this instance opened it (None: it was fine or new)
        self.rebuilt_because: str | None = None
        #: what ``SALVAGE`` found in a file of another version (article paths), to be added again
        self.salvaged_paths: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._inode: int | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryIndexError(f"cannot create {self.path.parent} for the {self.WHAT}: {exc.strerror or exc}") from None
        try:
            self._open()
        except (sqlite3.Error, OSError) as exc:  # a folder we may not write in, a path that is a folder...
            raise LibraryIndexError(f"cannot open the {self.WHAT} {self.path}: {' '.join(str(exc).split())}") from None

    # -- opening and rebuilding -------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        return conn

    def _open(self) -> None:
        with _FolderLock(self.path.parent):
            problem = self._problem()
            if problem is not None:
                self._replace(problem)
            conn = self._connect()
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                if conn.execute("PRAGMA user_version").fetchone()[0] != self.VERSION:
                    conn.executescript(
                        "BEGIN IMMEDIATE;" + self.SCHEMA
                        + f"CREATE TABLE schema_text (digest TEXT); INSERT INTO schema_text VALUES ('{self._digest()}');"
                        + f"PRAGMA application_id = {self.APPLICATION_ID}; PRAGMA user_version = {self.VERSION}; COMMIT;"
                    )
            except sqlite3.DatabaseError:
                conn.close()
                raise
            self._conn = conn
            self._inode = os.stat(self.path).st_ino

    def _problem(self) -> str | None:
        """Why the file on disk cannot be used as it is, or None (also None when there is no file yet)."""
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        except FileNotFoundError:
            return None
        except OSError as exc:  # a folder, a file we may not read: not ours to replace
            raise LibraryIndexError(f"cannot use {self.path} for the {self.WHAT}: {exc.strerror or exc}") from None
        if not head:
            return None
        if head != b"SQLite format 3\x00":
            return "corrupt (not an SQLite file)"
        try:
            conn = self._connect()
            try:
                app = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if app != self.APPLICATION_ID:
                    return f"not a {self.WHAT}"
                if version == self.VERSION and not self._same_schema(conn):
                    version = f"{version} with other tables"  # a development build that forgot to bump VERSION
                if version != self.VERSION:
                    try:
                        self.salvaged_paths = [r[0] for r in conn.execute(self.SALVAGE)]
                    except sqlite3.DatabaseError:
                        pass
                    return f"written by another version (schema {version}, this is {self.VERSION})"
                for table in self.TABLES:  # a first row of each: damage near the root shows (a full scan would cost)
                    conn.execute(f"SELECT rowid FROM {table} LIMIT 1").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            return f"corrupt ({exc})"
        return None

    def _digest(self) -> str:
        import hashlib

        return hashlib.sha256(self.SCHEMA.encode("utf-8")).hexdigest()[:16]

    def _same_schema(self, conn: sqlite3.Connection) -> bool:
        try:
            row = conn.execute("SELECT digest FROM schema_text").fetchone()
        except sqlite3.OperationalError:  # no such table
            return False
        return row is not None and row[0] == self._digest()

    def _replace(self, problem: str) -> None:
        """Take the unusable file (and its journal files) out of the way: deleted when it is
        our own derived file, moved aside when the user named the path."""
        self.rebuilt_because = problem
        files = [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]
        suffix = ".broken"
        if self.explicit:
            n = 1
            while any(Path(f"{f}{suffix}").exists() for f in files):
                n += 1
                suffix = f".broken-{n}"
        for f in files:
            try:
                if self.explicit:
                    os.replace(f, f"{f}{suffix}")
                else:
                    f.unlink()
            except FileNotFoundError:
                pass

    def _current(self) -> sqlite3.Connection:
        """The connection, reopened when another instance replaced the file since."""
        try:
            inode: int | None = os.stat(self.path).st_ino
        except OSError:
            inode = None
        if self._conn is None or inode != self._inode:
            self.close()
            self._open()
        assert self._conn is not None
        return self._conn

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """Replace a file found damaged, unless another instance has already done so."""
        seen = self._inode
        self.close()
        with _FolderLock(self.path.parent):
            try:
                inode: int | None = os.stat(self.path).st_ino
            except OSError:
                inode = None
            if inode == seen:
                self._replace(f"corrupt ({' '.join(str(exc).split())})")
        self._open()  # takes the lock itself (flock does not nest across descriptors)

    def guarded(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work`` on the connection; a corrupt file is rebuilt (empty) and ``work`` run again."""
        try:
            return work(self._current())
        except sqlite3.DatabaseError as exc:
            if not _corruption(exc):
                raise
            self._recover(exc)
            return work(self._current())

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def write(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work`` in one write transaction (waiting for another writer's turn)."""

        def run(conn: sqlite3.Connection) -> _T:
            with self._transaction(conn):
                return work(conn)

        return self.guarded(run)

