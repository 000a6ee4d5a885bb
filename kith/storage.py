"""Files on disk: a folder of TinyDB JSON files that are written together or not at all.

Why a folder and not one file: one TinyDB file holding 100k interactions takes over a
second to open and rewrite, and kith must record one interaction in the same time whether
the history is a year or a decade. So the store splits data into files (people and
networks; one file per month of interactions; small derived aggregates), and a write
rewrites only the files it touched.

Guarantees, kept here so the domain code does not have to think about them:

- **Atomic, durable commits.** Every changed file is written to a temporary file in the
  same folder and fsynced; when several files change, a journal naming them is fsynced
  before any is renamed into place, so a crash at any moment leaves either the old state
  or, after recovery on the next open, the new one. Nothing is ever modified in place.
- **One writer at a time.** A transaction holds a file lock across read-modify-write; a
  second process waits, then reloads whatever changed on disk before it writes.
- **Owner-only.** The folder is 0700 and every file 0600.
- **Fast JSON.** Files are parsed and written with orjson and cached for the process.
- **Snapshots for free.** Because files are replaced, never rewritten, a backup is a
  folder of hard links.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kith.errors import StoreError

JOURNAL = ".journal"
LOCK = ".lock"
TMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 60.0


class KeyedTable(Table):
    """A TinyDB table whose document ids are kith's own string ids (ULIDs, slugs)."""

    document_id_class = str  # type: ignore[assignment]


class KithTinyDB(TinyDB):
    table_class = KeyedTable


