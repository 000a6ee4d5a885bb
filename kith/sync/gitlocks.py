"""Other git processes in a database folder, and the lock files git leaves.

Why: a ``kith sync`` killed while git runs (Ctrl-C, a laptop put to sleep, a flat battery)
leaves that git running on its own: the next ``kith sync`` may start while it still works
in the folder. Deleting its lock files, or racing it for ``refs/remotes/origin/main``,
makes the next sync fail half way (a fetch that cannot lock its ref looked like "offline",
and the device's edits were not pushed). So a sync first waits for git processes working
in the folder, and only removes lock files no live git can own.

A git is "working in the folder" when a process named ``git*`` has the folder (or a folder
inside it) as its current directory: kith runs every git there, and so does a user typing
git commands in it. Where the system cannot tell (no ``/proc``), a lock is taken as live
while it is younger than ``STALE_AFTER`` seconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

GIT_LOCKS = ("index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock",
             "FETCH_HEAD.lock", "ORIG_HEAD.lock")
STALE_AFTER = 10.0
"""Seconds after which a lock is stale, where running git processes cannot be seen."""
WAIT_FOR_LOCKS = 30.0
"""How long a sync waits for a running git that holds locks before giving up."""
WAIT_FOR_GIT = 5.0
"""How long a sync waits for a running git that holds no lock (yet): an orphan fetch
takes its ref lock only at its end; a ``git log`` in a pager never does."""
POLL = 0.05


class GitBusy(Exception):
    """A live git holds locks in the folder after waiting for it."""


def lock_files(git_dir: Path) -> list[Path]:
    """The lock files present in a repository (its own and its refs')."""
    candidates = [git_dir / name for name in GIT_LOCKS]
    refs = git_dir / "refs"
    if refs.is_dir():
        candidates.extend(sorted(refs.rglob("*.lock")))
    return [path for path in candidates if path.exists()]


def git_processes(home: Path) -> list[int] | None:
    """Ids of git processes whose current folder is ``home`` or inside it; ``None`` where
    this system does not tell (no ``/proc``)."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    root = os.path.realpath(home)
    found: list[int] = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if not (entry / "comm").read_text().startswith("git"):
                continue
            cwd = os.readlink(entry / "cwd")
        except OSError:  # gone meanwhile, a zombie, or another user's
            continue
        if cwd == root or cwd.startswith(root + os.sep):
            found.append(int(entry.name))
    return sorted(found)


def gc_running(git_dir: Path) -> bool:
    """Whether a ``git gc`` is running on the repository (its ``gc.pid`` names a live
    process): kith starts one in the background, outside the folder, after a sync."""
    try:
        pid = int((git_dir / "gc.pid").read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return False
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return STALE_AFTER


def wait_and_clear(home: Path, git_dir: Path, *,
                   clock: Callable[[], float] = time.monotonic) -> list[Path]:
    """Wait for git processes working in ``home``, then remove the locks left by a killed
    git; returns the removed locks. Raises ``GitBusy`` when a live git still holds locks
    after ``WAIT_FOR_LOCKS`` seconds (a ``git commit`` waiting for its editor)."""
    start = clock()
    while True:
        locks = lock_files(git_dir)
        running = git_processes(home)
        waited = clock() - start
        if running is None:  # no way to see processes: a recent lock may be live
            if all(_age(lock) >= STALE_AFTER for lock in locks):
                break
        elif not running:
            break
        elif locks and waited >= WAIT_FOR_LOCKS:
            names = ", ".join(str(lock.relative_to(home)) for lock in locks)
            raise GitBusy(f"git (process {running[0]}) is still running in {home} and "
                          f"holds {names}; let it finish, then run `kith sync` again")
        elif not locks and waited >= WAIT_FOR_GIT:
            return []  # a git that holds nothing: nothing of its to protect
        time.sleep(POLL)
    removed = []
    housekeeping = gc_running(git_dir)
    for lock in lock_files(git_dir):
        if housekeeping and _age(lock) < STALE_AFTER:
            continue  # the background gc's (``kith.sync.transport.housekeeping``)
        try:
            lock.unlink()
        except FileNotFoundError:
            continue
        removed.append(lock)
    return removed
