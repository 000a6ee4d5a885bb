"""The writers' lock: one process at a time reads-modifies-writes a database folder.

Only writers queue here. Readers read the last committed state without the lock
(``kith.persistence.snapshot_read``); a writer that has to wait says, once, who holds the
lock (the holder leaves its pid and command beside the lock file, ``.lock.holder``), then
waits up to ``LOCK_TIMEOUT_SECONDS`` and reloads whatever changed on disk before it
writes (``kith.persistence.transaction``). A folder that may only be read (a read-only
mount, someone else's database) has no lock to take: that is reported as
``ReadOnlyFolder``, so that readers can go ahead without it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kith.core import clock
from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.folder import LOCK, READ_ONLY_ERRNOS, ReadOnlyFolder

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_SECONDS = 60.0
PATIENCE_SECONDS = 1.0
"""How long a writer waits quietly before it says what it is waiting for."""
HOLDER = LOCK + ".holder"


class WriterLock:
    """The lock file of one database folder."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self._lock: FileLock | None = None
        self._depth = 0

    def file_lock(self) -> FileLock:
        """The lock object, made once. One per folder in a process (``is_singleton``): a
        doctor holding the lock can open a Store on the same folder without waiting on
        itself."""
        if self._lock is None:
            from filelock import FileLock  # only writers lock: readers never load it

            self._lock = FileLock(str((self.home / LOCK).absolute()),
                                  timeout=-1, mode=0o600, is_singleton=True)
        return self._lock

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block (creating the folder first)."""
        from filelock import Timeout

        folder.ensure_home(self.home)
        lock = self.file_lock()
        try:
            self._acquire(lock)
        except Timeout:
            raise StoreError(f"the database at {self.home} is busy: {self.holder()} has "
                             f"held its lock for over {LOCK_TIMEOUT_SECONDS:.0f} s") from None
        except OSError as error:  # no permission, a full disk: the lock file cannot be made
            if error.errno in READ_ONLY_ERRNOS:
                raise ReadOnlyFolder(folder.describe_os_error(error, self.home / LOCK)) \
                    from None
            raise StoreError(folder.describe_os_error(error, self.home / LOCK)) from None
        self._depth += 1
        if self._depth == 1:
            self._leave_name()
        try:
            yield
        finally:
            self._depth -= 1
            lock.release()

    @contextlib.contextmanager
    def taken_if_free(self) -> Iterator[bool]:
        """The lock for the block if nobody holds it now (yields True), else yields False at
        once: a reader finishing a crashed commit never queues behind a writer."""
        from filelock import Timeout

        try:
            folder.ensure_home(self.home)
            lock = self.file_lock()
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def _acquire(self, lock: FileLock) -> None:
        """Acquire, saying once on stderr what we wait for when it takes a while."""
        from filelock import Timeout

        patience = min(PATIENCE_SECONDS, LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire(timeout=patience)
            return
        except Timeout:
            if patience >= LOCK_TIMEOUT_SECONDS:
                raise
        print(f"kith: waiting for the database at {self.home}: {self.holder()} is "
              "writing to it", file=sys.stderr, flush=True)
        lock.acquire(timeout=LOCK_TIMEOUT_SECONDS - patience)

    def _leave_name(self) -> None:
        """Say who holds the lock, for a writer that waits (best effort: not data)."""
        command = " ".join(os.path.basename(a) if i == 0 else a
                           for i, a in enumerate(sys.argv[:3]))
        text = f"{os.getpid()} {clock.now():%H:%M:%S} {command}"[:200]
        with contextlib.suppress(OSError):
            fd = os.open(self.home / HOLDER, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, text.encode("utf-8", "replace"))
            finally:
                os.close(fd)

    def holder(self) -> str:
        """Who holds the lock, in words ("`kith import linkedin` (pid 4242, since 10:02:03)"),
        or "another kith process" when that is not known."""
        try:
            raw = (self.home / HOLDER).read_text("utf-8", "replace")
        except OSError:
            return "another kith process"
        pid, _, rest = raw.partition(" ")
        since, _, command = rest.partition(" ")
        if not pid.isdigit() or not command:
            return "another kith process"
        printable = "".join(ch for ch in command if ch.isprintable())
        return f"`{printable}` (pid {pid}, since {since})"