@dataclass
class _Cached:
    data: dict[str, Any]
    signature: tuple[int, int, int] | None


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _describe_os_error(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full; nothing was changed"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: permission denied (read-only folder?); nothing was changed"
    return f"cannot write {path}: {error.strerror or error}; nothing was changed"


class BufferedStorage(Storage):
    """TinyDB storage backed by a ``FileSet``: reads are cached, writes wait for commit."""

    def __init__(self, files: FileSet, name: str):
        self.files = files
        self.name = name

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.files.read(self.name)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.files.write(self.name, data)

    def close(self) -> None:
        pass


class FileSet:
    """The database folder: cached JSON files, a lock, and multi-file atomic commits."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self._cache: dict[str, _Cached] = {}
        self._dirty: set[str] = set()
        self._depth = 0
        self._lock: FileLock | None = None
        self._dbs: dict[str, KithTinyDB] = {}
        self.validate: Callable[[Path, str, dict[str, Any]], None] | None = None
        """Called with every file read from disk (``kith.records.validate_file``)."""

    # folder ---------------------------------------------------------------------------
    def ensure_folder(self) -> None:
        try:
            self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.home, 0o700)
        except OSError as error:
            raise StoreError(_describe_os_error(error, self.home)) from None

    def path(self, name: str) -> Path:
        return self.home / name

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def list(self, folder: str, pattern: str = "*.json") -> list[str]:
        base = self.home / folder
        if not base.is_dir():
            names: set[str] = set()
        else:
            names = {f"{folder}/{p.name}" for p in base.glob(pattern)}
        names |= {n for n in self._cache if n.startswith(folder + "/") and self._cache[n].data}
        return sorted(names)

    # tinydb ---------------------------------------------------------------------------
    def db(self, name: str) -> KithTinyDB:
        """The TinyDB database stored in file ``name`` (relative to the folder)."""
        database = self._dbs.get(name)
        if database is None:
            database = KithTinyDB(storage=BufferedStorage, files=self, name=name)
            self._dbs[name] = database
        return database

    # reading --------------------------------------------------------------------------
    def read(self, name: str) -> dict[str, Any]:
        cached = self._cache.get(name)
        if cached is not None:
            return cached.data
        path = self.path(name)
        signature = _signature(path)
        if signature is None:
            data: dict[str, Any] = {}
        else:
            try:
                raw = path.read_bytes()
            except OSError as error:
                raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
            if not raw.strip():  # kith never writes an empty file: it was truncated
                raise StoreError(f"{path} is empty (truncated?); "
                                 "run `kith doctor --repair` to restore a backup")
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                raise StoreError(f"{path} is not valid JSON ({error}); "
                                 "run `kith doctor --repair` to restore a backup") from None
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise StoreError(f"{path} is not a kith database file (unexpected layout); "
                                 "run `kith doctor --repair` to restore a backup")
            if self.validate is not None:
                self.validate(path, name, data)
        self._cache[name] = _Cached(data, signature)
        return data

    def write(self, name: str, data: dict[str, Any]) -> None:
        if self._depth == 0:
            raise StoreError(f"internal error: write to {name} outside a transaction")
        cached = self._cache.get(name)
        if cached is None:
            self._cache[name] = _Cached(data, None)
        else:
            cached.data = data
        self._dirty.add(name)

    def stage(self, name: str, data: dict[str, Any]) -> None:
        """Put data in the cache as if read from disk (the file does not exist yet).

        Used for a database that is not created until its first write: reads see the
        staged records, and ``mark_dirty`` inside a transaction makes them land.
        """
        self._cache[name] = _Cached(data, None)

    @property
    def has_changes(self) -> bool:
        """Whether the open transaction will write anything."""
        return bool(self._dirty)

    def mark_dirty(self, name: str) -> None:
        if self._depth == 0:
            raise StoreError(f"internal error: {name} marked dirty outside a transaction")
        self._dirty.add(name)

    def forget(self) -> None:
        """Drop every cached file, so the next read sees the disk."""
        self._cache.clear()
        self._dbs.clear()

    def refresh(self) -> None:
        """Drop cached files that another process replaced since we read them."""
        for name, cached in list(self._cache.items()):
            if cached.signature != _signature(self.path(name)):
                del self._cache[name]
                self._dbs.pop(name, None)
        for database in self._dbs.values():
            for table in database._tables.values():
                table.clear_cache()

    # transactions ---------------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def lock(self) -> FileLock:
        if self._lock is None:
            self._lock = FileLock(str(self.path(LOCK)), timeout=LOCK_TIMEOUT_SECONDS,
                                  mode=0o600)
        return self._lock

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.ensure_folder()
        try:
            with self.lock():
                yield
        except Timeout:
            raise StoreError(f"the database at {self.home} is busy: another kith process "
                             f"has held its lock for {LOCK_TIMEOUT_SECONDS:.0f} s") from None
        except PermissionError as error:
            raise StoreError(_describe_os_error(error, self.path(LOCK))) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together when the outermost block ends, or not at all."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self.locked():
            self.recover()
            self.refresh()
            self._depth = 1
            try:
                yield
                self._commit()
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0
                self._dirty.clear()

    def _rollback(self) -> None:
        for name in self._dirty:
            self._cache.pop(name, None)
            self._dbs.pop(name, None)
        for database in self._dbs.values():
            for table in database._tables.values():
                table.clear_cache()

    def _commit(self) -> None:
        if not self._dirty:
            return
        names = sorted(self._dirty)
        pending: list[tuple[Path, Path]] = []
        try:
            for name in names:
                final = self.path(name)
                final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                temp = final.with_name(final.name + f".{os.getpid()}{TMP_SUFFIX}")
                payload = orjson.dumps(self._cache[name].data)
                self._write_file(temp, payload)
                pending.append((temp, final))
            if len(pending) > 1:
                journal = orjson.dumps([[str(t.relative_to(self.home)),
                                         str(f.relative_to(self.home))] for t, f in pending])
                self._write_file(self.path(JOURNAL), journal)
                _fsync_dir(self.home)
        except OSError as error:
            for temp, _ in pending:
                with contextlib.suppress(OSError):
                    temp.unlink()
            with contextlib.suppress(OSError):
                self.path(JOURNAL).unlink()
            raise StoreError(_describe_os_error(error, self.home)) from None
        for temp, final in pending:
            os.replace(temp, final)
        for folder in {final.parent for _, final in pending}:
            _fsync_dir(folder)
        if len(pending) > 1:
            self.path(JOURNAL).unlink()
            _fsync_dir(self.home)
        for name in names:
            self._cache[name].signature = _signature(self.path(name))

    @staticmethod
    def _write_file(path: Path, payload: bytes) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)

    def recover(self) -> bool:
        """Finish a commit that a crash interrupted; remove stray temporary files.

        Must run under the lock. Returns True when a journal was replayed.
        """
        replayed = False
        journal = self.path(JOURNAL)
        if journal.exists():
            try:
                pairs = orjson.loads(journal.read_bytes())
            except (orjson.JSONDecodeError, OSError):
                pairs = None  # the journal itself was not completed: the commit never began
            if pairs:
                for temp_name, final_name in pairs:
                    temp = self.path(temp_name)
                    if temp.exists():
                        os.replace(temp, self.path(final_name))
                replayed = True
                self.forget()
            journal.unlink()
            _fsync_dir(self.home)
        for stray in self.home.rglob(f"*{TMP_SUFFIX}"):
            if "backups" in stray.relative_to(self.home).parts:
                continue
            with contextlib.suppress(OSError):
                stray.unlink()
        return replayed

    def needs_recovery(self) -> bool:
        return self.path(JOURNAL).exists()

    # snapshots ------------------------------------------------------------------------
    def data_files(self) -> list[Path]:
        """Every database file (not locks, journals, temporaries or backups)."""
        if not self.home.is_dir():
            return []
        return sorted(p for p in self.home.rglob("*.json")
                      if "backups" not in p.relative_to(self.home).parts
                      and not p.name.startswith("."))

    def snapshot(self, destination: Path) -> int:
        """Copy the current files to ``destination``.

        Real copies, not hard links: kith itself never writes a file in place, but
        another program, a disk error or a truncation could, and a hard-linked backup
        would be damaged with the original. The copy is fsynced before it counts."""
        destination.mkdir(parents=True, mode=0o700)
        count = 0
        for source in self.data_files():
            target = destination / source.relative_to(self.home)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())
            count += 1
        _fsync_dir(destination)
        return count
