"""A plugin's own records (``kith.api.PluginTable``) are written like kith's: stamped, so they
merge field by field between devices, keep deletions, travel in the full export and pass the
doctor; the raw TinyDB table of before still works, with a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kith.api import PluginTable, hookimpl
from kith.api.testing import Sandbox, temporary_store
from kith.persistence.stamps import DEVICE, MODIFIED, forget_device


class Organisers:
    """A plugin with a command that writes its own table."""

    @hookimpl
    def register_commands(self, cli: object) -> None:
        import click

        from kith.api import pass_app

        @cli.command("organise")  # type: ignore[attr-defined]
        @click.argument("ident")
        @click.argument("field")
        @click.argument("value")
        @pass_app
        def organise(app: object, ident: str, field: str, value: str) -> None:
            table = PluginTable(app.store, "organisers", "people")  # type: ignore[attr-defined]
            record = table.get(ident) or {}
            table.put(ident, {**record, field: value})


def test_put_get_delete_all(tmp_path: Path) -> None:
    store = temporary_store(tmp_path / "db")
    table = PluginTable(store, "meetings", "organisers")
    assert table.put("ana", {"name": "Ana", "since": 2024}) == {"name": "Ana", "since": 2024,
                                                                "id": "ana"}
    table.put("ben", {"name": "Ben"})
    assert table.get("ana") == {"name": "Ana", "since": 2024, "id": "ana"}
    assert table.get("nobody") is None
    assert list(table.all()) == ["ana", "ben"] and len(table) == 2 and "ben" in table
    assert table.delete("ben") is True and table.delete("ben") is False
    assert list(table) == ["ana"]
    # what a plugin gets back is its record, without kith's stamps, and a copy
    got = table.get("ana")
    assert got is not None
    got["name"] = "changed"
    assert table.get("ana") == {"name": "Ana", "since": 2024, "id": "ana"}
    # on disk: in the main file, stamped like every record, the deletion a tombstone
    data = json.loads((tmp_path / "db" / "kith.json").read_text())
    stored = data["plugin:meetings:organisers"]["ana"]
    assert stored[MODIFIED] and stored[DEVICE]
    assert "plugin:meetings:organisers/ben" in data["tombstones"]
    # another store on the same folder sees it (it is the database, not a cache)
    assert PluginTable(temporary_store(tmp_path / "db"), "meetings",
                       "organisers").get("ana") is not None


def test_writes_join_the_callers_transaction(tmp_path: Path) -> None:
    store = temporary_store(tmp_path / "db")
    table = PluginTable(store, "meetings", "organisers")
    with pytest.raises(RuntimeError), store.transaction():
        table.put("ana", {"name": "Ana"})
        raise RuntimeError("the command failed after the write")
    assert table.all() == {}  # nothing of a failed transaction lands


@pytest.mark.parametrize(("ident", "record", "problem"), [
    ("", {}, "non-empty string"),
    ("a/b", {}, "without '/'"),
    ("a", {"modified": "x"}, "kith's own stamp"),
    ("a", {"id": "b"}, "says its id is"),
    ("a", {1: "x"}, "string keys"),
    ("a", {"when": object()}, "not JSON"),
])
def test_bad_records_are_refused_and_nothing_is_written(tmp_path: Path, ident: str,
                                                        record: dict[object, object],
                                                        problem: str) -> None:
    store = temporary_store(tmp_path / "db")
    table = PluginTable(store, "meetings", "organisers")
    with pytest.raises(ValueError, match=problem):
        table.put(ident, record)  # type: ignore[arg-type]
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize(("plugin", "name"), [("", "t"), ("a:b", "t"), ("p", "a/b"),
                                              ("p", "x" * 65)])
def test_bad_names_are_refused(tmp_path: Path, plugin: str, name: str) -> None:
    with pytest.raises(ValueError, match="letters, digits"):
        PluginTable(temporary_store(tmp_path / "db"), plugin, name)


def test_records_merge_field_by_field_and_keep_deletions(tmp_path: Path) -> None:
    a = Sandbox(tmp_path / "a", Organisers())
    a.ok("init")
    a.ok("organise", "ana", "name", "Ana")
    a.ok("organise", "ben", "name", "Ben")
    b = Sandbox(tmp_path / "b", Organisers())
    shutil.copytree(a.home, b.home)
    (b.home / ".device").unlink()  # the copy is another device, like a second machine
    forget_device(b.home)
    a.ok("organise", "ana", "role", "host")  # one field on each device
    b.ok("organise", "ana", "phone", "555")
    assert PluginTable(a.open_store(), "organisers", "people").delete("ben")
    b.ok("merge", a.home)
    merged = PluginTable(b.open_store(), "organisers", "people").all()
    assert merged == {"ana": {"id": "ana", "name": "Ana", "role": "host", "phone": "555"}}
    a.ok("merge", b.home)  # and back: both devices agree
    assert PluginTable(a.open_store(), "organisers", "people").all() == merged
    a.ok("doctor")


def test_records_travel_in_the_full_export(tmp_path: Path) -> None:
    kith = Sandbox(tmp_path, Organisers())
    kith.ok("init")
    kith.ok("organise", "ana", "name", "Ana")
    out = tmp_path / "all.json"
    kith.ok("export", "json", out)
    document = json.loads(out.read_text())
    assert document["tables"]["plugin:organisers:people"]["ana"]["name"] == "Ana"
    other = Sandbox(tmp_path / "other", Organisers())
    other.ok("init")
    other.ok("merge", out)
    assert PluginTable(other.open_store(), "organisers", "people").get("ana") == {
        "id": "ana", "name": "Ana"}
    restored = Sandbox(tmp_path / "restored", Organisers())
    restored.ok("import", "kith-json", out)
    assert PluginTable(restored.open_store(), "organisers", "people").get("ana") == {
        "id": "ana", "name": "Ana"}


def test_the_raw_table_of_before_still_works_with_a_warning(tmp_path: Path) -> None:
    store = temporary_store(tmp_path / "db")
    with pytest.warns(DeprecationWarning, match=r"PluginTable\(store, plugin, name\)"):
        table = store.plugin_table("meetings", "introductions")
    with store.transaction():
        table.insert({"id": "x1"})
    assert [dict(d) for d in store.legacy_plugin_table("meetings", "introductions").all()] \
        == [{"id": "x1"}]
