"""Atomic writes: a file is complete or absent, never half-written; the old one stays until the new is whole."""

import os
import stat
import subprocess

import pytest
from projects import signals_by_default

from publish import atomic


def test_a_file_is_written_whole_and_readable(tmp_path):
    target = tmp_path / "build" / "brief" / "edition.pdf"  # folders made as needed
    atomic.write_bytes(target, b"complete")
    assert target.read_bytes() == b"complete"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # readable by all, whatever the umask
    atomic.write_text(target, "caf\u00e9")
    assert target.read_bytes() == "caf\u00e9".encode("utf-8")
    assert sorted(path.name for path in target.parent.iterdir()) == ["edition.pdf"]  # no temporary file left


def test_the_old_file_is_replaced_not_rewritten(tmp_path):
    target = tmp_path / "edition.pdf"
    target.write_bytes(b"old")
    with open(target, "rb") as held:
        before = os.fstat(held.fileno()).st_ino
        atomic.write_bytes(target, b"new")
        assert held.read() == b"old"
    assert target.read_bytes() == b"new" and target.stat().st_ino != before


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "edition.pdf"
    target.write_bytes(b"old")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["edition.pdf"]


def test_temporary_files_a_killed_build_left_are_removed(tmp_path):
    target = tmp_path / "edition.pdf"
    stale = tmp_path / ".edition.pdf.abc123.tmp"
    stale.write_bytes(b"half")
    other = tmp_path / ".other.pdf.abc123.tmp"
    other.write_bytes(b"another file's")
    atomic.write_bytes(target, b"new")
    assert not stale.exists() and other.exists()


def test_a_stale_file_another_build_removed_first_is_no_error(tmp_path, monkeypatch):
    """Two builds may both find the same stale temporary file; the one that comes second finds it gone."""
    target = tmp_path / "edition.pdf"
    (tmp_path / ".edition.pdf.abc123.tmp").write_bytes(b"half")
    listed = type(target).glob

    def glob_then_the_other_build_cleans_up(folder, pattern):
        found = list(listed(folder, pattern))
        for path in found:
            path.unlink()
        return iter(found)

    monkeypatch.setattr(type(target), "glob", glob_then_the_other_build_cleans_up)
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_failed_write_reports_its_own_error_even_if_the_temporary_file_is_gone(tmp_path, monkeypatch):
    target = tmp_path / "edition.pdf"

    def removed_then_full(source, destination):
        os.unlink(source)  # another build took it for a stale one
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", removed_then_full)
    with pytest.raises(OSError) as failure:
        atomic.write_bytes(target, b"new")
    assert failure.value.errno == 28
    assert not target.exists() and list(tmp_path.iterdir()) == []


@pytest.fixture
def live_process():
    """A running process of the test's own (never this test's parent, which a probe could disturb)."""
    child = subprocess.Popen(["sleep", "30"], preexec_fn=signals_by_default)
    yield child
    child.kill()  # nothing if the test has ended it already
    child.wait()


def test_another_live_builds_temporary_file_is_left_to_it(tmp_path, live_process):
    """Two builds writing the same cache file at once: neither takes the other's temporary file for a
    stale one (it would fail the other's write)."""
    target = tmp_path / "subset.ttf"
    theirs = tmp_path / f".subset.ttf.{live_process.pid}.a1b2c3.tmp"
    dead = tmp_path / ".subset.ttf.999999999.d4e5f6.tmp"  # no process has this id
    theirs.write_bytes(b"half")
    dead.write_bytes(b"half")
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and theirs.exists() and not dead.exists()


def test_which_temporary_files_a_live_process_is_writing(tmp_path, monkeypatch, live_process):
    """This process's own leftovers are stale; a running process's are not (and asking does not
    disturb it); a process of another user, which may not be signalled, counts as running."""

    def named(pid):
        return tmp_path / f".brief.pdf.{pid}.a1b2c3.tmp"

    assert not atomic.written_by_a_live_process(named(os.getpid()))
    assert atomic.written_by_a_live_process(named(live_process.pid))
    with pytest.raises(subprocess.TimeoutExpired):  # asking sent it no signal that ends it
        live_process.wait(timeout=0.3)
    live_process.kill()
    live_process.wait()
    assert not atomic.written_by_a_live_process(named(live_process.pid))

    def another_users(pid, signal):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "kill", another_users)
    assert atomic.written_by_a_live_process(named(1))
