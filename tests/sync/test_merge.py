"""``kith merge OTHER``: two databases (folders, or an export) brought together, losslessly."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.persistence.stamps import forget_device
from kith.persistence.store import Store
from kith.reliability import doctor
from tests.conftest import snapshot_db
from tests.synchelp import data_of, kith, kith_json, one_line_error, records


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)


def copy_db(source: Path, target: Path) -> Path:
    """A copy that is another device (its own device id), like a second machine."""
    shutil.copytree(source, target)
    (target / ".device").unlink()
    forget_device(target)
    return target


def log(db: Path, who: str, on: str, *extra: str) -> str:
    return str(kith_json(db, "log", "church", "--with", who, "--gave", "--kind", "help",
                         "--minutes", "30", "--on", on, *extra)["id"])


@pytest.fixture
def two(tmp_path: Path) -> dict[str, Any]:
    """A shared past, then two devices that each did things."""
    a = tmp_path / "a"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    ids = {name: str(kith_json(a, "person", "add", name, "--network", "church")["id"])
           for name in ("Ann Lee", "Bob Stone", "Carl Weiss")}
    ids["x1"] = log(a, "Ann Lee", "2024-03-01")
    ids["x2"] = log(a, "Bob Stone", "2024-03-02")
    b = copy_db(a, tmp_path / "b")
    kith(a, "person", "edit", "Ann Lee", "--add-tag", "choir", "--note", "from A")
    kith(b, "person", "edit", "Ann Lee", "--birthday", "1990-04-15", "--note", "from B")
    ids["ia"] = log(a, "Carl Weiss", "2024-04-02")
    ids["ib"] = log(b, "Bob Stone", "2024-05-01")
    kith(a, "interaction", "delete", ids["x1"], "--yes")
    kith(b, "interaction", "edit", ids["x2"], "--minutes", "90", "--on", "2024-06-09")
    kith(b, "person", "merge", "Bob Stone", "Carl Weiss")
    return {"a": a, "b": b, **ids}


def check(two: dict[str, Any], side: Path) -> None:
    people = records(side, "people")
    ann = people[two["Ann Lee"]]
    assert ann["tags"] == ["choir"] and ann["birthday"] == "1990-04-15"
    assert ann["notes"] == "from B"
    assert two["Carl Weiss"] not in people
    interactions = records(side, "interactions")
    assert two["x1"] not in interactions
    assert interactions[two["x2"]]["value"]["minutes"] == 90
    assert interactions[two["x2"]]["when"].startswith("2024-06-09")  # moved month
    assert interactions[two["ia"]]["people"] == [two["Bob Stone"]]
    assert two["ib"] in interactions
    assert doctor.check(side) == []


def test_merge_folders_both_ways(two: dict[str, Any], tmp_path: Path) -> None:
    a_then_b = copy_db(two["a"], tmp_path / "ab")
    b_then_a = copy_db(two["b"], tmp_path / "ba")
    out = kith(a_then_b, "merge", two["b"]).stdout
    assert "Merged" in out and "people:" in out
    kith(b_then_a, "merge", two["a"])
    check(two, a_then_b)
    check(two, b_then_a)
    assert data_of(a_then_b) == data_of(b_then_a)


def test_merging_twice_changes_nothing(two: dict[str, Any]) -> None:
    kith(two["a"], "merge", two["b"])
    before = snapshot_db(two["a"])
    backups = sorted((two["a"] / "backups").iterdir())
    result = kith(two["a"], "merge", two["b"])
    assert "Nothing to merge" in result.stdout
    assert snapshot_db(two["a"]) == before
    assert sorted((two["a"] / "backups").iterdir()) == backups
    assert kith_json(two["a"], "merge", two["b"])["files_written"] == 0


def test_merge_only_reads_the_other_database(two: dict[str, Any]) -> None:
    before = snapshot_db(two["b"])
    kith(two["a"], "merge", two["b"])
    assert snapshot_db(two["b"]) == before


def test_a_merge_is_backed_up_first(two: dict[str, Any]) -> None:
    kith(two["a"], "merge", two["b"])
    assert any(p.name.endswith("merge") for p in (two["a"] / "backups").iterdir())


def test_new_tables_merge_without_code_of_their_own(two: dict[str, Any]) -> None:
    """Tables added later (notes, follow-ups...) merge by id, field by field, tombstones
    kept, references to merged people followed."""
    a, b = Store(two["a"]), Store(two["b"])
    with a.transaction():
        notes = a.main.table("notes")
        notes.put("n1", {"id": "n1", "person": two["Carl Weiss"], "text": "likes jazz",
                         "on": "2024-05-01"})
        notes.put("n2", {"id": "n2", "person": two["Ann Lee"], "text": "old",
                         "on": "2024-05-01"})
    shutil.rmtree(two["b"])
    copy_db(two["a"], two["b"])
    b = Store(two["b"])
    with b.transaction():
        b.main.table("notes").put("n1", {"id": "n1", "person": two["Carl Weiss"],
                                         "text": "likes jazz and blues",
                                         "on": "2024-05-01"})
        b.merge_people(two["Bob Stone"], two["Carl Weiss"])
    with a.transaction():
        a.main.table("notes").discard("n2")
        a.main.table("followups").put("f1", {"id": "f1", "person": two["Ann Lee"],
                                             "due": "2024-06-01"})
    kith(two["a"], "merge", two["b"])
    notes_after = records(two["a"], "notes")
    assert notes_after["n1"]["text"] == "likes jazz and blues"
    assert notes_after["n1"]["person"] == two["Bob Stone"]
    assert "n2" not in notes_after
    assert "f1" in records(two["a"], "followups")


def test_merge_the_output_of_kith_export_json(two: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    kith(two["b"], "export", "json", path)
    kith(two["a"], "merge", path)
    check(two, two["a"])
    before = snapshot_db(two["a"])
    assert "Nothing to merge" in kith(two["a"], "merge", path).stdout
    assert snapshot_db(two["a"]) == before


def test_merge_an_export_document(two: dict[str, Any], tmp_path: Path) -> None:
    main = orjson.loads((two["b"] / "kith.json").read_bytes())
    interactions = list(records(two["b"], "interactions").values())
    tombstones = dict(main.pop("tombstones", {}))
    for path in (two["b"] / "interactions").glob("*.json"):
        tombstones.update(orjson.loads(path.read_bytes()).get("tombstones", {}))
    main.pop("_meta")
    export = {"format": "kith-export", "version": 1, "schema": Store(two["a"]).schema_version,
              "tables": {**{name: table if name == "merges" else list(table.values())
                            for name, table in main.items()},
                         "interactions": interactions, "tombstones": tombstones}}
    path = tmp_path / "b-export.json"
    path.write_bytes(orjson.dumps(export))
    kith(two["a"], "merge", path)
    check(two, two["a"])


def test_a_bad_record_in_an_export_is_skipped_with_a_warning(two: dict[str, Any],
                                                             tmp_path: Path) -> None:
    good = records(two["b"], "interactions")[two["ib"]]
    export = {"format": "kith-export", "version": 1, "tables": {"interactions": [
        good, {"id": "01broken", "network": "church"}]}}
    path = tmp_path / "export.json"
    path.write_bytes(orjson.dumps(export))
    result = kith(two["a"], "merge", path)
    assert "skipped interactions record 01broken" in result.stderr
    assert two["ib"] in records(two["a"], "interactions")
    assert doctor.check(two["a"]) == []


# --help and bad input: one line, exit 2, database unchanged --------------------------
def test_help(tmp_path: Path) -> None:
    assert "losing nothing" in kith(tmp_path / "db", "merge", "--help").stdout


def _bad_export(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", ["missing", "not-json", "not-export", "version", "tables",
                                  "no-id", "not-a-db", "itself", "schema", "journal"])
def test_bad_input_is_one_line_and_changes_nothing(two: dict[str, Any], tmp_path: Path,
                                                   case: str) -> None:
    other: Path
    if case == "missing":
        other = tmp_path / "nowhere"
    elif case == "not-json":
        other = _bad_export(tmp_path, b"{oops")
    elif case == "not-export":
        other = _bad_export(tmp_path, b'{"people": []}')
    elif case == "version":
        other = _bad_export(tmp_path, b'{"format": "kith-export", "version": 9, "tables": {}}')
    elif case == "tables":
        other = _bad_export(tmp_path, b'{"format": "kith-export", "version": 1, "tables": 3}')
    elif case == "no-id":
        other = _bad_export(tmp_path, b'{"format": "kith-export", "version": 1, '
                                      b'"tables": {"people": [{"name": "x"}]}}')
    elif case == "not-a-db":
        other = tmp_path / "photos"
        other.mkdir()
    elif case == "itself":
        other = two["a"]
    elif case == "schema":
        other = two["b"]
        main = orjson.loads((other / "kith.json").read_bytes())
        main["_meta"]["schema"]["version"] += 1
        (other / "kith.json").write_bytes(orjson.dumps(main))
    else:
        other = two["b"]
        (other / ".journal").write_text("[]")
    before = snapshot_db(two["a"])
    line = one_line_error(kith(two["a"], "merge", other, code=2))
    assert line.startswith("kith: error:")
    assert snapshot_db(two["a"]) == before


def test_a_network_removed_on_one_side_stays_while_the_other_logged_in_it(
        two: dict[str, Any], tmp_path: Path) -> None:
    a = two["a"]
    kith(a, "network", "add", "Tennis", "--kind", "friends")
    kith(a, "person", "edit", "Ann Lee", "--add-network", "tennis")
    old = str(kith_json(a, "log", "tennis", "--with", "Ann Lee", "--shared", "--on",
                        "2024-02-01")["id"])
    b = copy_db(a, tmp_path / "b2")
    kith(a, "network", "remove", "tennis", "--force")
    new = str(kith_json(b, "log", "tennis", "--with", "Ann Lee", "--shared", "--on",
                        "2024-07-01")["id"])
    for first, second in ((a, b), (b, a)):
        target = copy_db(first, tmp_path / f"m-{first.name}")
        kith(target, "merge", second)
        interactions = records(target, "interactions")
        assert new in interactions and old not in interactions
        assert "tennis" in records(target, "networks")
        assert doctor.check(target) == []
    assert data_of(tmp_path / "m-a") == data_of(tmp_path / "m-b2")
