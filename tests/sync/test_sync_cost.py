"""Issue 26, item 11: a sync costs what changed, not the history.

Between real databases and a local bare repository: a sync reads only the files either
side changed since the histories parted (git tells which), and everything when the
remote holds what reaches across files (a people merge, a deleted person); a merging
sync takes no backup (its undo point is the commit it started from, kept as a ref);
git's housekeeping runs after the sync, in the background, and packs a folder remote."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from kith.sync import load, transport
from tests.sync.test_sync import assert_identical_and_healthy, build_pair, log
from tests.synchelp import kith, records


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


class Reads:
    """The files a sync read: from the remote's commit, and of the local database."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.remote: list[set[str] | None] = []
        self.local: list[set[str] | None] = []
        read_files, load_store = transport.Git.read_files, load.load_store

        def remote(git: transport.Git, commit: str, paths: set[str] | None = None) -> Any:
            self.remote.append(None if paths is None else set(paths))
            return read_files(git, commit, paths)

        def local(store: Any, months: Any = None) -> Any:
            self.local.append(None if months is None else set(months))
            return load_store(store, months)

        monkeypatch.setattr(transport.Git, "read_files", remote)
        monkeypatch.setattr("kith.sync.write.load_store", local)


def _months(tmp_path: Path) -> dict[str, Any]:
    """A pair whose history spans several months, synced."""
    pair = build_pair(tmp_path)
    for day in ("2023-01-05", "2023-06-05", "2023-09-05"):
        log(pair["a"], "Ann Lee", "--on", day)
    kith(pair["a"], "sync")
    kith(pair["b"], "sync")
    return pair


def test_a_sync_reads_only_the_months_that_changed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _months(tmp_path)
    a, b = pair["a"], pair["b"]
    ours = log(a, "Bob Stone", "--on", "2023-06-20")  # on A, not yet synced
    theirs = log(b, "Ann Lee", "--on", "2024-03-20")
    kith(b, "sync")
    reads = Reads(monkeypatch)
    before = sorted((a / "backups").glob("*")) if (a / "backups").exists() else []
    assert "merged" in kith(a, "sync").stdout
    # kith.json is the same blob on both sides: ours stands for theirs
    assert reads.remote == [{"interactions/2023-06.json", "interactions/2024-03.json"}]
    assert reads.local == [{"2023-06", "2024-03"}]  # not 2023-01, 2023-09
    kith(b, "sync")
    assert {ours, theirs} <= records(a, "interactions").keys()
    assert_identical_and_healthy(a, b)
    after = sorted((a / "backups").glob("*")) if (a / "backups").exists() else []
    assert after == before  # no full backup per sync
    undo = subprocess.run(["git", "-C", str(a), "rev-parse", transport.UNDO_REF],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert undo  # the commit the merge started from: what undoes it


def test_a_people_merge_on_the_remote_reads_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _months(tmp_path)
    a, b = pair["a"], pair["b"]
    kith(b, "person", "merge", "Ann Lee", "Carl Weiss")  # reaches into every month
    kith(b, "sync")
    reads = Reads(monkeypatch)
    kith(a, "sync")
    assert reads.remote[-1] is None and reads.local[-1] is None
    assert pair["Carl Weiss"] not in records(a, "people")
    kith(b, "sync")
    assert_identical_and_healthy(a, b)


def test_a_network_removed_on_the_remote_reads_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _months(tmp_path)
    a, b = pair["a"], pair["b"]
    kith(a, "network", "add", "Chess club", "--kind", "association")
    kith(a, "sync")
    kith(b, "sync")
    kith(b, "network", "remove", "chess-club")  # a deletion other records may refer to
    kith(b, "sync")
    reads = Reads(monkeypatch)
    kith(a, "sync")
    assert reads.local[-1] is None
    assert "chess-club" not in records(a, "networks")
    kith(b, "sync")
    assert_identical_and_healthy(a, b)


def test_housekeeping_packs_in_the_background(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pair = build_pair(tmp_path)
    monkeypatch.setattr(transport, "LOOSE_OBJECTS", 1)
    log(pair["a"], "Ann Lee", "--on", "2024-06-01")
    kith(pair["a"], "sync")
    remote = pair["remote"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # git gc detached itself: wait for it here
        counts = subprocess.run(["git", "--git-dir", str(remote), "count-objects", "-v"],
                                capture_output=True, text=True, check=True).stdout
        if "\ncount: 0\n" in "\n" + counts and not (remote / "gc.pid").exists():
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"the remote was not packed: {counts}")
    assert list((remote / "objects" / "pack").glob("*.pack"))
    for side in ("a", "b"):  # and the databases are none the worse
        deadline = time.monotonic() + 60
        while (pair[side] / ".git" / "gc.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    kith(pair["b"], "sync")
    assert_identical_and_healthy(pair["a"], pair["b"])
