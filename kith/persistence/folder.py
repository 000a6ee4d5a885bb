"""The database folder on disk: its places, owner-only creation, durable writes.

Every other room of persistence writes through here, so the guarantees are kept once:
every folder kith creates is 0700 (whatever the umask), every file 0600, and a file is
fsynced before anyone relies on it. The folder also names its places: the live data
files (``*.json`` outside hidden folders), ``backups/``, ``quarantine/``, the journal,
the lock and the staging folder of a restore.
"""

from __future__ import annotations

import contextlib
import errno
import os
from datetime import datetime
from pathlib import Path

from kith.core.errors import StoreError

JOURNAL = ".journal"
LOCK = ".lock"
TMP_SUFFIX = ".tmp"
BACKUPS = "backups"
QUARANTINE = "quarantine"
STAGING = ".restore"
COMMITS = ".commits"
"""How many commits have started switching files into place: readers that do not take the
lock compare it before and after they read (``kith.persistence.snapshot_read``)."""
NOT_DATA = frozenset({BACKUPS, QUARANTINE})
"""Top-level folders that hold copies, not the live database."""
READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


class ReadOnlyFolder(StoreError):
    """The database folder may be read but not written (so its lock cannot be taken)."""


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


def ensure_home(home: Path) -> None:
    """The database folder exists and is the owner's only; ``ReadOnlyFolder`` when it
    exists but may not be changed (a read-only mount, someone else's database)."""
    try:
        make_private_dirs(home)
        os.chmod(home, 0o700)
    except OSError as error:
        if error.errno in READ_ONLY_ERRNOS and home.is_dir():
            raise ReadOnlyFolder(describe_os_error(error, home)) from None
        raise StoreError(describe_os_error(error, home)) from None


def commit_count(home: Path) -> int:
    """The number in ``.commits`` (0 when it is missing or unreadable)."""
    try:
        return int((home / COMMITS).read_bytes() or b"0")
    except (OSError, ValueError):
        return 0


def bump_commit_count(home: Path) -> None:
    """Announce to lock-free readers that files are about to move (called under the lock,
    before the first rename of a commit or a restore). It replaces the file, so even a
    reader that raced the write sees a new inode. Not fsynced: it is not data, and after
    a crash a stale number only makes a reader read once more."""
    temp = home / f"{COMMITS}.{os.getpid()}{TMP_SUFFIX}"
    with contextlib.suppress(OSError):
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(commit_count(home) + 1).encode())
        finally:
            os.close(fd)
        os.replace(temp, home / COMMITS)


def write_file(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` (owner-only) and, unless it is not ``durable`` (a
    cache), fsync it before returning.

    Looked up as ``folder.write_file`` by every writer, so that a test can make the disk
    fail in one place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)


def read_cache(path: Path, limit: int) -> bytes | None:
    """The bytes of a cache file kith keeps beside the data (``derived/``), or None when
    there is none to use: missing, unreadable, not a regular file (a FIFO put there would
    block the reader for ever, a link to a device never end) or over ``limit`` bytes. A
    cache is never the reason a command fails."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def replace_cache(path: Path, payload: bytes) -> None:
    """Write a cache file whole, owner-only (its folder 0700), through a temporary file of
    this process renamed over it: a reader sees the old file or the new one, and two runs
    writing at once never write into one temporary file. Not fsynced: a cache lost in a
    crash is only computed again. Raises ``OSError``; the temporary file never stays."""
    make_private_dirs(path.parent)
    temporary = path.with_name(f"{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        write_file(temporary, payload, durable=False)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    """Make a rename or an unlink in ``folder`` durable (best effort: not every file
    system lets a folder be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def describe_os_error(error: OSError, path: Path) -> str:
    """One line for a failed write, in the user's words (disk full, read-only)."""
    if error.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full; nothing was changed"
    if error.errno in READ_ONLY_ERRNOS:
        return f"cannot write {path}: permission denied (read-only folder?); nothing was changed"
    return f"cannot write {path}: {error.strerror or error}; nothing was changed"


def is_data_path(relative: Path) -> bool:
    """Whether a path inside the folder is part of the live database (a ``*.json`` file
    outside backups, quarantine and hidden folders)."""
    parts = relative.parts
    return (bool(parts) and relative.suffix == ".json" and parts[0] not in NOT_DATA
            and not any(part.startswith(".") for part in parts))


def live_files(home: Path, suffix: str) -> list[Path]:
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

    walk(str(home), True)
    return sorted(found)


def data_files(home: Path) -> list[Path]:
    """Every database file (not locks, journals, temporaries, backups, quarantine)."""
    return [p for p in live_files(home, ".json") if is_data_path(p.relative_to(home))]


def quarantine_folder(home: Path, reason: str) -> Path:
    """A new folder under ``quarantine/`` for files moved aside (never rotated)."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    folder = home / QUARANTINE / f"{stamp}-{reason}"
    make_private_dirs(folder)
    return folder
