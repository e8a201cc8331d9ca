"""The one atomic write and folder lock that the parse cache and the review file share."""

from __future__ import annotations

import errno
import os

import pytest

from newsview.durable import DirLock, LockTimeout, atomic_write, remove_stale_temporaries


def test_atomic_write_replaces_the_file_from_bytes_or_a_writer(tmp_path):
    path = tmp_path / "entry.json"
    atomic_write(path, b'{"old": true}')
    assert path.read_bytes() == b'{"old": true}'
    atomic_write(path, lambda fh: fh.write('{"new": "\u00e9t\u00e9"}'))
    assert path.read_text(encoding="utf-8") == '{"new": "\u00e9t\u00e9"}'
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "entry.json"
    atomic_write(path, b"old")

    def half_then_full_disk(fh):
        fh.write("half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError, match="No space"):
        atomic_write(path, half_then_full_disk)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_the_new_file_keeps_the_mode_of_the_one_it_replaces(tmp_path):
    path = tmp_path / "shared.json"
    path.write_bytes(b"old")
    path.chmod(0o664)
    atomic_write(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o664


def test_stale_temporaries_of_a_killed_writer_are_removed(tmp_path):
    path = tmp_path / "story.review.json"
    path.write_bytes(b"kept")
    (tmp_path / ".story.review.json.abc123.tmp").write_bytes(b"half")
    (tmp_path / ".other.json.abc123.tmp").write_bytes(b"someone else's")
    remove_stale_temporaries(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.abc123.tmp", "story.review.json"]


def test_a_second_holder_of_the_folder_lock_waits_then_gives_up(tmp_path):
    with DirLock(tmp_path, timeout=1.0) as first:
        if not first.held:
            pytest.skip("this file system has no advisory locks")
        with pytest.raises(LockTimeout, match="another newsview is still writing"):
            with DirLock(tmp_path, timeout=0.05):
                pass
    with DirLock(tmp_path, timeout=0.05) as again:  # released at the end of the block
        assert again.held


def test_read_regular_file_reads_files_and_refuses_pipes_devices_and_oversized_files(tmp_path):
    from newsview.durable import FileTooLarge, NotRegularFile, read_regular_file

    plain = tmp_path / "plain"
    plain.write_bytes(b"abc")
    assert read_regular_file(plain, limit=3) == b"abc"
    with pytest.raises(FileTooLarge, match="3 bytes, over the 2-byte limit"):
        read_regular_file(plain, limit=2)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: opening it to read would block without O_NONBLOCK
    with pytest.raises(NotRegularFile, match="named pipe"):
        read_regular_file(fifo, limit=10)
    zero = tmp_path / "zero"
    zero.symlink_to("/dev/zero")
    with pytest.raises(NotRegularFile, match="character device"):
        read_regular_file(zero, limit=10)
    with pytest.raises(NotRegularFile, match="folder"):
        read_regular_file(tmp_path, limit=10)
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", limit=10)
