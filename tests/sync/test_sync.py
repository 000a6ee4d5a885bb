"""``kith sync`` over a local bare repository: two devices that log, edit, delete and merge
people at the same time end identical, with nothing lost and doctor clean."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.persistence.stamps import forget_device
from kith.reliability import doctor
from tests.conftest import snapshot_db
from tests.synchelp import data_of, kith, kith_json, one_line_error, records


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def person(db: Path, name: str) -> str:
    return str(kith_json(db, "person", "add", name, "--network", "church")["id"])


def log(db: Path, who: str, *extra: str) -> str:
    return str(kith_json(db, "log", "church", "--with", who, "--gave", "--kind", "help",
                         "--minutes", "30", *extra)["id"])


def assert_identical_and_healthy(a: Path, b: Path) -> None:
    assert data_of(a) == data_of(b)
    head = subprocess.run(["git", "-C", str(a), "rev-parse", "HEAD"], capture_output=True,
                          text=True).stdout
    assert head == subprocess.run(["git", "-C", str(b), "rev-parse", "HEAD"],
                                  capture_output=True, text=True).stdout
    assert doctor.check(a) == [] and doctor.check(b) == []
    for side in (a, b):
        assert "healthy" in kith(side, "doctor").stdout


@pytest.fixture
def pair(tmp_path: Path) -> dict[str, Any]:
    return build_pair(tmp_path)


def build_pair(tmp_path: Path) -> dict[str, Any]:
    """Device A with a network, three people and two interactions, synced to B."""
    a, b, remote = tmp_path / "a", tmp_path / "b", tmp_path / "remote.git"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    ids = {name: person(a, name) for name in ("Ann Lee", "Bob Stone", "Carl Weiss")}
    ids["x1"] = log(a, "Ann Lee", "--on", "2024-03-01")
    ids["x2"] = log(a, "Bob Stone", "--on", "2024-03-02")
    assert "pushed" in kith(a, "sync", "init", remote).stdout
    assert "merged" in kith(b, "sync", "init", remote).stdout
    assert records(b, "interactions").keys() == {ids["x1"], ids["x2"]}
    return {"a": a, "b": b, "remote": remote, **ids}


def diverge(pair: dict[str, Any]) -> dict[str, str]:
    """Both devices change things at the same time, including the same person."""
    a, b = pair["a"], pair["b"]
    kith(a, "person", "edit", "Ann Lee", "--add-tag", "choir", "--note", "from A")
    kith(b, "person", "edit", "Ann Lee", "--birthday", "1990-04-15", "--note", "from B")
    new = {"ia": log(a, "Ann Lee", "--on", "2024-04-01"),
           "ic": log(a, "Carl Weiss", "--on", "2024-04-02"),
           "ib": log(b, "Bob Stone", "--on", "2024-05-01")}
    kith(a, "interaction", "delete", pair["x1"], "--yes")
    kith(b, "interaction", "edit", pair["x2"], "--minutes", "90")
    kith(b, "person", "merge", "Bob Stone", "Carl Weiss")
    kith(a, "network", "add", "Chess club", "--kind", "association")
    kith(b, "network", "add", "Tennis", "--kind", "friends")
    return new


def check_outcome(pair: dict[str, Any], new: dict[str, str]) -> None:
    for side in (pair["a"], pair["b"]):
        people = records(side, "people")
        ann = people[pair["Ann Lee"]]
        assert ann["tags"] == ["choir"] and ann["birthday"] == "1990-04-15"
        assert ann["notes"] == "from B"  # the later edit of the same field wins
        assert pair["Carl Weiss"] not in people  # merged into Bob on B
        interactions = records(side, "interactions")
        assert pair["x1"] not in interactions  # deleted on A: stays deleted
        assert interactions[pair["x2"]]["value"]["minutes"] == 90
        assert {new["ia"], new["ib"], new["ic"]} <= interactions.keys()
        assert interactions[new["ic"]]["people"] == [pair["Bob Stone"]]  # follows the merge
        assert {"church", "chess-club", "tennis"} <= records(side, "networks").keys()
        history = kith(side, "history", "--json").stdout
        assert new["ic"] in history


@pytest.mark.parametrize("first", ["a", "b"])
def test_both_devices_end_identical_whatever_the_order(pair: dict[str, Any], first: str) -> None:
    new = diverge(pair)
    second = "b" if first == "a" else "a"
    kith(pair[first], "sync")
    kith(pair[second], "sync")
    kith(pair[first], "sync")
    check_outcome(pair, new)
    assert_identical_and_healthy(pair["a"], pair["b"])
    for side in ("a", "b"):  # converged: no merge commits back and forth
        assert "Already in sync" in kith(pair[side], "sync").stdout
    # a second round, in the other order, keeps converging
    kith(pair["b"], "person", "edit", "Ann Lee", "--add-tag", "alto")
    kith(pair["a"], "person", "edit", "Bob Stone", "--add-tag", "treasurer")
    kith(pair[second], "sync")
    kith(pair[first], "sync")
    kith(pair[second], "sync")
    assert_identical_and_healthy(pair["a"], pair["b"])
    for side in ("a", "b"):
        assert "Already in sync" in kith(pair[side], "sync").stdout
    assert "alto" in records(pair["a"], "people")[pair["Ann Lee"]]["tags"]
    assert "treasurer" in records(pair["b"], "people")[pair["Bob Stone"]]["tags"]


def test_sync_with_nothing_to_do_changes_nothing(pair: dict[str, Any]) -> None:
    kith(pair["a"], "sync")
    before = snapshot_db(pair["a"])
    head = subprocess.run(["git", "-C", str(pair["a"]), "rev-parse", "HEAD"],
                          capture_output=True).stdout
    assert "Already in sync" in kith(pair["a"], "sync").stdout
    assert snapshot_db(pair["a"]) == before
    assert subprocess.run(["git", "-C", str(pair["a"]), "rev-parse", "HEAD"],
                          capture_output=True).stdout == head


def test_only_data_files_are_tracked(pair: dict[str, Any]) -> None:
    kith(pair["a"], "backup")
    kith(pair["a"], "sync")
    tracked = subprocess.run(["git", "-C", str(pair["a"]), "ls-files"], capture_output=True,
                             text=True).stdout.split()
    assert ".gitattributes" in tracked and "kith.json" in tracked
    assert all(name in (".gitignore", ".gitattributes", "kith.json")
               or name.startswith("interactions/") for name in tracked), tracked
    assert (pair["a"] / ".git").stat().st_mode & 0o077 == 0


def test_offline_keeps_the_local_commit(pair: dict[str, Any]) -> None:
    pair["remote"].rename(pair["remote"].with_name("away.git"))
    log(pair["a"], "Ann Lee")
    result = kith(pair["a"], "sync")
    assert "Offline" in result.stdout and "committed locally" in result.stdout
    status = subprocess.run(["git", "-C", str(pair["a"]), "status", "--porcelain"],
                            capture_output=True, text=True).stdout
    assert status == ""
    pair["remote"].with_name("away.git").rename(pair["remote"])
    assert "pushed" in kith(pair["a"], "sync").stdout
    kith(pair["b"], "sync")
    assert_identical_and_healthy(pair["a"], pair["b"])


@pytest.mark.parametrize("repair", [False, True])
def test_a_git_merge_by_hand_uses_kiths_driver(pair: dict[str, Any], repair: bool) -> None:
    """A `git pull` by hand never leaves conflict markers; the next sync settles it."""
    new = diverge(pair)
    kith(pair["b"], "sync")
    a = pair["a"]
    subprocess.run(["git", "-C", str(a), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(a), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qm", "by hand"], check=True)
    pulled = subprocess.run(["git", "-C", str(a), "-c", "user.name=t", "-c", "user.email=t@t",
                             "pull", "--no-rebase", "--no-edit", "origin", "main"],
                            capture_output=True, text=True)
    assert pulled.returncode == 0, pulled.stderr
    for path in [a / "kith.json", *(a / "interactions").glob("*.json")]:
        orjson.loads(path.read_bytes())  # valid JSON: no conflict markers
    unsettled = [str(p) for p in doctor.check(a)]
    assert any("merged into" in p and "run `kith sync`" in p for p in unsettled), unsettled
    if repair:
        assert "people merges" in kith(a, "doctor", "--repair").stdout
        assert doctor.check(a) == []
    kith(a, "sync")
    kith(pair["b"], "sync")
    check_outcome(pair, new)
    assert_identical_and_healthy(a, pair["b"])


def test_the_merge_driver_refuses_what_is_not_kith_json(tmp_path: Path) -> None:
    from kith.sync.driver import main

    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.write_text("<<<<<<< not json")
    theirs.write_text("{}")
    assert main(["driver", str(tmp_path / "base"), str(ours), str(theirs), "kith.json"]) == 1
    assert ours.read_text() == "<<<<<<< not json"


def test_doctor_reports_git_problems(pair: dict[str, Any]) -> None:
    a = pair["a"]
    (a / ".git" / "index.lock").write_text("")
    (a / ".gitattributes").write_text("")
    problems = [str(p) for p in doctor.check(a)]
    assert any("index.lock" in p for p in problems)
    assert any(".gitattributes" in p for p in problems)
    result = kith(a, "doctor", code=2)
    assert "index.lock" in result.stderr
    kith(a, "sync")
    assert doctor.check(a) == []


def test_doctor_only_reads(pair: dict[str, Any]) -> None:
    a = pair["a"]
    (a / ".device").unlink()
    forget_device(a)
    before = snapshot_db(a)
    head = (a / ".git" / "HEAD").read_bytes()
    assert doctor.check(a) == []
    assert not (a / ".device").exists() and snapshot_db(a) == before
    assert (a / ".git" / "HEAD").read_bytes() == head


def test_doctor_reports_conflict_markers(pair: dict[str, Any]) -> None:
    a = pair["a"]
    path = a / "kith.json"
    path.write_bytes(b"<<<<<<< HEAD\n" + path.read_bytes() + b"\n=======\n{}\n>>>>>>> x\n")
    problems = [str(p) for p in doctor.check(a)]
    assert any("conflict markers" in p for p in problems)


# every new command: --help, success (above), bad input --------------------------------
def test_help(tmp_path: Path) -> None:
    assert "git remote" in kith(tmp_path / "db", "sync", "--help").stdout
    assert "REMOTE" in kith(tmp_path / "db", "sync", "init", "--help").stdout


def test_sync_before_init_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "db"
    kith(db, "init")
    before = snapshot_db(db)
    line = one_line_error(kith(db, "sync", code=2))
    assert "kith sync init" in line
    assert snapshot_db(db) == before and not (db / ".git").exists()


@pytest.mark.parametrize("bad", ["file", "inside", "not-a-repo", "empty", "no-parent",
                                 "working-folder"])
def test_sync_init_refuses_a_bad_remote(tmp_path: Path, bad: str) -> None:
    db = tmp_path / "db"
    kith(db, "init")
    remote = {"file": tmp_path / "a-file", "inside": db / "remote.git",
              "not-a-repo": tmp_path / "photos", "empty": " ",
              "no-parent": tmp_path / "missing" / "deeper" / "r.git",
              "working-folder": tmp_path / "other-db"}[bad]
    if bad == "working-folder":
        subprocess.run(["git", "init", "-q", str(remote)], check=True)
    if bad == "file":
        remote.write_text("x")  # type: ignore[union-attr]
    if bad == "not-a-repo":
        remote.mkdir()  # type: ignore[union-attr]
        (remote / "holiday.jpg").write_text("x")  # type: ignore[operator]
    before = snapshot_db(db)
    one_line_error(kith(db, "sync", "init", remote, code=2))
    assert snapshot_db(db) == before
    assert not (db / ".git").exists()


def test_sync_init_twice_changes_the_remote(pair: dict[str, Any], tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.git"
    kith(pair["a"], "sync", "init", other)
    url = subprocess.run(["git", "-C", str(pair["a"]), "config", "remote.origin.url"],
                         capture_output=True, text=True).stdout.strip()
    assert url == str(other)
    assert (other / "HEAD").exists()


def test_each_device_has_its_own_id(pair: dict[str, Any]) -> None:
    forget_device(pair["a"])
    assert (pair["a"] / ".device").read_text() != (pair["b"] / ".device").read_text()
    ann = records(pair["a"], "people")[pair["Ann Lee"]]
    assert ann["device"] == (pair["a"] / ".device").read_text().strip()
