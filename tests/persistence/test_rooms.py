"""The file set's rooms on their own: the cache, the transaction, the writers' lock.

Each is what a store relies on without looking: a file read once is not parsed again
until another process replaces it; a transaction's writes land together or not at all;
one writer holds a folder at a time, and a folder that cannot be locked can still be read.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import time
from pathlib import Path

import orjson
import pytest

from kith.core.errors import StoreError
from kith.persistence import lock as lock_room
from kith.persistence.cache import FileCache
from kith.persistence.files import FileSet
from kith.persistence.folder import ReadOnlyFolder, make_private_dirs
from kith.persistence.lock import WriterLock


def write_json(path: Path, content: object) -> None:
    """Replace a file the way another kith process does: a new file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".other.tmp")
    temp.write_bytes(orjson.dumps(content))
    os.replace(temp, path)


# the cache ------------------------------------------------------------------------------

def test_the_cache_parses_a_file_once_until_another_process_replaces_it(
        tmp_path: Path) -> None:
    write_json(tmp_path / "kith.json", {"people": {"a": {"name": "Ann"}}})
    write_json(tmp_path / "other.json", {"t": {}})
    cache = FileCache(tmp_path)
    first = cache.read("kith.json")
    other = cache.read("other.json")
    assert cache.read("kith.json") is first  # no second parse
    write_json(tmp_path / "kith.json", {"people": {"b": {"name": "Bea"}}})
    assert cache.read("kith.json") is first  # until refreshed: one consistent view
    cache.refresh()
    assert cache.read("kith.json") == {"people": {"b": {"name": "Bea"}}}
    assert cache.read("other.json") is other  # what nobody replaced is kept


def test_the_cache_drops_a_file_that_was_deleted_and_reads_a_missing_one_as_empty(
        tmp_path: Path) -> None:
    write_json(tmp_path / "kith.json", {"t": {"x": {}}})
    cache = FileCache(tmp_path)
    assert cache.read("kith.json") == {"t": {"x": {}}}
    (tmp_path / "kith.json").unlink()
    cache.refresh()
    assert cache.read("kith.json") == {}
    assert not (tmp_path / "kith.json").exists()


@pytest.mark.parametrize(("content", "why"), [(b"", "empty"), (b'{"t": {', "not valid JSON"),
                                              (b"[1, 2]", "not a kith database file")])
def test_the_cache_refuses_a_damaged_file_in_one_line(tmp_path: Path, content: bytes,
                                                      why: str) -> None:
    (tmp_path / "kith.json").write_bytes(content)
    with pytest.raises(StoreError, match=why) as refused:
        FileCache(tmp_path).read("kith.json")
    assert "kith doctor --repair" in str(refused.value) and "\n" not in str(refused.value)


def test_the_cache_hands_every_file_read_from_disk_to_validate(tmp_path: Path) -> None:
    write_json(tmp_path / "kith.json", {"t": {}})
    seen: list[str] = []
    cache = FileCache(tmp_path)
    cache.validate = lambda path, name, data: seen.append(name)
    cache.read("kith.json")
    cache.read("kith.json")
    cache.read("missing.json")
    assert seen == ["kith.json"]


# the transaction ------------------------------------------------------------------------

def test_writes_land_together_when_the_outermost_block_ends(tmp_path: Path) -> None:
    files = FileSet(tmp_path / "db")
    with files.transaction():
        files.write("kith.json", {"t": {"a": {}}})
        with files.transaction():  # a nested block joins
            files.write("interactions/2025-01.json", {"interactions": {"i": {}}})
        assert not (tmp_path / "db" / "kith.json").exists()
        assert files.has_changes and files.in_transaction
    assert orjson.loads((tmp_path / "db" / "kith.json").read_bytes()) == {"t": {"a": {}}}
    assert (tmp_path / "db" / "interactions" / "2025-01.json").exists()
    assert not files.in_transaction and not files.has_changes
    for path in (tmp_path / "db").rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path  # owner-only


def test_an_error_in_the_block_writes_nothing_and_forgets_what_it_wrote(
        tmp_path: Path) -> None:
    home = tmp_path / "db"
    files = FileSet(home)
    with files.transaction():
        files.write("kith.json", {"t": {"a": {}}})
    with pytest.raises(RuntimeError), files.transaction():
        files.write("kith.json", {"t": {"b": {}}})
        files.write("other.json", {"t": {}})
        raise RuntimeError("the command failed")
    assert files.read("kith.json") == {"t": {"a": {}}}
    assert orjson.loads((home / "kith.json").read_bytes()) == {"t": {"a": {}}}
    assert not (home / "other.json").exists()


