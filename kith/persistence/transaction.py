"""The transaction: all writes of a block commit together when the outermost block ends.

Lock before read: the lock is taken when the outermost block opens, an interrupted
commit is finished (``journal.recover``) and every cached file another process replaced
is dropped, so whatever the block reads and writes is one step from one committed state
to the next. At the end the changed files go through the journal (``journal.commit``);
on any error none of them do, and the cache forgets them.

A folder that may only be read has no lock to take: reading goes ahead without it, and
a write fails at commit with the read-only error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kith.core.errors import StoreError
from kith.persistence import checked, journal
from kith.persistence.cache import FileCache
from kith.persistence.damage import refuse_if_damaged
from kith.persistence.folder import ReadOnlyFolder
from kith.persistence.lock import WriterLock
from kith.persistence.lockfree import NeedsWriter
from kith.persistence.tables import dump_file


class Transaction:
    """The open transaction of one file set: its depth and the files it changed."""

    def __init__(self, home: Path, cache: FileCache, lock: WriterLock):
        self.home = Path(home)
        self.cache = cache
        self.lock = lock
        self.depth = 0
        self.dirty: set[str] = set()

    @property
    def active(self) -> bool:
        return self.depth > 0

    def write(self, name: str, data: dict[str, Any]) -> None:
        if not self.depth:
            raise StoreError(f"internal error: write to {name} outside a transaction")
        self.cache.put(name, data)
        self.dirty.add(name)

    def mark_dirty(self, name: str) -> None:
        if not self.depth:
            raise StoreError(f"internal error: {name} marked dirty outside a transaction")
        self.dirty.add(name)

    def recover(self) -> bool:
        """Finish an interrupted commit (under the lock); the cache forgets whatever the
        replay may have moved."""
        try:
            replayed = journal.recover(self.home)
        except journal.Unsettled:
            self.cache.forget()
            raise
        if replayed:
            self.cache.forget()
        return replayed

    @contextlib.contextmanager
    def block(self) -> Iterator[None]:
        """All writes inside commit together when the outermost block ends, or not at all."""
        if self.depth:
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
            return
        if self.cache.watched is not None:
            raise NeedsWriter  # a lock-free reader wants to write: rerun it as a writer
        with self._locked_or_read_only() as read_only:
            if read_only is None:
                self.recover()
            self.cache.refresh()
            self.depth = 1
            try:
                yield
                if read_only is not None and self.dirty:
                    raise read_only
                self._commit()
            except BaseException:
                self.cache.drop(self.dirty)
                raise
            finally:
                self.depth = 0
                self.dirty.clear()

    @contextlib.contextmanager
    def _locked_or_read_only(self) -> Iterator[ReadOnlyFolder | None]:
        """The lock held for the block (yields None), or the ``ReadOnlyFolder`` error that
        a write in the block will raise (the lock could not even be made)."""
        held = self.lock.held()
        read_only: ReadOnlyFolder | None = None
        try:
            held.__enter__()
        except ReadOnlyFolder as error:
            read_only = error
        if read_only is not None:
            yield read_only
            return
        try:
            yield None
        finally:
            held.__exit__(None, None, None)

    def _commit(self) -> None:
        if not self.dirty:
            return
        refuse_if_damaged(self.home)
        names = sorted(self.dirty)
        files = self.cache.files
        try:
            journal.commit(self.home, names,
                           lambda name: dump_file(name, files[name].data))
        except journal.Unsettled:
            self.cache.forget()
            raise
        self.cache.settled(names)
        checked.record(self.home, self.cache.checked)
