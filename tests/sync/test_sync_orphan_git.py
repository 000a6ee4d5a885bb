"""A git left running by a killed ``kith sync`` (an orphan) and the next ``kith sync``.

The stand-in orphan is a process named ``git`` working in the database folder, as the git
a killed kith started is: it holds ``refs/remotes/origin/main.lock`` for a while, then
commits it by renaming it into place, as git does. The next sync must wait for it: not
delete its lock (the orphan's commit then fails), and not mistake its lock for being
offline (the device's edits then stayed unpushed: the other device never got them)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kith.core.errors import StoreError
from kith.sync import gitlocks
from kith.sync.transport import Git, _fetch, clear_stale_locks
from tests.sync.test_sync import (  # noqa: F401  (pytest fixtures)
    _isolated,
    assert_identical_and_healthy,
    build_pair,
    check_outcome,
    diverge,
)
from tests.synchelp import kith, one_line_error


@pytest.fixture
def pair(tmp_path: Path) -> dict[str, Any]:
    return build_pair(tmp_path)


pytestmark = pytest.mark.skipif(not Path("/proc/self/comm").exists(),
                                reason="the stand-in git names itself through /proc")

ORPHAN = """
import os, sys, time
open("/proc/self/comm", "w").write("git")
ref, hold, ready = sys.argv[1], float(sys.argv[2]), sys.argv[3]
lock = ref + ".lock"
fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
with open(ref) as f:
    os.write(fd, f.read().encode())
os.close(fd)
open(ready, "w").close()
release = ready + ".release"
deadline = time.monotonic() + (hold if hold >= 0 else 120)
while time.monotonic() < deadline and not os.path.exists(release):
    time.sleep(0.01)
try:
    os.rename(lock, ref)
except FileNotFoundError:
    sys.exit(3)  # someone removed a live git's lock
"""


def start_orphan(home: Path, tmp_path: Path, hold: float) -> subprocess.Popen[bytes]:
    """A stand-in git in ``home`` holding the remote-tracking ref's lock for ``hold`` s
    (a negative ``hold``: until ``release(tmp_path)``)."""
    ref = home / ".git" / "refs" / "remotes" / "origin" / "main"
    if not ref.exists():
        sha = subprocess.run(["git", "-C", str(home), "rev-parse", "origin/main"],
                             capture_output=True, text=True, check=True).stdout
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(sha)
    ready = tmp_path / "orphan-ready"
    ready.unlink(missing_ok=True)
    orphan = subprocess.Popen([sys.executable, "-c", ORPHAN, str(ref), str(hold), str(ready)],
                              cwd=home)
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert orphan.poll() is None and time.monotonic() < deadline, "the orphan never started"
        time.sleep(0.01)
    return orphan


def release(tmp_path: Path) -> None:
    (tmp_path / "orphan-ready.release").touch()


def test_next_sync_waits_for_an_orphan_git(pair: dict[str, Any], tmp_path: Path) -> None:
    new = diverge(pair)
    kith(pair["b"], "sync")  # B first: A's sync has B's edits to merge
    orphan = start_orphan(pair["a"], tmp_path, hold=1.0)
    result = kith(pair["a"], "sync", "--json")
    assert orphan.wait(timeout=30) == 0, "the sync removed the running git's lock"
    assert '"pushed": true' in result.stdout and '"offline": null' in result.stdout
    kith(pair["b"], "sync")  # one sync each way: B now has A's edits
    check_outcome(pair, new)
    assert_identical_and_healthy(pair["a"], pair["b"])


def test_fetch_racing_an_orphan_git_waits_and_retries(pair: dict[str, Any], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The orphan takes its lock after the sync's wait (it only locks at its end): the
    fetch fails on the lock, is not taken for offline, waits for the orphan, retries."""
    from kith.sync import transport as sync

    orphan = start_orphan(pair["a"], tmp_path, hold=-1)
    waits: list[list[str]] = []

    def wait_for_the_orphan(git: Git) -> list[str]:
        release(tmp_path)  # the orphan finishes while the sync waits for it
        waits.append(clear_stale_locks(git))
        return waits[-1]

    monkeypatch.setattr(sync, "clear_stale_locks", wait_for_the_orphan)
    _fetch(Git(pair["a"]))
    assert waits == [[]]  # one failed fetch, nothing removed: the orphan's lock was live
    assert orphan.wait(timeout=30) == 0


def test_a_fetch_that_never_gets_its_ref_is_an_error_not_offline(
        pair: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kith.sync import transport as sync

    orphan = start_orphan(pair["a"], tmp_path, hold=-1)
    monkeypatch.setattr(sync, "clear_stale_locks", lambda git: [])  # the lock stays
    with pytest.raises(sync.GitError, match=r"could not update its refs: .*main\.lock") as caught:
        _fetch(Git(pair["a"]))
    assert not isinstance(caught.value, sync.Offline)
    release(tmp_path)
    assert orphan.wait(timeout=30) == 0


def test_a_git_holding_locks_too_long_is_reported(pair: dict[str, Any], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitlocks, "WAIT_FOR_LOCKS", 0.2)
    orphan = start_orphan(pair["a"], tmp_path, hold=-1)
    with pytest.raises(StoreError, match=r"git \(process \d+\) is still running .*main\.lock"):
        clear_stale_locks(Git(pair["a"]))
    result = kith(pair["a"], "sync", code=2)
    assert "still running" in one_line_error(result)
    release(tmp_path)
    assert orphan.wait(timeout=30) == 0  # its lock was left alone
    kith(pair["a"], "sync")  # once it is done, the sync goes through
    assert not list((pair["a"] / ".git" / "refs").rglob("*.lock"))


def test_locks_of_a_killed_git_are_removed_at_once(pair: dict[str, Any]) -> None:
    lock = pair["a"] / ".git" / "index.lock"
    lock.write_text("")
    started = time.monotonic()
    assert clear_stale_locks(Git(pair["a"])) == [".git/index.lock"]
    assert time.monotonic() - started < gitlocks.WAIT_FOR_GIT and not lock.exists()


def test_without_proc_only_old_locks_are_stale(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes cannot be seen, a fresh lock is waited for until it is old."""
    import os

    monkeypatch.setattr(gitlocks, "git_processes", lambda home: None)
    monkeypatch.setattr(gitlocks, "STALE_AFTER", 0.3)
    git_dir = tmp_path / ".git"
    (git_dir / "refs").mkdir(parents=True)
    old, fresh = git_dir / "index.lock", git_dir / "refs" / "x.lock"
    old.write_text("")
    fresh.write_text("")
    os.utime(old, (time.time() - 60, time.time() - 60))
    started = time.monotonic()
    removed = gitlocks.wait_and_clear(tmp_path, git_dir)
    assert set(removed) == {old, fresh}
    assert time.monotonic() - started >= 0.25  # waited for the fresh one to age
