"""Issue 26, items 4 and 9: what a merge made without kith leaves behind is merged by
kith's own merge, never emptied, never reduced to "the records only the copy held".

- a clone made by hand (plain ``git clone``, so without kith's merge driver) and a
  ``git pull``: ``kith.json`` holds git conflict markers; ``doctor --repair`` reads both
  sides and joins them;
- a synced folder (Syncthing, Dropbox, iCloud Drive) leaves a conflict copy of a file
  beside it: ``doctor --repair`` joins it record by record and field by field, the same
  result as ``kith merge`` of the other folder.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kith.reliability import doctor
from tests.synchelp import kith, kith_json, records

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
       "-c", "commit.gpgsign=false", "-c", "pull.rebase=false"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GIT, "-C", str(folder), *args], capture_output=True, text=True,
                          check=check)


def names(db: Path) -> set[str]:
    return {doc["name"] for doc in records(db, "people").values()}


def test_repair_joins_both_sides_of_git_conflict_markers(tmp_path: Path) -> None:
    a, hand, remote = tmp_path / "a", tmp_path / "hand", tmp_path / "remote.git"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    kith(a, "person", "add", "Ann Lee", "--network", "church")
    kith(a, "log", "church", "--with", "Ann Lee", "--gave", "--on", "2024-03-01")
    kith(a, "sync", "init", remote)
    subprocess.run([*GIT, "clone", "--quiet", str(remote), str(hand)], check=True)
    kith(hand, "person", "add", "Hana Clone", "--network", "church")  # the hand clone
    git(hand, "commit", "--quiet", "-am", "by hand")
    kith(a, "person", "add", "Abe Synced", "--network", "church")  # meanwhile on A
    kith(a, "sync")
    pulled = git(hand, "pull", "--quiet", "--no-edit", check=False)
    assert pulled.returncode != 0  # no merge driver in a hand clone: conflict markers
    assert b"<<<<<<<" in (hand / "kith.json").read_bytes()
    assert any("conflict markers" in str(p) for p in doctor.check(hand))

    result = kith(hand, "doctor", "--repair")
    assert "merged both sides of the git conflict in kith.json" in result.stdout
    assert {"Ann Lee", "Hana Clone", "Abe Synced"} <= names(hand)  # nothing emptied
    assert len(records(hand, "interactions")) == 1
    assert doctor.check(hand) == []
    assert list((hand / "quarantine").glob("*-repair/kith.json"))  # the file as it was


def _two_devices(tmp_path: Path) -> tuple[Path, Path, str]:
    """A with Ann; B a copy of A (a synced folder's other device); both then edit Ann."""
    a, b = tmp_path / "a", tmp_path / "b"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    ann = str(kith_json(a, "person", "add", "Ann Lee", "--network", "church",
                        "--tag", "choir", "--note", "old note")["id"])
    shutil.copytree(a, b, ignore=shutil.ignore_patterns(".device", ".lock", "backups"))
    kith(a, "person", "edit", ann, "--cadence", "30")  # A: a field B leaves alone
    kith(b, "person", "edit", ann, "--note", "new note from B")  # B: newer note
    kith(b, "person", "edit", ann, "--add-tag", "donor")
    kith(b, "person", "add", "Bea Copy", "--network", "church")
    return a, b, ann


@pytest.mark.parametrize("copy_name", [
    "kith.sync-conflict-20261201-120000-ABCDEF7.json",  # Syncthing
    "kith (Bea's conflicted copy 2026-12-01).json",  # Dropbox
    "kith 2.json",  # iCloud Drive
])
def test_a_synced_folder_conflict_copy_is_merged_field_by_field(tmp_path: Path,
                                                                copy_name: str) -> None:
    a, b, ann = _two_devices(tmp_path)
    merged = tmp_path / "merged"
    shutil.copytree(a, merged, ignore=shutil.ignore_patterns(".device", ".lock", "backups"))
    kith(merged, "merge", b)  # what `kith merge` makes of the same two folders
    shutil.copyfile(b / "kith.json", a / copy_name)  # the sync tool's copy of B's file

    assert doctor.check(a)  # the copy is named
    kith(a, "doctor", "--repair")
    person = records(a, "people")[ann]
    assert person["notes"] == "new note from B"  # the copy's newer edits are kept
    assert "donor" in person["tags"] and "choir" in person["tags"]
    assert person["cadence_days"] == 30  # and so is ours
    assert "Bea Copy" in names(a)
    assert not (a / copy_name).exists()
    assert doctor.check(a) == []
    theirs = records(merged, "people")
    assert {i: (d["name"], d["notes"], d["cadence_days"], sorted(d["tags"]))
            for i, d in records(a, "people").items()} == \
        {i: (d["name"], d["notes"], d["cadence_days"], sorted(d["tags"]))
         for i, d in theirs.items()}


def test_a_conflict_copy_of_a_month_file_is_merged_field_by_field(tmp_path: Path) -> None:
    a = tmp_path / "a"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    kith(a, "person", "add", "Ann Lee", "--network", "church")
    ident = str(kith_json(a, "log", "church", "--with", "Ann Lee", "--gave",
                          "--on", "2024-03-01", "--minutes", "10")["id"])
    b = tmp_path / "b"
    shutil.copytree(a, b, ignore=shutil.ignore_patterns(".device", ".lock", "backups"))
    kith(b, "interaction", "edit", ident, "--minutes", "45")  # newer, on the other device
    month = next((b / "interactions").glob("*.json"))
    shutil.copyfile(month, a / "interactions" / (month.stem + ".sync-conflict-1.json"))
    kith(a, "doctor", "--repair")
    assert records(a, "interactions")[ident]["value"]["minutes"] == 45
    assert doctor.check(a) == []
