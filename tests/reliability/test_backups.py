"""Backups on their own: snapshots complete or absent, verified, listed, rotated.

A backup is only worth keeping if it is whole; a cut-short one must never be listed as
a backup, never be restored, and never push a good one out of the rotation.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from kith.core.errors import StoreError
from kith.core.model import Network
from kith.persistence import folder
from kith.persistence.files import FileSet
from kith.persistence.snapshots import (
    MANIFEST,
    MAX_BACKUPS,
    rotate_backups,
    snapshot,
    snapshot_into_backups,
    verify_backup,
)
from kith.persistence.store import Store
from kith.reliability import backups as backup_room
from kith.reliability.backups import BackupCopies, backups, incomplete_backups, make_backup


@pytest.fixture
def store(kith_home: Path) -> Store:
    store = Store(kith_home)
    store.add_network(Network.create("Club"))
    return store


def test_a_snapshot_copies_every_data_file_with_a_manifest(store: Store,
                                                          tmp_path: Path) -> None:
    (store.home / "backups").mkdir(exist_ok=True)
    (store.home / "quarantine" / "x").mkdir(parents=True)
    (store.home / "quarantine" / "x" / "kith.json").write_bytes(b"{}")  # not data
    copied = snapshot(store.home, tmp_path / "copy")
    data = sorted(str(p.relative_to(store.home)) for p in folder.data_files(store.home))
    manifest = orjson.loads((tmp_path / "copy" / MANIFEST).read_bytes())["files"]
    assert copied == len(data) and sorted(manifest) == data
    for name in data:
        assert (tmp_path / "copy" / name).read_bytes() == (store.home / name).read_bytes()
        assert not os.path.samefile(tmp_path / "copy" / name, store.home / name)  # copies
    assert verify_backup(tmp_path / "copy", deep=True) is None
    assert not list(tmp_path.glob(".*.partial"))


def test_a_snapshot_that_fails_leaves_nothing(store: Store, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folder, "write_file", full)
    with pytest.raises(StoreError, match="disk is full; no backup was made"):
        snapshot(store.home, tmp_path / "copy")
    assert not (tmp_path / "copy").exists() and not list(tmp_path.glob(".*"))


def test_verify_tells_a_changed_copy_by_size_and_deep_by_hash(store: Store,
                                                              tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    snapshot(store.home, copy)
    main = copy / "kith.json"
    original = main.read_bytes()
    main.write_bytes(original.replace(b"Club", b"Clob"))  # same size, other bytes
    assert verify_backup(copy) is None
    assert verify_backup(copy, deep=True) == "kith.json differs from the manifest"
    main.write_bytes(original[:-5])
    assert verify_backup(copy) == "kith.json differs from the manifest"
    main.unlink()
    assert verify_backup(copy).startswith("incomplete")  # type: ignore[union-attr]


def test_a_backup_from_before_manifests_counts_when_every_file_looks_whole(
        tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "kith.json").write_bytes(b'{"people": {}}')
    assert verify_backup(old) is None
    (old / "kith.json").write_bytes(b'{"people": {')
    assert verify_backup(old) == "kith.json is damaged"
    (old / "kith.json").unlink()
    assert verify_backup(old) == "no kith.json"


def test_backups_are_listed_newest_first_and_incomplete_ones_apart(store: Store) -> None:
    first = make_backup(store, "first")
    second = make_backup(store, "second")
    broken = store.home / "backups" / "29990101T000000000000-broken"
    broken.mkdir()
    (broken / "kith.json").write_bytes(b"")
    assert backups(store.home) == [second, first]
    assert incomplete_backups(store.home) == [(broken, "kith.json is damaged")]
    assert backups(store.home / "nowhere") == []


def test_rotation_keeps_the_newest_complete_backups_and_every_incomplete_one(
        store: Store) -> None:
    made = [make_backup(store, f"n{n}") for n in range(MAX_BACKUPS + 2)]
    assert backups(store.home) == list(reversed(made[2:]))
    broken = store.home / "backups" / "29990101T000000000000-broken"
    broken.mkdir()
    (broken / "kith.json").write_bytes(b"")
    fresh_partial = store.home / "backups" / ".29990101T000000000001-x.partial"
    stale_partial = store.home / "backups" / ".19990101T000000000001-x.partial"
    fresh_partial.mkdir()
    stale_partial.mkdir()
    hour_ago = time.time() - 2 * 3600
    os.utime(stale_partial, (hour_ago, hour_ago))
    rotate_backups(store.home)
    assert len(backups(store.home)) == MAX_BACKUPS and broken.exists()
    assert fresh_partial.exists() and not stale_partial.exists()


def test_a_transaction_backup_is_taken_only_when_something_changes(store: Store) -> None:
    with store.transaction(backup_reason="import x"):
        pass
    assert backups(store.home) == []
    with store.transaction(backup_reason="import x"):
        store.add_network(Network.create("Work"))
    [made] = backups(store.home)
    assert made.name.endswith("-import-x")
    before = orjson.loads((made / "kith.json").read_bytes())
    assert "work" not in before["networks"] and "club" in before["networks"]


def test_a_backup_is_named_by_time_and_a_safe_reason(store: Store) -> None:
    made = snapshot_into_backups(FileSet(store.home), "../../etc passwd", rotate=False)
    assert made.parent == store.home / "backups"
    assert made.name.split("-", 1)[1] == "------etc-passwd"


def test_copies_of_one_file_come_from_complete_backups_newest_first(store: Store) -> None:
    make_backup(store, "one")
    store.add_network(Network.create("Work"))
    make_backup(store, "two")
    copies = BackupCopies(store.home)
    assert [sorted(c["networks"]) for c in copies.of_file("kith.json")] == \
        [["club", "work"], ["club"]]
    assert copies.record("kith.json", "networks", "work")["name"] == "Work"  # type: ignore[index]
    assert copies.record("kith.json", "networks", "gone") is None
    assert copies.of_file("interactions/2025-01.json") == []
    assert backup_room.backups(store.home, deep=True) == backups(store.home)
