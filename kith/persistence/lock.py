"""The writers' lock: one process at a time reads-modifies-writes a database folder.

A second process waits (up to ``LOCK_TIMEOUT_SECONDS``), then reloads whatever changed
on disk before it writes (``kith.persistence.transaction``). A folder that may only be
read (a read-only mount, someone else's database) has no lock to take: that is reported
as ``ReadOnlyFolder``, so that readers can go ahead without it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.folder import LOCK, READ_ONLY_ERRNOS, ReadOnlyFolder

LOCK_TIMEOUT_SECONDS = 60.0


class WriterLock:
    """The lock file of one database folder."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self._lock: FileLock | None = None

    def file_lock(self) -> FileLock:
        """The lock object, made once. One per folder in a process (``is_singleton``): a
        doctor holding the lock can open a Store on the same folder without waiting on
        itself."""
        if self._lock is None:
            self._lock = FileLock(str((self.home / LOCK).absolute()),
                                  timeout=LOCK_TIMEOUT_SECONDS, mode=0o600, is_singleton=True)
        return self._lock

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block (creating the folder first)."""
        folder.ensure_home(self.home)
        lock = self.file_lock()
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(f"the database at {self.home} is busy: another kith process "
                             f"has held its lock for {LOCK_TIMEOUT_SECONDS:.0f} s") from None
        except OSError as error:  # no permission, a full disk: the lock file cannot be made
            if error.errno in READ_ONLY_ERRNOS:
                raise ReadOnlyFolder(folder.describe_os_error(error, self.home / LOCK)) \
                    from None
            raise StoreError(folder.describe_os_error(error, self.home / LOCK)) from None
        try:
            yield
        finally:
            lock.release()
