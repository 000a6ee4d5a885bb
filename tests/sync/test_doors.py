"""Issue 31, points 1 and 2: ``kith merge`` and ``kith sync`` check every record another
device sends before merging it; a bad one is skipped and named (file and id, never its
content), deletions and people merges count only when the peer can have seen what they
touch, ``me`` and the currency never change, and the result always loads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.persistence.stamps import forget_device
from kith.reliability import doctor
from tests.conftest import snapshot_db
from tests.synchelp import kith, one_line_error, records

FUTURE = "2999-01-01T00:00:00.000000Z"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    home = tmp_path / "ours"
    kith(home, "init")
    kith(home, "network", "add", "Church", "--kind", "church")
    kith(home, "person", "add", "Ann Lee", "--network", "church")
    kith(home, "person", "add", "Bob Stone", "--network", "church")
    kith(home, "log", "church", "--with", "Ann Lee", "--gave", "--kind", "help",
         "--minutes", "30", "--on", "2024-03-01")
    kith(home, "note", "add", "Ann Lee", "likes choral music", "--on", "2024-03-01")
    kith(home, "follow-up", "Bob Stone", "--on", "2024-06-01", "--about", "the score")
    kith(home, "person", "relate", "Ann Lee", "Bob Stone", "--as", "friend")
    return home


def peer_of(home: Path, target: Path) -> Path:
    shutil.copytree(home, target, ignore=shutil.ignore_patterns("backups"))
    (target / ".device").unlink()
    forget_device(target)
    return target


def edit_main(home: Path, change: Any) -> None:
    main = orjson.loads((home / "kith.json").read_bytes())
    change(main)
    (home / "kith.json").write_bytes(orjson.dumps(main))


def person_id(home: Path, name: str) -> str:
    return next(i for i, p in records(home, "people").items() if p["name"] == name)


def loads_and_reads(home: Path) -> None:
    assert doctor.check(home) == []
    for args in (["person", "list"], ["remind"], ["history"], ["network", "list"]):
        kith(home, *args)


def everything(home: Path) -> dict[str, set[str]]:
    main = orjson.loads((home / "kith.json").read_bytes())
    found = {t: set(main.get(t, {})) for t in ("people", "networks", "notes", "followups",
                                                "relationships")}
    found["interactions"] = set(records(home, "interactions"))
    return found


def test_a_record_of_the_wrong_type_is_skipped_and_named_without_its_content(
        ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    kith(peer, "person", "add", "Cleo Good")
    ann = person_id(ours, "Ann Lee")

    def damage(main: dict[str, Any]) -> None:
        main["people"]["evil01"] = {"id": "evil01", "name": "\x1b[2Jsecret", "tags": "x"}
        main["people"][ann]["handles"] = "not a mapping"
        main["people"][ann]["modified"] = "2099-01-01T00:00:00.000000Z"
        next(iter(main["notes"].values()))["on"] = "someday"
        next(iter(main["relationships"].values()))["a"] = 7
    edit_main(peer, damage)
    result = kith(ours, "merge", peer)
    assert "skipped people record evil01" in result.stderr
    assert f"skipped people record {ann}" in result.stderr
    assert "skipped notes record" in result.stderr
    assert "skipped relationships record" in result.stderr
    assert "secret" not in result.stderr and "\x1b" not in result.stderr
    assert "Cleo Good" in {p["name"] for p in records(ours, "people").values()}
    assert records(ours, "people")[ann]["handles"] == {}  # ours kept
    loads_and_reads(ours)


def test_missing_fields_and_a_minimal_person(ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")

    def damage(main: dict[str, Any]) -> None:
        main["people"]["min01"] = {"id": "min01", "name": "Mina Small"}
        main["networks"]["n0"] = {"id": "n0"}  # no name
    edit_main(peer, damage)
    month = next((peer / "interactions").glob("*.json"))
    content = orjson.loads(month.read_bytes())
    ident = next(iter(content["interactions"]))
    content["interactions"]["x0"] = {"id": "x0", "network": "church"}
    month.write_bytes(orjson.dumps(content))
    result = kith(ours, "merge", peer)
    assert "skipped networks record n0" in result.stderr
    assert "skipped interactions record x0" in result.stderr
    mina = records(ours, "people")["min01"]
    assert mina["tags"] == [] and mina["handles"] == {}  # defaults filled at the door
    assert ident in records(ours, "interactions")
    loads_and_reads(ours)
    assert "Mina Small" in kith(ours, "person", "list").stdout


def test_ids_that_collide_with_ours_never_replace_a_record_by_a_broken_one(
        ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    ann = person_id(ours, "Ann Lee")
    interaction = next(iter(records(ours, "interactions")))

    def collide(main: dict[str, Any]) -> None:
        network = next(iter(main["networks"].values()))
        main["people"][ann] = {**network, "id": ann, "modified": "2030-01-01T00:00:00.000000Z"}
        main["people"][interaction] = {"id": interaction, "when": "2024-01-01"}
    edit_main(peer, collide)
    kith(ours, "merge", peer)
    assert records(ours, "people")[ann]["name"] == "Ann Lee"
    loads_and_reads(ours)


@pytest.mark.parametrize("stamp", [FUTURE, "1999-01-01T00:00:00.000000Z", "not a stamp"])
def test_a_tombstone_for_every_record_deletes_nothing_it_cannot_have_seen(
        ours: Path, tmp_path: Path, stamp: str) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    before = everything(ours)

    def wipe(main: dict[str, Any]) -> None:
        tombs = main.setdefault("tombstones", {})
        for table, ids in before.items():
            for ident in ids:
                tombs[f"{table}/{ident}"] = {"id": ident, "table": table, "deleted": stamp,
                                             "device": "evil"}
        for n in range(20):
            tombs[f"people/never{n}"] = {"deleted": "2025-01-01T00:00:00.000000Z",
                                         "device": "evil"}
    edit_main(peer, wipe)
    result = kith(ours, "merge", peer)
    assert everything(ours) == before
    assert "ignored the deletion" in result.stderr
    if stamp == FUTURE:
        assert "stamped in the future" in result.stderr
    elif stamp.startswith("1999"):
        assert "older than the record here" in result.stderr
    assert "never had" in result.stderr  # the deletions of ids never known, reported
    loads_and_reads(ours)


def test_a_deletion_made_after_seeing_the_record_still_travels(ours: Path,
                                                               tmp_path: Path) -> None:
    """The door does not stop the ordinary case: the other device deleted an interaction
    and merged two people."""
    peer = peer_of(ours, tmp_path / "peer")
    interaction = next(iter(records(peer, "interactions")))
    kith(peer, "interaction", "delete", interaction, "--yes")
    kith(peer, "person", "merge", "Ann Lee", "Bob Stone")
    result = kith(ours, "merge", peer)
    assert "ignored" not in result.stderr and "skipped" not in result.stderr
    assert interaction not in records(ours, "interactions")
    assert person_id(ours, "Ann Lee") and "Bob Stone" not in {
        p["name"] for p in records(ours, "people").values()}
    loads_and_reads(ours)


def test_a_merge_into_a_person_nobody_has_is_ignored(ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    ann, bob = person_id(ours, "Ann Lee"), person_id(ours, "Bob Stone")

    def ghost(main: dict[str, Any]) -> None:
        main.setdefault("merges", {})[ann] = {"into": "ghost"}
        main["merges"][bob] = {"into": ""}
        main["merges"]["me"] = {"into": ann}
    edit_main(peer, ghost)
    result = kith(ours, "merge", peer)
    assert f"ignored the merge of person {ann}" in result.stderr
    assert "ignored the merge of person me" in result.stderr
    assert {ann, bob, "me"} <= set(records(ours, "people"))
    loads_and_reads(ours)


def test_me_removed_on_the_peer_stays_here(ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")

    def remove_me(main: dict[str, Any]) -> None:
        del main["people"]["me"]
        main.setdefault("tombstones", {})["people/me"] = {
            "deleted": "2026-06-01T00:00:00.000000Z", "device": "evil"}
    edit_main(peer, remove_me)
    result = kith(ours, "merge", peer)
    assert "never deleted" in result.stderr
    assert "me" in records(ours, "people")
    loads_and_reads(ours)


def test_another_currency_is_refused_before_anything_is_written(ours: Path,
                                                                tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    kith(peer, "person", "add", "Dollar Dan")
    edit_main(peer, lambda main: main["_meta"]["schema"].update(currency="USD"))
    before = snapshot_db(ours)
    line = one_line_error(kith(ours, "merge", peer, code=2))
    assert "USD" in line and "EUR" in line
    assert snapshot_db(ours) == before


def test_settings_without_a_version_are_not_taken(ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    kith(peer, "person", "add", "Cleo Good")
    edit_main(peer, lambda main: main["_meta"].update(schema={"created": "1990-01-01"}))
    result = kith(ours, "merge", peer)
    assert "ignored its settings" in result.stderr
    assert orjson.loads((ours / "kith.json").read_bytes())["_meta"]["schema"]["version"]
    loads_and_reads(ours)


@pytest.mark.parametrize("levels", [100, 5000])
def test_deep_nesting_is_one_line_or_skipped(ours: Path, tmp_path: Path, levels: int) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    ann = person_id(ours, "Ann Lee")
    edit_main(peer, lambda main: main["people"][ann].update(extra={"deep": "PLACE"}))
    nested = b"[" * levels + b"1" + b"]" * levels
    raw = (peer / "kith.json").read_bytes().replace(b'"PLACE"', nested, 1)
    (peer / "kith.json").write_bytes(raw)
    before = snapshot_db(ours)
    if levels > 1000:  # beyond what a JSON reader follows: the file is refused whole
        assert "not valid JSON" in one_line_error(kith(ours, "merge", peer, code=2))
        assert snapshot_db(ours) == before
    else:  # an object of anything in `extra` is a plugin's business: it merges
        kith(ours, "merge", peer)
    loads_and_reads(ours)


def test_tables_and_month_files_that_are_not_tables_are_skipped(ours: Path,
                                                                tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    kith(peer, "person", "add", "Cleo Good")
    edit_main(peer, lambda main: main.update(notes=[1, 2], zzz="x"))
    month = next((peer / "interactions").glob("*.json"))
    month.write_bytes(b'{"interactions": [1], "tombstones": 3}')
    result = kith(ours, "merge", peer)
    assert "skipped table notes" in result.stderr and "not a kith month file" in result.stderr
    assert "Cleo Good" in {p["name"] for p in records(ours, "people").values()}
    loads_and_reads(ours)


def test_an_export_with_hostile_records_merges_the_rest(ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    kith(peer, "person", "add", "Cleo Good")
    document = orjson.loads(kith(peer, "export", "json", "-").stdout)
    document["tables"]["people"]["bad"] = {"id": "bad", "name": 5}
    document["tables"]["merges"] = {person_id(ours, "Ann Lee"): {"into": "ghost"}}
    document["tables"]["tombstones"] = {"people/me": {"deleted": FUTURE}}
    document["interactions"]["ghost-x"] = {**next(iter(document["interactions"].values())),
                                           "id": "ghost-x", "people": ["nobody"]}
    path = tmp_path / "export.json"
    path.write_bytes(orjson.dumps(document))
    result = kith(ours, "merge", path)
    assert "skipped people record bad" in result.stderr
    assert "skipped interactions record ghost-x" in result.stderr
    assert "Cleo Good" in {p["name"] for p in records(ours, "people").values()}
    assert {"me", person_id(ours, "Ann Lee")} <= set(records(ours, "people"))
    loads_and_reads(ours)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x",
                        "GIT_COMMITTER_NAME": "x", "GIT_COMMITTER_EMAIL": "x@x"})


def test_one_bad_pushed_record_breaks_neither_device(ours: Path, tmp_path: Path) -> None:
    """Issue 31 point 2: a note's `on`, a relationship's `a`, `_meta` without a version and
    a merge into a ghost pushed to the remote; both devices sync and still read."""
    remote = tmp_path / "remote.git"
    kith(ours, "sync", "init", remote)
    other = tmp_path / "other"
    kith(other, "sync", "init", remote)
    evil = tmp_path / "evil"
    _git("clone", "-q", str(remote), str(evil), cwd=tmp_path)
    ann = person_id(ours, "Ann Lee")

    def damage(main: dict[str, Any]) -> None:
        next(iter(main["notes"].values()))["on"] = "someday"
        next(iter(main["relationships"].values()))["a"] = ["x"]
        main["_meta"]["schema"].pop("version")
        main.setdefault("merges", {})[ann] = {"into": "ghost"}
        tombs = main.setdefault("tombstones", {})
        for table in ("notes", "followups", "relationships"):
            for ident in main[table]:
                tombs[f"{table}/{ident}"] = {"deleted": FUTURE, "device": "evil"}
    edit_main(evil, damage)
    _git("commit", "-qam", "evil", cwd=evil)
    _git("push", "-q", "origin", "HEAD:main", cwd=evil)
    before = everything(ours)
    for device in (ours, other):
        kith(device, "person", "add", f"Local {device.name}")
        kith(device, "sync")
        loads_and_reads(device)
    kith(ours, "sync")
    after = everything(ours)
    assert all(before[table] <= after[table] for table in before)
    assert ann in records(other, "people")


def test_sync_init_with_an_impossible_path_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "db"
    kith(home, "init")
    cases = ["/tmp/" + "a" * 300, "/" + "ab/" * 1500, str(tmp_path / "file" / "x"),
             "/proc/self/no/such"]
    (tmp_path / "file").write_text("x")
    for remote in cases:
        line = one_line_error(kith(home, "sync", "init", remote, code=2))
        assert line.startswith("kith: error:") and len(line) < 5000


def test_a_month_file_that_is_a_fifo_or_a_device_is_refused_not_waited_on(
        ours: Path, tmp_path: Path) -> None:
    peer = peer_of(ours, tmp_path / "peer")
    os.mkfifo(peer / "interactions" / "2030-01.json")
    before = snapshot_db(ours)
    assert "not a regular file" in one_line_error(kith(ours, "merge", peer, code=2))
    (peer / "interactions" / "2030-01.json").unlink()
    (peer / "interactions" / "2030-01.json").symlink_to("/dev/zero")
    assert "not a regular file" in one_line_error(kith(ours, "merge", peer, code=2))
    assert snapshot_db(ours) == before
