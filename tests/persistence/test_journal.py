"""The journal on its own: a multi-file commit killed at every step, then recovered.

A kill is simulated by raising, at the chosen step, an exception that no clean-up
handler catches (as a SIGKILL would give none a chance); what is on disk then is what a
kill would leave, fsync aside. Recovery must then give either every old file or every
new one, and leave no temporary file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core.errors import StoreError
from kith.persistence import folder, journal
from kith.persistence.folder import JOURNAL, QUARANTINE, STAGING, TMP_SUFFIX

NAMES = ["kith.json", "interactions/2025-01.json", "derived/networks.json"]
OLD = {name: {"t": {"x": {"v": f"old {name}"}}} for name in NAMES}
NEW = {name: {"t": {"x": {"v": f"new {name}"}}} for name in NAMES}


class Killed(BaseException):
    """Not an OSError, not an Exception: no handler in kith cleans up after it."""


def fresh(tmp_path: Path, tag: str) -> Path:
    home = tmp_path / tag
    folder.make_private_dirs(home)
    for name, content in OLD.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_bytes(orjson.dumps(content))
    return home


def state(home: Path) -> dict[str, Any]:
    return {name: orjson.loads((home / name).read_bytes()) for name in NAMES}


def leftovers(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.name.endswith(TMP_SUFFIX) or p.name == JOURNAL]


def kill_at(monkeypatch: pytest.MonkeyPatch, point: int) -> list[str]:
    """Make the ``point``-th write or rename of the commit the last thing that happens;
    returns the log of steps taken."""
    steps: list[str] = []
    real_write, real_replace = folder.write_file, os.replace

    def step(what: str) -> None:
        if len(steps) == point:
            raise Killed(what)
        steps.append(what)

    def write(path: Path, payload: bytes) -> None:
        step(f"write {path.name}")
        real_write(path, payload)

    def replace(source: Any, target: Any) -> None:
        step(f"rename {Path(source).name}")
        real_replace(source, target)

    monkeypatch.setattr(folder, "write_file", write)
    monkeypatch.setattr(journal.os, "replace", replace)
    return steps


def commit_new(home: Path) -> None:
    journal.commit(home, NAMES, lambda name: orjson.dumps(NEW[name]))


def count_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    home = fresh(tmp_path, "count")
    with monkeypatch.context() as patch:
        steps = kill_at(patch, 10 ** 6)
        commit_new(home)
    assert state(home) == NEW and not leftovers(home)
    return len(steps)


def test_a_commit_killed_at_any_step_recovers_to_old_or_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    total = count_steps(tmp_path, monkeypatch)
    # three temporaries, the journal, the readers' commit counter, three renames
    assert total == 2 * len(NAMES) + 2
    outcomes = []
    for point in range(total):
        home = fresh(tmp_path, f"kill-{point}")
        with monkeypatch.context() as patch:
            kill_at(patch, point)
            with pytest.raises(Killed):
                commit_new(home)
        journal_written = (home / JOURNAL).exists()
        assert journal.recover(home) == journal_written
        after = state(home)
        assert after in (OLD, NEW), point
        # the commit point is the journal: before it nothing changed, after it all did
        assert (after == NEW) == journal_written, point
        assert not leftovers(home), point
        outcomes.append(after == NEW)
    assert outcomes == [False] * (len(NAMES) + 1) + [True] * (len(NAMES) + 1)


def test_a_recovery_killed_while_replaying_is_finished_by_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for point in range(len(NAMES)):
        home = fresh(tmp_path, f"replay-{point}")
        with monkeypatch.context() as patch:
            kill_at(patch, len(NAMES) + 1)  # after the journal, before any rename
            with pytest.raises(Killed):
                commit_new(home)
        with monkeypatch.context() as patch:
            kill_at(patch, point)
            with pytest.raises(Killed):
                journal.recover(home)
        assert (home / JOURNAL).exists()
        assert journal.recover(home) is True
        assert state(home) == NEW and not leftovers(home)


def test_a_single_file_commit_needs_no_journal(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    home = fresh(tmp_path, "one")
    with monkeypatch.context() as patch:
        steps = kill_at(patch, 10 ** 6)
        journal.commit(home, ["kith.json"], lambda name: orjson.dumps(NEW[name]))
    assert steps == ["write kith.json." + f"{os.getpid()}{TMP_SUFFIX}",
                     "rename kith.json." + f"{os.getpid()}{TMP_SUFFIX}"]
    assert orjson.loads((home / "kith.json").read_bytes()) == NEW["kith.json"]


def test_a_full_disk_before_the_commit_point_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = fresh(tmp_path, "full")
    real_write: Callable[[Path, bytes], None] = folder.write_file

    def full(path: Path, payload: bytes) -> None:
        if path.name == JOURNAL:
            raise OSError(28, "No space left on device")
        real_write(path, payload)

    monkeypatch.setattr(folder, "write_file", full)
    with pytest.raises(StoreError, match="the disk is full"):
        commit_new(home)
    assert state(home) == OLD and not leftovers(home)


@pytest.mark.parametrize("named", ["../outside.json", "/etc/passwd", "backups/x/kith.json",
                                   ".lock", "kith.txt"])
def test_a_journal_naming_a_path_outside_the_database_is_refused_and_kept(
        tmp_path: Path, named: str, capsys: pytest.CaptureFixture[str]) -> None:
    home = fresh(tmp_path, "hostile")
    (home / "kith.json.1.tmp").write_bytes(b"{}")
    (home / JOURNAL).write_bytes(orjson.dumps([["kith.json.1.tmp", named]]))
    assert journal.recover(home) is False
    assert state(home) == OLD
    assert not (home / JOURNAL).exists()
    kept = list((home / QUARANTINE).glob("*-refused-journal/.journal"))
    assert len(kept) == 1
    assert "refused to replay" in capsys.readouterr().err


def test_a_restore_switch_replaces_and_deletes_through_the_journal(tmp_path: Path) -> None:
    home = fresh(tmp_path, "restore")
    folder.make_private_dirs(home / STAGING)
    (home / STAGING / "kith.json").write_bytes(orjson.dumps(NEW["kith.json"]))
    journal.write_journal(home, [(f"{STAGING}/kith.json", "kith.json")],
                          ["derived/networks.json"])
    assert journal.needs_recovery(home)
    assert journal.recover(home) is True
    assert orjson.loads((home / "kith.json").read_bytes()) == NEW["kith.json"]
    assert not (home / "derived/networks.json").exists()
    assert not (home / STAGING).exists() and not journal.needs_recovery(home)


def test_the_journal_refuses_to_be_written_with_a_path_outside(tmp_path: Path) -> None:
    home = fresh(tmp_path, "write")
    with pytest.raises(StoreError, match="internal error"):
        journal.write_journal(home, [("kith.json.tmp", "../kith.json")], [])
    assert not (home / JOURNAL).exists()
