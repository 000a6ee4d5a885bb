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
- **Owner-only.** Every folder kith creates is 0700 (whatever the umask) and every file
  0600.
- **Fast JSON.** Files are parsed and written with orjson and cached for the process.
- **No write onto damage.** A commit first checks that no data file is visibly damaged
  (empty, cut short, a sync-conflict copy): writing on would bury the damage under new
  records, so it refuses and points to ``kith doctor --repair``.
- **A journal that stays home.** Every path a journal names is checked to lie inside the
  database before anything is moved; a journal naming anything else is refused, kept in
  ``quarantine/`` and reported.
- **Backups are real copies**, written into a hidden folder and renamed into place only
  after a manifest (sizes and hashes) is fsynced: a backup exists completely or not at all.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import hashlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kith.core.errors import StoreError
from kith.persistence.stamps import MAIN, stamped_put, stamped_remove

JOURNAL = ".journal"
LOCK = ".lock"
TMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 60.0
BACKUPS = "backups"
QUARANTINE = "quarantine"
STAGING = ".restore"
MANIFEST = ".manifest"
NOT_DATA = frozenset({BACKUPS, QUARANTINE})
"""Top-level folders that hold copies, not the live database."""


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700, whatever the umask.

    ``Path.mkdir(parents=True, mode=...)`` applies ``mode`` only to the last level and
    lets the umask widen or narrow it, so every level is created and chmodded here.
    """
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, 0o700)
        except FileExistsError:
            continue
        os.chmod(level, 0o700)


def is_data_path(relative: Path) -> bool:
    """Whether a path inside the folder is part of the live database (a ``*.json`` file
    outside backups, quarantine and hidden folders)."""
    parts = relative.parts
    return (bool(parts) and relative.suffix == ".json" and parts[0] not in NOT_DATA
            and not any(part.startswith(".") for part in parts))


SYNC_CONFLICT = re.compile(r"\(.*conflict.*\)|\.sync-conflict-|conflicted copy")
"""How Dropbox, Nextcloud and Syncthing name the copies they make (kith's own names,
network slugs included, never contain brackets, dots or spaces)."""
MONTH_NAME = re.compile(r"\d{4}-\d{2}\.json")
DERIVED_NAME = re.compile(r"(networks|people-[0-9a-f])\.json")


def misplaced_reason(relative: Path) -> str | None:
    """Why a data file's name does not belong in the layout, or None.

    What is flagged: anything in ``interactions/`` that is not a month file, and copies
    of kith's own files that sync tools leave beside them (``kith (conflicted copy).json``,
    ``networks.sync-conflict-....json``). Other files (a plugin's, a newer kith's) are left
    alone."""
    parts = relative.parts
    stem = relative.name.lower()
    if SYNC_CONFLICT.search(stem):
        return "a sync-conflict copy"
    if len(parts) == 2 and parts[0] == "interactions" and not MONTH_NAME.fullmatch(parts[1]):
        return "not a month file (a sync-conflict copy?)"
    if len(parts) == 2 and parts[0] == "derived" and not DERIVED_NAME.fullmatch(parts[1]) \
            and stem.startswith(("networks", "people-")):
        return "a copy of a derived file (a sync-conflict copy?)"
    if len(parts) == 1 and parts[0] != MAIN and stem.startswith("kith"):
        return "a copy of kith.json (a sync-conflict copy?)"
    return None


def looks_damaged(path: Path) -> str | None:
    """A cheap look at a data file (size, first and last bytes) for visible damage:
    empty or cut short. Full parsing is ``kith doctor``'s job; this runs on every commit."""
    try:  # os.pread, not open(): no buffered reader built for two small reads, 150 files
        fd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                return "empty (truncated?)"
            head = os.pread(fd, 1, 0)
            tail = os.pread(fd, 64, max(0, size - 64)).rstrip()
        finally:
            os.close(fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"unreadable ({error.strerror or error})"
    if head != b"{" or not tail.endswith(b"}"):
        return "not a complete JSON object (truncated or overwritten?)"
    return None


class KeyedTable(Table):
    """A TinyDB table whose document ids are kith's own string ids (ULIDs, slugs).

    Besides TinyDB's document API it offers the raw, keyed operations the store is built
    on: TinyDB's own ``upsert``/``insert`` rebuild the whole table dict on every call,
    which makes a 10k-record import quadratic; documents are keyed by kith's ids, so
    ``put`` sets the key in the file's raw dict and hands it back to the (buffered)
    storage, which writes the file once at commit.
    """

    document_id_class = str  # type: ignore[assignment]

    if TYPE_CHECKING:  # TinyDB's stubs expect int ids; kith's are strings
        def get(self, cond: Any = None, doc_id: str | None = None,  # type: ignore[override]
                doc_ids: Any = None) -> Any: ...

        def _read_table(self) -> dict[str, dict[str, Any]]: ...  # type: ignore[override]

    @property
    def _buffered(self) -> BufferedStorage:
        return self._storage  # type: ignore[return-value]

    def docs(self) -> dict[str, dict[str, Any]]:
        """Every raw document by id, as cached (no copies: do not mutate)."""
        return self._read_table()

    def put(self, ident: str, data: dict[str, Any]) -> None:
        """Insert or replace one document by id in O(1), stamped if its table is synced
        (see ``kith.persistence.stamps``). Call inside a transaction."""
        storage = self._buffered
        raw = storage.read() or {}
        records = raw.setdefault(self.name, {})
        records[ident] = stamped_put(storage, self.name, ident, data, raw)
        storage.write(raw)
        self.clear_cache()

    def discard(self, ident: str) -> None:
        """Remove one document by id in O(1), leaving a tombstone if its table is synced;
        a missing id is ignored. Call inside a transaction."""
        storage = self._buffered
        raw = storage.read() or {}
        removed = raw.get(self.name, {}).pop(ident, None)
        if removed is not None:
            stamped_remove(storage, self.name, ident, removed, raw)
            storage.write(raw)
            self.clear_cache()

    def rewrite(self, change: Callable[[dict[str, dict[str, Any]]], bool]) -> None:
        """Change the raw documents in place, unstamped (a schema migration): ``change``
        gets them by id and returns whether it changed anything, which is then written."""
        storage = self._buffered
        raw = storage.read() or {}
        if change(raw.get(self.name, {})):
            storage.write(raw)
            self.clear_cache()


class KithTinyDB(TinyDB):
    table_class = KeyedTable

    if TYPE_CHECKING:
        def table(self, name: str, **kwargs: Any) -> KeyedTable: ...

    def clear_table_caches(self) -> None:
        """Make every table opened on this file read its (buffered) storage again."""
        for table in self._tables.values():
            table.clear_cache()


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


def _dump_option(name: str) -> int:
    """Derived files are written with sorted keys: they are rebuilt from scratch by a
    repair or a merge and updated record by record otherwise, and both ways must give
    the same bytes, so that a merge twice (or a settle after a merge) rewrites nothing.
    Data files keep insertion order: sorting a decade of interactions on every commit
    would cost more than it gives."""
    return orjson.OPT_SORT_KEYS if name.startswith("derived/") else 0


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


READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


class ReadOnlyFolder(StoreError):
    """The database folder may be read but not written (so its lock cannot be taken)."""


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
        """Called with every file read from disk (``kith.persistence.validation.validate_file``)."""
        self.removed: dict[Any, Any] = {}
        """Records removed in the open transaction (``kith.persistence.stamps``: putting one back in
        the same transaction is a move, not a deletion)."""

    # folder ---------------------------------------------------------------------------
    def ensure_folder(self) -> None:
        try:
            make_private_dirs(self.home)
            os.chmod(self.home, 0o700)
        except OSError as error:
            if error.errno in READ_ONLY_ERRNOS and self.home.is_dir():
                raise ReadOnlyFolder(_describe_os_error(error, self.home)) from None
            raise StoreError(_describe_os_error(error, self.home)) from None

    def path(self, name: str) -> Path:
        return self.home / name

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def holds(self, name: str) -> bool:
        """Whether ``name`` exists on disk or is held in memory (read, staged or written
        in the open transaction, so it will exist once that commits)."""
        return name in self._cache or self.exists(name)

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
            database.clear_table_caches()

    # transactions ---------------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def lock(self) -> FileLock:
        if self._lock is None:
            # one lock object per folder in a process (is_singleton): a doctor holding the
            # lock can open a Store on the same folder without waiting on itself
            self._lock = FileLock(str(self.path(LOCK).absolute()),
                                  timeout=LOCK_TIMEOUT_SECONDS, mode=0o600, is_singleton=True)
        return self._lock

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.ensure_folder()
        lock = self.lock()
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(f"the database at {self.home} is busy: another kith process "
                             f"has held its lock for {LOCK_TIMEOUT_SECONDS:.0f} s") from None
        except OSError as error:  # no permission, a full disk: the lock file cannot be made
            if error.errno in READ_ONLY_ERRNOS:
                raise ReadOnlyFolder(_describe_os_error(error, self.path(LOCK))) from None
            raise StoreError(_describe_os_error(error, self.path(LOCK))) from None
        try:
            yield
        finally:
            lock.release()

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
        try:
            lock: contextlib.AbstractContextManager[None] | None = self.locked()
            lock.__enter__()  # type: ignore[union-attr]
            read_only = None
        except ReadOnlyFolder as error:
            # a folder we may only read (a read-only mount, someone else's database):
            # nobody can write it through us, so reading goes ahead without the lock
            # and a write fails at commit with this error
            lock, read_only = None, error
        try:
            if lock is not None:
                self.recover()
            self.refresh()
            self._depth = 1
            try:
                yield
                if read_only is not None and self._dirty:
                    raise read_only
                self._commit()
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0
                self._dirty.clear()
        finally:
            if lock is not None:
                lock.__exit__(None, None, None)

    def _rollback(self) -> None:
        for name in self._dirty:
            self._cache.pop(name, None)
            self._dbs.pop(name, None)
        for database in self._dbs.values():
            database.clear_table_caches()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent view for readers: under the lock, finish any interrupted commit
        and drop cached files that changed. Reads inside see one committed state."""
        if self._depth:
            yield
            return
        with self.transaction():  # commits nothing; falls back to unlocked when read-only
            yield

    def damaged_files(self) -> builtins.list[tuple[str, str]]:
        """Data files with visible damage or a name outside the layout, as
        ``(relative name, why)``: the cheap check every commit makes."""
        found = []
        for path in self._live_files(".json"):  # data_files(), each path made relative once
            relative = path.relative_to(self.home)
            if not is_data_path(relative):
                continue
            why = misplaced_reason(relative) or looks_damaged(path)
            if why:
                found.append((str(relative), why))
        return found

    def _refuse_if_damaged(self) -> None:
        damaged = self.damaged_files()
        if damaged:
            name, why = damaged[0]
            more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
            raise StoreError(f"{self.path(name)} is damaged: {why}{more}; nothing was written; "
                             "run `kith doctor --repair` first")

    def _commit(self) -> None:
        if not self._dirty:
            return
        self._refuse_if_damaged()
        names = sorted(self._dirty)
        pending: list[tuple[Path, Path]] = []
        try:
            for name in names:
                final = self.path(name)
                make_private_dirs(final.parent)
                temp = final.with_name(final.name + f".{os.getpid()}{TMP_SUFFIX}")
                payload = orjson.dumps(self._cache[name].data, option=_dump_option(name))
                self.write_file(temp, payload)
                pending.append((temp, final))
            if len(pending) > 1:
                journal = orjson.dumps([[str(t.relative_to(self.home)),
                                         str(f.relative_to(self.home))] for t, f in pending])
                self.write_file(self.path(JOURNAL), journal)
                _fsync_dir(self.home)
        except OSError as error:
            for temp, _ in pending:
                with contextlib.suppress(OSError):
                    temp.unlink()
            with contextlib.suppress(OSError):
                self.path(JOURNAL).unlink()
            raise StoreError(_describe_os_error(error, self.home)) from None
        try:
            for temp, final in pending:
                os.replace(temp, final)
            for folder in {final.parent for _, final in pending}:
                _fsync_dir(folder)
            if len(pending) > 1:
                self.path(JOURNAL).unlink()
                _fsync_dir(self.home)
        except OSError as error:
            self.forget()
            if len(pending) > 1:  # past the commit point: the journal finishes it
                raise StoreError(f"the write to {self.home} was interrupted "
                                 f"({error.strerror or error}); the next command completes "
                                 "it") from None
            raise StoreError(_describe_os_error(error, self.home)) from None
        for name in names:
            self._cache[name].signature = _signature(self.path(name))

    @staticmethod
    def write_file(path: Path, payload: bytes) -> None:
        """Write ``payload`` to ``path`` (owner-only) and fsync it before returning."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)

    # the journal ----------------------------------------------------------------------
    def write_journal(self, replace: builtins.list[tuple[str, str]],
                      delete: builtins.list[str]) -> None:
        """Commit point of a multi-file switch (``kith restore``): once this returns, the
        next open rolls the switch forward; before, nothing has changed."""
        for name, role in [(t, "temp") for t, _ in replace] + \
                [(f, "final") for _, f in replace] + [(d, "final") for d in delete]:
            why = self._outside(name, role)
            if why:
                raise StoreError(f"internal error: journal path {name!r} {why}")
        payload = orjson.dumps({"replace": [list(p) for p in replace], "delete": delete})
        try:
            self.write_file(self.path(JOURNAL + TMP_SUFFIX), payload)
            os.replace(self.path(JOURNAL + TMP_SUFFIX), self.path(JOURNAL))
        except OSError as error:
            with contextlib.suppress(OSError):
                self.path(JOURNAL + TMP_SUFFIX).unlink()
            raise StoreError(_describe_os_error(error, self.home)) from None
        _fsync_dir(self.home)

    def _outside(self, name: Any, role: str = "final") -> str | None:
        """Why a path named in a journal is not one kith may move (None: it may).

        ``role`` is ``"temp"`` for a file to move into place (a temporary file, or a file
        staged by a restore), ``"final"`` for a database file to replace or delete."""
        if not isinstance(name, str) or not name or "\x00" in name:
            return "is not a path"
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            return "points outside the database"
        if relative.parts[0] in NOT_DATA or relative.name in (JOURNAL, LOCK):
            return "names a backup, the quarantine or kith's own bookkeeping"
        if role == "temp":
            staged = relative.parts[0] == STAGING and relative.suffix == ".json"
            if not (staged or relative.name.endswith(TMP_SUFFIX)):
                return "is not a temporary or staged file"
        elif not is_data_path(relative):
            return "is not a database file"
        root = self.home.resolve()
        target = (self.home / relative).resolve()
        if target != root and root not in target.parents:
            return "points outside the database (through a link)"
        return None

    def _read_journal(self) -> tuple[builtins.list[tuple[str, str]], builtins.list[str]] | None:
        """The journal's moves, or None when it was never completed (no commit began).
        Raises ValueError naming the first path that is not inside the database."""
        try:
            content = orjson.loads(self.path(JOURNAL).read_bytes())
        except (orjson.JSONDecodeError, OSError):
            return None
        if isinstance(content, list):  # a commit: [[temp, final], ...]
            replace, delete = content, []
        elif isinstance(content, dict):  # a restore: {"replace": [...], "delete": [...]}
            replace, delete = content.get("replace", []), content.get("delete", [])
        else:
            raise ValueError("the journal has an unknown layout")
        if not isinstance(replace, list) or not isinstance(delete, list):
            raise ValueError("the journal has an unknown layout")
        pairs = []
        for entry in replace:
            if not isinstance(entry, list) or len(entry) != 2:
                raise ValueError("the journal has an unknown layout")
            for name, role in zip(entry, ("temp", "final"), strict=True):
                why = self._outside(name, role)
                if why:
                    raise ValueError(f"the journal names {str(name)[:80]!r}, which {why}")
            pairs.append((entry[0], entry[1]))
        for name in delete:
            why = self._outside(name)
            if why:
                raise ValueError(f"the journal names {str(name)[:80]!r}, which {why}")
        return pairs, delete

    def recover(self) -> bool:
        """Finish a commit (or a restore) that a crash interrupted; remove stray
        temporary files and an unfinished restore's staging folder.

        Must run under the lock. Returns True when a journal was replayed. A journal
        naming any path outside the database is refused whole: nothing is moved, it is
        kept in ``quarantine/`` and reported on stderr.
        """
        replayed = False
        journal = self.path(JOURNAL)
        if journal.exists():
            try:
                moves = self._read_journal()
            except ValueError as error:
                kept = self.quarantine_folder("refused-journal") / JOURNAL
                os.replace(journal, kept)
                _fsync_dir(self.home)
                print(f"kith: warning: refused to replay {journal}: {error}; nothing was "
                      f"moved; the journal is kept as {kept}", file=sys.stderr)
                moves = None
            else:
                try:
                    if moves:
                        self._replay(*moves)
                        replayed = True
                        self.forget()
                    journal.unlink()
                except OSError as error:
                    self.forget()
                    raise StoreError(
                        f"cannot finish the interrupted write recorded in {journal}: "
                        f"{error.strerror or error}; it is kept and the next command "
                        "tries again") from None
                _fsync_dir(self.home)
        with contextlib.suppress(OSError):  # leftovers: the next recovery tries again
            self.path(JOURNAL + TMP_SUFFIX).unlink()
        if self.path(STAGING).exists():
            shutil.rmtree(self.path(STAGING), ignore_errors=True)
        for stray in self._live_files(TMP_SUFFIX):
            with contextlib.suppress(OSError):
                stray.unlink()
        return replayed

    def _replay(self, pairs: builtins.list[tuple[str, str]],
                delete: builtins.list[str]) -> None:
        """Move every staged file of a journal into place, then delete what it names:
        idempotent, so a crash while replaying is finished by the next replay."""
        for temp_name, final_name in pairs:
            temp = self.path(temp_name)
            if temp.exists():
                final = self.path(final_name)
                make_private_dirs(final.parent)
                os.replace(temp, final)
        for folder in {self.path(final).parent for _, final in pairs}:
            _fsync_dir(folder)
        for name in delete:
            with contextlib.suppress(FileNotFoundError):
                self.path(name).unlink()

    def needs_recovery(self) -> bool:
        return self.path(JOURNAL).exists() or self.path(STAGING).exists()

    def quarantine_folder(self, reason: str) -> Path:
        """A new folder under ``quarantine/`` for files moved aside (never rotated)."""
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        folder = self.path(QUARANTINE) / f"{stamp}-{reason}"
        make_private_dirs(folder)
        return folder

    # snapshots ------------------------------------------------------------------------
    def _live_files(self, suffix: str) -> builtins.list[Path]:
        """Files whose names end with ``suffix`` in the live folders (not backups,
        quarantine or hidden folders; links are not followed). Walks only those folders,
        so a backup rotating meanwhile cannot disturb it; ``os.scandir`` because this
        runs on every commit."""
        found: list[Path] = []

        def walk(folder: str, top: bool) -> None:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                return
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not entry.name.startswith(".") and not (top and entry.name
                                                                   in NOT_DATA):
                            walk(entry.path, False)
                    elif entry.name.endswith(suffix) and entry.is_file():
                        found.append(Path(entry.path))
                except OSError:
                    continue

        walk(str(self.home), True)
        return sorted(found)

    def data_files(self) -> builtins.list[Path]:
        """Every database file (not locks, journals, temporaries, backups, quarantine)."""
        return [p for p in self._live_files(".json") if is_data_path(p.relative_to(self.home))]

    def snapshot(self, destination: Path) -> int:
        """Copy the current files to ``destination``, completely or not at all.

        Real copies, not hard links: kith itself never writes a file in place, but
        another program, a disk error or a truncation could, and a hard-linked backup
        would be damaged with the original. The files go into a hidden folder next to
        ``destination``, each fsynced; a manifest of their sizes and hashes is written
        last, and only then is the folder renamed to ``destination``. A failure (a full
        disk) removes the partial copy and raises ``StoreError``."""
        partial = destination.with_name("." + destination.name + ".partial")
        try:
            make_private_dirs(destination.parent)
            shutil.rmtree(partial, ignore_errors=True)
            make_private_dirs(partial)
            manifest: dict[str, Any] = {}
            for source in self.data_files():
                relative = str(source.relative_to(self.home))
                target = partial / relative
                make_private_dirs(target.parent)
                payload = source.read_bytes()
                self.write_file(target, payload)
                manifest[relative] = {"size": len(payload),
                                      "blake2b": hashlib.blake2b(payload).hexdigest()}
            self.write_file(partial / MANIFEST, orjson.dumps({"files": manifest}))
            _fsync_dir(partial)
            os.rename(partial, destination)
            _fsync_dir(destination.parent)
        except OSError as error:
            shutil.rmtree(partial, ignore_errors=True)
            raise StoreError(_describe_os_error(error, destination).replace(
                "nothing was changed", "no backup was made and nothing was changed")) from None
        return len(manifest)


def verify_backup(folder: Path, *, deep: bool = False) -> str | None:
    """Why a backup folder is not a complete, intact backup (None: it is).

    A backup is complete when its manifest exists and every file it lists has the size
    recorded (``deep``: and the hash); backups made before manifests existed count when
    every file looks whole."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        if not (folder / MAIN).exists():
            return "no kith.json"
        for path in sorted(folder.rglob("*.json")):
            if looks_damaged(path):
                return f"{path.relative_to(folder)} is damaged"
        return None
    try:
        files = orjson.loads(manifest_path.read_bytes())["files"]
        for relative, expected in files.items():
            if not deep:
                if (folder / relative).stat().st_size != expected["size"]:
                    return f"{relative} differs from the manifest"
                continue
            payload = (folder / relative).read_bytes()
            if len(payload) != expected["size"] or \
                    hashlib.blake2b(payload).hexdigest() != expected["blake2b"]:
                return f"{relative} differs from the manifest"
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        return f"incomplete ({error.__class__.__name__})"
    if MAIN not in files:
        return "no kith.json"
    return None
