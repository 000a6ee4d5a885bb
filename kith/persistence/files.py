"""Files on disk: a folder of TinyDB JSON files that are written together or not at all.

Why a folder and not one file: one TinyDB file holding 100k interactions takes over a
second to open and rewrite, and kith must record one interaction in the same time whether
the history is a year or a decade. So the store splits data into files (people and
networks; one file per month of interactions; small derived aggregates), and a write
rewrites only the files it touched.

``FileSet`` is the one object the store holds; each guarantee is kept by a room of its own:

- **Atomic, durable commits** (``journal``): every changed file is written to a temporary
  file in the same folder and fsynced; when several files change, a journal naming them
  is fsynced before any is renamed into place, so a crash at any moment leaves either the
  old state or, after recovery on the next open, the new one. Nothing is modified in
  place. A journal naming anything outside the database is refused and quarantined.
- **One writer at a time** (``lock``, ``transaction``): a transaction holds a file lock
  across read-modify-write; a second process waits, then reloads whatever changed on disk
  before it writes.
- **Owner-only** (``folder``): every folder kith creates is 0700 (whatever the umask) and
  every file 0600.
- **Fast JSON** (``cache``): files are parsed with orjson and cached for the process.
- **No write onto damage** (``damage``): a commit first checks that no data file is
  visibly damaged (empty, cut short, a sync-conflict copy), and refuses if one is.

Copies of the whole folder (backups) are ``kith.persistence.snapshots``.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kith.persistence import folder, journal, lockfree
from kith.persistence.cache import FileCache, Validate
from kith.persistence.damage import damaged_files
from kith.persistence.lock import WriterLock
from kith.persistence.tables import BufferedStorage, KithTinyDB
from kith.persistence.transaction import Transaction


class FileSet:
    """The database folder: cached JSON files, a lock, and multi-file atomic commits."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.cache = FileCache(self.home)
        self.writers = WriterLock(self.home)
        self.current = Transaction(self.home, self.cache, self.writers)
        self.removed: dict[Any, Any] = {}
        """Records removed in the open transaction (``kith.persistence.stamps``: putting one
        back in the same transaction is a move, not a deletion)."""

    @property
    def validate(self) -> Validate | None:
        """Called with every file read from disk (``kith.persistence.validation``)."""
        return self.cache.validate

    @validate.setter
    def validate(self, check: Validate | None) -> None:
        self.cache.validate = check

    # the folder -------------------------------------------------------------------------
    def ensure_folder(self) -> None:
        folder.ensure_home(self.home)

    def path(self, name: str) -> Path:
        return self.home / name

    def exists(self, name: str) -> bool:
        return (self.home / name).exists()

    def holds(self, name: str) -> bool:
        """Whether ``name`` exists on disk or is held in memory (read, staged or written
        in the open transaction, so it will exist once that commits)."""
        return self.cache.holds(name) or self.exists(name)

    def list(self, name: str, pattern: str = "*.json") -> list[str]:
        """The files of a folder, on disk or about to be written, by name."""
        base = self.home / name
        self.cache.watch_folder(name)
        names = {f"{name}/{p.name}" for p in base.glob(pattern)} if base.is_dir() else set()
        return sorted(names | self.cache.held_in(name))

    def data_files(self) -> builtins.list[Path]:
        return folder.data_files(self.home)

    def damaged_files(self) -> builtins.list[tuple[str, str]]:
        return damaged_files(self.home)

    def quarantine_folder(self, reason: str) -> Path:
        return folder.quarantine_folder(self.home, reason)

    # the cache --------------------------------------------------------------------------
    def db(self, name: str) -> KithTinyDB:
        """The TinyDB database stored in file ``name`` (relative to the folder)."""
        database = self.cache.dbs.get(name)
        if database is None:
            database = KithTinyDB(storage=BufferedStorage, files=self, name=name)
            self.cache.dbs[name] = database
        return database

    def read(self, name: str) -> dict[str, Any]:
        return self.cache.read(name)

    def read_table(self, name: str, table: str) -> Any:
        """One table of file ``name`` (None when absent), parsed on its own when it can be
        (``kith.persistence.lazytables``)."""
        return self.cache.read_table(name, table)

    def stage(self, name: str, data: dict[str, Any]) -> None:
        """Put data in the cache as if read from disk (the file does not exist yet).

        Used for a database that is not created until its first write: reads see the
        staged records, and ``mark_dirty`` inside a transaction makes them land.
        """
        self.cache.stage(name, data)

    def forget(self) -> None:
        self.cache.forget()

    def refresh(self) -> None:
        self.cache.refresh()

    # the transaction --------------------------------------------------------------------
    def write(self, name: str, data: dict[str, Any]) -> None:
        self.current.write(name, data)

    def mark_dirty(self, name: str) -> None:
        self.current.mark_dirty(name)

    @property
    def has_changes(self) -> bool:
        """Whether the open transaction will write anything."""
        return bool(self.current.dirty)

    @property
    def in_transaction(self) -> bool:
        return self.current.active

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """All writes inside commit together when the outermost block ends, or not at all."""
        return self.current.block()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent view for readers: under the lock, finish any interrupted commit
        and drop cached files that changed. Reads inside see one committed state."""
        if self.current.active or self.reading_lock_free:
            yield
            return
        with self.current.block():  # commits nothing; falls back to unlocked when read-only
            yield

    def lock_free(self) -> contextlib.AbstractContextManager[None]:
        """One attempt at reading the last committed state without the lock; raises
        ``lockfree.TornRead`` when a commit moved files meanwhile (``lockfree``)."""
        return lockfree.lock_free(self.home, self.cache, self.writers)

    @property
    def reading_lock_free(self) -> bool:
        return self.cache.watched is not None

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the writers' lock (doctor, sync, restore: work that is not one commit)."""
        return self.writers.held()

    # recovery ---------------------------------------------------------------------------
    def recover(self) -> bool:
        """Finish a commit or a restore that a crash interrupted. Call under the lock."""
        return self.current.recover()

    def needs_recovery(self) -> bool:
        return journal.needs_recovery(self.home)

    def write_journal(self, replace: builtins.list[tuple[str, str]],
                      delete: builtins.list[str]) -> None:
        """Commit point of a multi-file switch (``kith restore``, see ``journal``)."""
        journal.write_journal(self.home, replace, delete)