def test_a_write_outside_a_transaction_is_refused(tmp_path: Path) -> None:
    files = FileSet(tmp_path)
    with pytest.raises(StoreError, match="outside a transaction"):
        files.write("kith.json", {})
    with pytest.raises(StoreError, match="outside a transaction"):
        files.mark_dirty("kith.json")


def test_a_transaction_refuses_to_write_onto_a_damaged_file(tmp_path: Path) -> None:
    home = tmp_path / "db"
    files = FileSet(home)
    with files.transaction():
        files.write("kith.json", {"t": {}})
    (home / "interactions").mkdir()
    (home / "interactions" / "2025-02.json").write_bytes(b'{"interactions": {"x"')
    with pytest.raises(StoreError, match=r"is damaged.*kith doctor --repair"), \
            files.transaction():
        files.write("kith.json", {"t": {"new": {}}})
    assert orjson.loads((home / "kith.json").read_bytes()) == {"t": {}}


def test_a_transaction_sees_what_another_process_committed_before_it(tmp_path: Path) -> None:
    home = tmp_path / "db"
    mine, theirs = FileSet(home), FileSet(home)
    with mine.transaction():
        mine.write("kith.json", {"t": {"a": {}}})
    assert mine.read("kith.json") == {"t": {"a": {}}}
    with theirs.transaction():
        theirs.write("kith.json", {"t": {"a": {}, "b": {}}})
    with mine.transaction():  # lock, then refresh: never writes over "b"
        data = mine.read("kith.json")
        mine.write("kith.json", {"t": {**data["t"], "c": {}}})
    assert set(orjson.loads((home / "kith.json").read_bytes())["t"]) == {"a", "b", "c"}


# the lock -------------------------------------------------------------------------------

def _hold(home: str, ready: multiprocessing.synchronize.Event, seconds: float) -> None:
    with WriterLock(Path(home)).held():
        ready.set()
        time.sleep(seconds)


def test_a_second_process_waits_for_the_lock_then_gets_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), ready, 0.6))
    holder.start()
    assert ready.wait(10)
    started = time.monotonic()
    with WriterLock(tmp_path).held():
        waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.4
    assert (tmp_path / ".lock").stat().st_mode & 0o077 == 0


def test_a_lock_held_too_long_is_a_busy_error(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path / "db"), ready, 3))
    holder.start()
    try:
        assert ready.wait(10)
        monkeypatch.setattr(lock_room, "LOCK_TIMEOUT_SECONDS", 0.2)
        with pytest.raises(StoreError, match=r"is busy: `\S+.*` \(pid \d+, since "
                                             r"[\d:]+\) has held its lock"), \
                WriterLock(tmp_path / "db").held():
            pass
    finally:
        holder.kill()
        holder.join()


def test_one_process_may_take_its_own_lock_again(tmp_path: Path) -> None:
    """A doctor holding the lock opens a store on the same folder without waiting on
    itself."""
    with WriterLock(tmp_path).held(), WriterLock(tmp_path).held():
        pass


def test_a_folder_that_may_only_be_read_has_no_lock_but_can_be_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "db"
    files = FileSet(home)
    with files.transaction():
        files.write("kith.json", {"t": {"a": {}}})

    class ReadOnlyMount:  # what acquiring the lock on a read-only mount does
        def acquire(self, timeout: float | None = None) -> None:
            raise PermissionError(errno.EROFS, "Read-only file system", str(home))

        def release(self) -> None:
            raise AssertionError("never acquired")

    monkeypatch.setattr(WriterLock, "file_lock", lambda self: ReadOnlyMount())
    with pytest.raises(ReadOnlyFolder, match="read-only"), WriterLock(home).held():
        pass
    reader = FileSet(home)
    with reader.reading():
        assert reader.read("kith.json") == {"t": {"a": {}}}
    with pytest.raises(ReadOnlyFolder, match="read-only"), reader.transaction():
        reader.write("kith.json", {})
    assert orjson.loads((home / "kith.json").read_bytes()) == {"t": {"a": {}}}


def test_private_folders_are_made_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        make_private_dirs(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    for level in ("a", "a/b", "a/b/c"):
        assert (tmp_path / level).stat().st_mode & 0o777 == 0o700
