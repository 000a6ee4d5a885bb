"""The store on real files: atomic commits, lock, permissions, upsert, migration, rollback."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.core.errors import Ambiguous, NotFound, StoreError, ValidationError
from kith.core.model import ME, Interaction, Network, Person, Value
from kith.persistence import folder
from kith.persistence.files import FileSet
from kith.persistence.folder import JOURNAL
from kith.persistence.store import Store, migrations
from tests.conftest import snapshot_db

BASE = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)


def populated(home: Path) -> tuple[Store, Person, Person]:
    store = Store(home)
    store.add_network(Network.create("Church", kind="church"))
    store.add_network(Network.create("Friends", kind="friends"))
    ann = store.add_person(Person.create("Ann Lee", handles={"email": ["ann@x.org"]}))
    bob = store.add_person(Person.create("Bob Ray", handles={"phone": ["+15550100"]}))
    return store, ann, bob


def make(ann: Person, days: int = 0, **fields: object) -> Interaction:
    data: dict[str, object] = {"when": BASE + timedelta(days=days), "network": "church",
                               "people": [ann.id], "direction": "gave", "kind": "help",
                               "value": Value(favours=1)}
    data.update(fields)
    return Interaction.create(**data)  # type: ignore[arg-type]


def test_new_database_has_schema_me_and_private_files(kith_home: Path) -> None:
    store = Store(kith_home)
    assert store.schema_version == migrations.SCHEMA_VERSION
    assert store.get_person(ME) is not None
    assert not (kith_home / "kith.json").exists(), "a database is written by its first write"
    with pytest.raises(ValidationError), store.transaction():
        store.save_network(Network.create("Chess"))
        raise ValidationError("rolled back")
    assert not kith_home.joinpath("kith.json").exists()
    assert store.get_person(ME) is not None and store.networks() == []
    assert store.create() is True and store.create() is False
    assert stat.S_IMODE(kith_home.stat().st_mode) == 0o700
    for path in kith_home.rglob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_record_reads_back_from_a_fresh_store(kith_home: Path) -> None:
    store, ann, bob = populated(kith_home)
    stored = store.record(make(ann, people=[ann.id, bob.id], note="lunch"))
    again = Store(kith_home)
    assert again.get_interaction(stored.id) == stored
    assert [i.id for i in again.interactions(person=bob.id)] == [stored.id]
    assert (kith_home / "interactions" / "2024-01.json").exists()
    for path in kith_home.rglob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_interactions_filters_and_ranges(kith_home: Path) -> None:
    store, ann, bob = populated(kith_home)
    for day in (0, 40, 80):
        store.record(make(ann, day))
    store.record(make(bob, 41, network="friends", direction="shared", kind="meal"))
    assert len(list(store.interactions())) == 4
    assert len(list(store.interactions(network="friends"))) == 1
    assert len(list(store.interactions(kind="help"))) == 3
    window = list(store.interactions(since=BASE + timedelta(days=30),
                                     until=BASE + timedelta(days=60)))
    assert [i.when for i in window] == sorted(i.when for i in window)
    assert len(window) == 2


def test_transaction_rolls_back_everything(kith_home: Path) -> None:
    store, ann, _ = populated(kith_home)
    before = snapshot_db(kith_home)
    with pytest.raises(RuntimeError), store.transaction():
        store.record(make(ann))
        store.save_person(ann.with_changes(name="Changed"))
        raise RuntimeError("boom")
    assert snapshot_db(kith_home) == before
    assert list(store.interactions()) == []
    assert store.get_person(ann.id).name == "Ann Lee"


def test_upsert_is_idempotent_and_updates_changed_records(kith_home: Path) -> None:
    store, ann, _ = populated(kith_home)
    records = [make(ann, day, source=f"test:{day}") for day in range(0, 90, 3)]
    first = store.upsert_interactions(records)
    assert (first.added, first.updated, first.unchanged) == (30, 0, 0)
    before = snapshot_db(kith_home)
    second = store.upsert_interactions(records)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 30)
    assert snapshot_db(kith_home) == before
    changed = [records[0].with_changes(note="edited")]
    third = store.upsert_interactions(changed)
    assert (third.added, third.updated) == (0, 1)
    assert store.get_interaction(records[0].id).note == "edited"
    assert len(list(store.interactions())) == 30


def test_upsert_names_what_an_interaction_refers_to_that_is_missing(kith_home: Path) -> None:
    store, ann, _ = populated(kith_home)
    before = snapshot_db(kith_home)
    with pytest.raises(NotFound, match="unknown network 'choir'"):
        store.upsert_interactions([make(ann, network="choir", source="test:n")])
    with pytest.raises(NotFound, match=r"unknown people \['nobody'\]"):
        store.upsert_interactions([make(ann, people=["nobody"], source="test:p")])
    assert snapshot_db(kith_home) == before


def test_interrupted_multi_file_commit_is_replayed(kith_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store, ann, _ = populated(kith_home)
    real_replace = os.replace
    calls = {"n": 0}

    def crash_after_first_rename(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("simulated kill between renames")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_after_first_rename)
    with pytest.raises(KeyboardInterrupt):
        store.record(make(ann))
    monkeypatch.setattr(os, "replace", real_replace)
    assert (kith_home / JOURNAL).exists()
    reopened = Store(kith_home)  # recovery finishes the commit
    assert not (kith_home / JOURNAL).exists()
    items = list(reopened.interactions())
    assert len(items) == 1
    networks, people = reopened.recompute_derived()
    assert reopened.network_months() == networks
    assert reopened.person_stats() == people


def test_commit_that_fails_before_renaming_changes_nothing(
        kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, ann, _ = populated(kith_home)
    before = snapshot_db(kith_home)

    def disk_full(path: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folder, "write_file", disk_full)
    with pytest.raises(StoreError, match="disk is full"):
        store.record(make(ann))
    assert snapshot_db(kith_home) == before
    assert not list(kith_home.rglob("*.tmp"))


def _hold_lock(home: str, ready: multiprocessing.Event, seconds: float) -> None:
    fileset = FileSet(Path(home))
    with fileset.locked():
        ready.set()
        time.sleep(seconds)


def test_a_second_writer_waits_for_the_lock(kith_home: Path) -> None:
    store, ann, _ = populated(kith_home)
    ready = multiprocessing.get_context("fork").Event()
    holder = multiprocessing.get_context("fork").Process(
        target=_hold_lock, args=(str(kith_home), ready, 0.6))
    holder.start()
    assert ready.wait(10)
    started = time.monotonic()
    store.record(make(ann))
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.4, "the write did not wait for the other process's lock"
    assert len(list(Store(kith_home).interactions())) == 1


def test_writer_sees_changes_made_by_another_process(kith_home: Path) -> None:
    first, ann, _ = populated(kith_home)
    second = Store(kith_home)
    first.record(make(ann, 1))
    second.record(make(ann, 2))  # must not overwrite the first process's write
    assert len(list(Store(kith_home).interactions())) == 2


def test_newer_schema_is_refused_without_change(kith_home: Path) -> None:
    populated(kith_home)
    main = kith_home / "kith.json"
    data = orjson.loads(main.read_bytes())
    data["_meta"]["schema"]["version"] = migrations.SCHEMA_VERSION + 1
    main.write_bytes(orjson.dumps(data))
    before = snapshot_db(kith_home)
    with pytest.raises(StoreError, match="newer than this kith"):
        Store(kith_home)
    assert snapshot_db(kith_home) == before


@pytest.mark.parametrize(("content", "message"), [
    (b'{"_meta": {"schema": {"ver', "not valid JSON"),
    (b"[1, 2, 3]", "not a kith database"),
    (b'{"people": {}}', "not a kith database"),
])
def test_corrupt_or_foreign_files_are_clear_errors(kith_home: Path, content: bytes,
                                                   message: str) -> None:
    kith_home.mkdir(parents=True, exist_ok=True)
    (kith_home / "kith.json").write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Store(kith_home)
    assert (kith_home / "kith.json").read_bytes() == content


def test_version_1_database_is_migrated_with_a_backup(kith_home: Path) -> None:
    when = BASE.isoformat()
    old = {
        "_meta": {"schema": {"version": 1, "currency": "USD", "app": "kith"}},
        "networks": {"church": {"id": "church", "name": "Church", "kind": "church"}},
        "people": {"me": {"id": "me", "name": "Me"}, "p1": {"id": "p1", "name": "Ann"}},
        "interactions": {"01hm4ej8003mbq1bcdh2mdgc1k": {
            "id": "01hm4ej8003mbq1bcdh2mdgc1k", "when": when, "network": "church",
            "people": ["p1"], "direction": "gave", "kind": "help",
            "value": {"money": 0, "minutes": 30, "favours": 1, "fun": 0}}},
    }
    kith_home.mkdir(parents=True, exist_ok=True)
    (kith_home / "kith.json").write_bytes(orjson.dumps(old))
    store = Store(kith_home)
    assert store.schema_version == migrations.SCHEMA_VERSION
    assert store.currency == "USD"
    [moved] = list(store.interactions())
    assert moved.value == Value(minutes=30, favours=1)
    assert "interactions" not in orjson.loads((kith_home / "kith.json").read_bytes())
    assert store.network_months()["church"]["2024-01"]["gave"] == [0, 30, 1, 0, 1]
    backups = list((kith_home / "backups").iterdir())
    assert len(backups) == 1 and (backups[0] / "kith.json").exists()


def test_find_network_and_person_by_id_name_and_handle(kith_home: Path) -> None:
    store, ann, bob = populated(kith_home)
    assert store.find_network("church").id == "church"
    assert store.find_network("CHURCH").id == "church"
    assert store.find_network("Fri").id == "friends"
    with pytest.raises(NotFound, match="no network 'golf'"):
        store.find_network("golf")
    store.add_network(Network.create("Friends of Music", kind="association"))
    assert store.find_network("Friends").id == "friends"  # an exact name wins
    with pytest.raises(Ambiguous, match="ambiguous"):
        store.find_network("Fri")
    assert store.find_person("ann lee").id == ann.id
    assert store.find_person("ann@x.org").id == ann.id
    assert store.find_person("phone=+1 555 0100").id == bob.id
    assert store.find_person(ann.id[:13]).id == ann.id
    store.add_person(Person.create("Ann Lee"))
    with pytest.raises(Ambiguous, match="ambiguous"):
        store.find_person("Ann Lee")
    with pytest.raises(NotFound):
        store.find_person("Nobody")


def test_merge_moves_interactions_and_remembers(kith_home: Path) -> None:
    store, ann, bob = populated(kith_home)
    store.save_person(bob.with_changes(sources=("vcard:bob-uid",)))
    store.record(make(bob, 1))
    store.record(make(ann, 2, people=[ann.id, bob.id]))
    merged = store.merge_people(ann.id, bob.id)
    assert merged.handles == {"email": ["ann@x.org"], "phone": ["+15550100"]}
    assert "Bob Ray" in merged.aliases
    assert all(i.people == (ann.id,) for i in store.interactions())
    assert store.get_person(bob.id).id == ann.id  # the old id still resolves
    assert store.person_by_source("vcard:bob-uid").id == ann.id
    _, people = store.recompute_derived()
    assert store.person_stats() == people
    with pytest.raises(ValidationError, match="same person"):
        store.merge_people(ann.id, bob.id)


def test_remove_network_requires_force(kith_home: Path) -> None:
    store, ann, _ = populated(kith_home)
    store.record(make(ann))
    with pytest.raises(ValidationError, match="--force"):
        store.remove_network("church")
    assert store.remove_network("church", force=True) == 1
    assert store.get_network("church") is None
    assert store.network_months() == {}


def test_removing_a_network_takes_its_statistics_whole(kith_home: Path) -> None:
    store, ann, bob = populated(kith_home)
    store.upsert_interactions([make(ann, day, people=[ann.id, bob.id], source=f"t:{day}")
                               for day in range(0, 400, 7)])
    store.record(make(ann, 3, network="friends"))
    assert store.remove_network("church", force=True) == 58
    networks, people = store.recompute_derived()
    assert (store.network_months(), store.person_stats()) == (networks, people)
    assert set(store.person_stats()) == {ann.id} and set(people[ann.id]) == {"friends"}


operations = st.lists(st.tuples(st.sampled_from(["record", "edit", "delete"]),
                                st.integers(0, 400), st.integers(0, 5)), max_size=25)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_aggregates_always_equal_recomputation(tmp_path_factory: pytest.TempPathFactory,
                                               ops: list[tuple[str, int, int]]) -> None:
    home = tmp_path_factory.mktemp("agg")
    store, ann, bob = populated(home)
    ids: list[str] = []
    for op, day, amount in ops:
        if op == "record" or not ids:
            item = store.record(make(ann if amount % 2 else bob, day,
                                     value=Value(money=amount * 100, fun=amount),
                                     direction=["gave", "received", "shared"][amount % 3]))
            ids.append(item.id)
        elif op == "edit":
            target = store.get_interaction(ids[amount % len(ids)])
            store.replace_interaction(target.with_changes(
                when=BASE + timedelta(days=day), network="friends", people=(ann.id, bob.id),
                value=Value(minutes=amount)))
        else:
            store.delete_interaction(ids.pop(amount % len(ids)))
    networks, people = store.recompute_derived()
    assert store.network_months() == networks
    assert store.person_stats() == people
