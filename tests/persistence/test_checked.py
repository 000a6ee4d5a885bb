"""Derived files as kith wrote them are read without checking them again; any other file,
and a derived file changed since, is checked as ever (``kith.persistence.checked``)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core.errors import StoreError
from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.checked import RECORD, load
from kith.persistence.store import Store, people_shard
from kith.persistence.validation import validate_file

WHEN = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)


def _history(home: Path) -> str:
    store = Store(home)
    with store.transaction():
        store.add_network(Network(id="chess", name="Chess club", kind="other"))
        ann = store.add_person(Person(id="ann", name="Ann Lee"))
        store.record(Interaction(id="i1", network="chess", when=WHEN, direction="received",
                                 people=(ann.id,), kind="help", value=Value(favours=1)))
    return ann.id


def _checking(store: Store) -> list[str]:
    """The files ``store`` checks from now on, in order."""
    seen: list[str] = []

    def check(path: Any, name: str, data: dict[str, Any]) -> None:
        seen.append(name)
        validate_file(path, name, data)

    store.files.validate = check
    return seen


def test_derived_files_a_commit_wrote_are_read_unchecked_the_rest_is_checked(
        kith_home: Path) -> None:
    person = _history(kith_home)
    recorded = load(kith_home)
    assert people_shard(person) in recorded and "derived/networks.json" in recorded
    assert not [name for name in recorded if not name.startswith("derived/")]
    store = Store(kith_home, create=False)
    seen = _checking(store)
    assert store.person_stats(person)[person]["chess"]["received"][4] == 1
    assert store.network_months()["chess"]
    assert seen == ["kith.json"] or seen == []  # kith.json may be read before the spy
    list(store.interactions())
    assert [n for n in seen if n.startswith("derived/")] == []
    assert any(n.startswith("interactions/") for n in seen)


def test_a_derived_file_changed_since_kith_wrote_it_is_checked(kith_home: Path) -> None:
    person = _history(kith_home)
    shard = kith_home / people_shard(person)
    data = orjson.loads(shard.read_bytes())
    data["people"][person]["networks"]["chess"]["gave"] = ["lots"]
    shard.write_bytes(orjson.dumps(data))  # a hand edit: same file, another signature
    store = Store(kith_home, create=False)
    with pytest.raises(StoreError, match=r"person totals .* is damaged.*--repair"):
        store.person_stats()


def test_without_a_readable_record_every_derived_file_is_checked(kith_home: Path) -> None:
    person = _history(kith_home)
    (kith_home / RECORD).write_bytes(b'{"derived/networks.json": [1, 2')  # cut short
    assert load(kith_home) == {}
    store = Store(kith_home, create=False)
    seen = _checking(store)
    store.person_stats(person)
    store.network_months()
    assert people_shard(person) in seen and "derived/networks.json" in seen


def test_a_commit_records_the_derived_files_it_checked_and_only_those(kith_home: Path) -> None:
    person = _history(kith_home)
    (kith_home / RECORD).unlink()
    store = Store(kith_home, create=False)
    store.person_stats()  # every shard read, and checked
    with store.transaction():
        store.add_person(Person(id="bob", name="Bob Ray"))
    recorded = load(kith_home)
    shards = {str(p.relative_to(kith_home)) for p in (kith_home / "derived").glob("people-*")}
    assert people_shard(person) in shards
    assert shards <= set(recorded)
    assert "derived/networks.json" not in recorded  # neither read nor written: unknown


def test_an_edit_in_place_that_keeps_size_and_modification_time_is_still_checked(
        kith_home: Path) -> None:
    """Same inode, same size, the modification time set back: only the change time, which
    no program can set, tells; it is in the signature."""
    person = _history(kith_home)
    shard = kith_home / people_shard(person)
    before = shard.stat()
    text = shard.read_bytes()
    damaged = text.replace(b'"gave":[0,0,0,0,0]', b'"gave":[0,0,0,0.0]', 1)
    assert damaged != text and len(damaged) == len(text)
    with shard.open("r+b") as out:  # in place: the inode stays
        out.write(damaged)
    os.utime(shard, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = shard.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == \
        (before.st_ino, before.st_size, before.st_mtime_ns)
    store = Store(kith_home, create=False)
    with pytest.raises(StoreError, match=r"person totals .* is damaged"):
        store.person_stats()
