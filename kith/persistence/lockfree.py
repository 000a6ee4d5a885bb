"""Reading without the writers' lock: readers never wait behind an import or a merge.

A commit never changes a file in place: it writes temporaries, and (several files) a
journal, then renames them into place. So the last committed state is always on disk,
except for the instant between the first and the last rename of a multi-file commit.
A reader skips that instant the way a seqlock does:

1. before reading, it notes the commit counter (``.commits``, bumped by every multi-file
   commit and restore under the lock before its first rename) and refuses to start while a journal
   says a switch is under way (it finishes a crashed one itself when the lock is free);
2. it reads, noting the signature (inode, size, mtime) of every file and folder it used;
3. afterwards, the counter must be the same and every signature unchanged, or the view may
   mix two states: ``TornRead``, and the caller reads again (``Store.read_consistently``).

A reader that tries to write is not a reader: ``NeedsWriter`` tells the caller to run it
again as a writer, under the lock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kith.persistence import journal
from kith.persistence.cache import FileCache
from kith.persistence.folder import commit_count
from kith.persistence.lock import WriterLock


class TornRead(Exception):
    """Files moved while we read, or a switch is under way: read again."""


class NeedsWriter(Exception):
    """Code running as a lock-free reader opened a transaction: it must run as a writer."""


@contextlib.contextmanager
def lock_free(home: Path, cache: FileCache, writers: WriterLock) -> Iterator[None]:
    """One attempt at reading a committed state without the lock (see the module)."""
    if journal.needs_recovery(home):
        _finish_crashed_switch(home, cache, writers)
    before = commit_count(home)
    if journal.needs_recovery(home):  # a new switch began meanwhile
        raise TornRead
    cache.refresh()
    cache.watched = {}
    try:
        yield
        if _torn(home, cache, before):
            raise TornRead
    except (TornRead, NeedsWriter):
        cache.refresh()
        raise
    except Exception:
        # an error read off a torn view (a record naming a person not yet visible) is not
        # the user's: read again; an error read off a whole view is theirs
        if _torn(home, cache, before):
            cache.refresh()
            raise TornRead from None
        raise
    finally:
        cache.watched = None


def _torn(home: Path, cache: FileCache, before: int) -> bool:
    return (journal.needs_recovery(home) or commit_count(home) != before
            or bool(cache.changed_since_watched()))


def _finish_crashed_switch(home: Path, cache: FileCache, writers: WriterLock) -> None:
    """A journal is on disk: a writer is switching files now (read again shortly), or one
    died doing it, which the lock tells (it is free): finish that commit first."""
    with writers.taken_if_free() as taken:
        if not taken:
            raise TornRead
        try:
            replayed = journal.recover(home)
        except journal.Unsettled:
            cache.forget()
            raise TornRead from None
        if replayed:
            cache.forget()
